"""Builds the dbt project once on a small hand-written raw database (see fixtures.py)."""
from __future__ import annotations

import duckdb
import pytest

from .dbt_build import dbt_build
from .fixtures import load_families
from .raw_tables import create_raw_tables


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    database = tmp_path_factory.mktemp("dbt") / "helhed.duckdb"
    with duckdb.connect(str(database)) as con:
        create_raw_tables(con)
        load_families(con)
    dbt_build(database)
    con = duckdb.connect(str(database), read_only=True)
    yield con
    con.close()
