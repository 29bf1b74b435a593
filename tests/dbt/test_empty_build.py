"""dbt build passes on a warehouse whose raw tables are all empty (optional sources not delivered)."""
from __future__ import annotations

import csv
from pathlib import Path

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
        # every indicator defined in the seed is published, data or not
        assert con.execute("select count(*) from analytics.indicators").fetchone() == (len(_defined_indicators()),)


def _defined_indicators() -> list[dict]:
    seed = Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "indicator_definitions.csv"
    with seed.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
