"""A family enrolled in two programmes in the same months: dbt builds both, and every expectation passes.

The two families of fixtures.py, and F1 also in Hel Familie from 2023-03-01 to 2023-05-31 (A1 and C1), while it
is in Job og Familie (2023-01-02 .. 2023-12-31).
"""
from __future__ import annotations

import duckdb
import pytest

from pipelines.quality.checks import PUBLISHED_TABLES
from pipelines.quality.suites import validate_table

from .conftest import built_warehouse
from .fixtures import EXTRACT, KOMMUNE
from .raw_tables import insert_rows

SECOND = "Hel Familie"


def second_programme(pid: str, role: str) -> dict:
    return {"familie_ref": "F1", "cpr": pid, "rolle": role, "program": SECOND,
            "start": "2023-03-01", "slut": "2023-05-31", "casemanager_id": "CM2"}


@pytest.fixture(scope="module")
def two_programmes(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    rows = [second_programme("pa1", "VOKSEN"), second_programme("pc1", "BARN")]
    con = built_warehouse(tmp_path_factory.mktemp("dbt-two-programmes") / "helhed.duckdb",
                          lambda raw: insert_rows(raw, "program__deltagelse", KOMMUNE, EXTRACT, rows))
    yield con
    con.close()


def test_family_has_a_row_per_programme_in_the_shared_months(two_programmes):
    april = two_programmes.execute(
        "select program, is_enrolled from analytics.family_month"
        " where family_id = '420-F1' and month = '2023-04-01' order by program").fetchall()
    assert april == [(SECOND, True), ("Job og Familie", True)]
    # Hel Familie: 2022-03 (12 months before the start) .. 2023-05, enrolled 2023-03 .. 2023-05.
    assert two_programmes.execute(
        "select count(*), count(*) filter (where is_enrolled) from analytics.family_month"
        f" where family_id = '420-F1' and program = '{SECOND}'").fetchone() == (15, 3)


@pytest.mark.parametrize("table", PUBLISHED_TABLES)
def test_every_expectation_passes(two_programmes, table):
    validation = validate_table(two_programmes, table)
    assert [(r["expectation"], r["column_name"], r["observed"]) for r in validation.rows if not r["success"]] == []
