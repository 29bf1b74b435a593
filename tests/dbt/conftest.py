"""Builds the dbt project once on a small hand-written raw database (see fixtures.py)."""
from __future__ import annotations

import duckdb
import pytest

from .dbt_build import dbt_build
from .fixtures import load_families
from .raw_tables import create_raw_tables


def built_warehouse(database, *extra_loads):
    """The families of fixtures.py (and whatever `extra_loads(con)` add) in raw, built by dbt, opened read-only."""
    with duckdb.connect(str(database)) as con:
        create_raw_tables(con)
        load_families(con)
        for load in extra_loads:
            load(con)
    dbt_build(database)
    return duckdb.connect(str(database), read_only=True)


def one(con, sql, params=()) -> dict:
    """The single row `sql` returns, by column name; more or fewer rows fail the test."""
    rows = con.execute(sql, params).fetchall()
    assert len(rows) == 1, f"{len(rows)} rows from {sql}"
    return dict(zip([d[0] for d in con.description], rows[0]))


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = built_warehouse(tmp_path_factory.mktemp("dbt") / "helhed.duckdb")
    yield con
    con.close()
