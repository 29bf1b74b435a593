"""dbt build passes on a warehouse whose raw tables are all empty (optional sources not delivered)."""
from __future__ import annotations

import duckdb

from .dbt_build import dbt_build
from .raw_tables import create_raw_tables


def test_build_on_empty_raw_tables(tmp_path):
    database = tmp_path / "empty.duckdb"
    with duckdb.connect(str(database)) as con:
        create_raw_tables(con)
    dbt_build(database)
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.execute("select count(*) from analytics.program_outcomes").fetchone() == (0,)
        assert con.execute("select count(*) from analytics.indicators").fetchone() == (20,)
