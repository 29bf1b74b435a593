"""Erasure on request through the whole night: the mother of tests/e2e_extract.py asks to be erased. From the next
run her pseudonym is in no table of the published warehouse (raw, quarantine, derived), the outcomes are computed
without her, every file still adds up, and each source's receipt says what went. A man on support until 2013, in no
source since, is removed by retention (5 years) every night."""

import json

import duckdb
import pytest

from pipelines.cli import main
from pipelines.ingest.contracts import contracts_by_source
from pipelines.ingest.pseudonym import pseudonymise
from tests.e2e_extract import MOTHER, NEIGHBOUR, SOURCES, write_extract
from tests.landing_builder import write_snapshot

KEY = "erasure-test-key-not-secret"
GONE = "0101601234"


@pytest.fixture(scope="module")
def erased(tmp_path_factory):
    root = tmp_path_factory.mktemp("erasure")
    landing, warehouse = root / "landing", root / "warehouse" / "helhed.duckdb"
    write_extract(landing)
    # the job centre delivers again with a line for her that breaks a rule (quarantined, with her pseudonym), and
    # the neighbour on support, so that the support tables are not left empty once she is gone
    jobcenter = {**SOURCES["jobcenter"], "ydelser": [*SOURCES["jobcenter"]["ydelser"], {
        "cpr": MOTHER, "ydelse": "KONTANTHJAELP", "fra_dato": "2024-13-01", "til_dato": ""}, {
        "cpr": NEIGHBOUR, "ydelse": "KONTANTHJAELP", "fra_dato": "2023-01-02", "til_dato": "2023-06-30"}, {
        "cpr": GONE, "ydelse": "KONTANTHJAELP", "fra_dato": "2011-01-03", "til_dato": "2013-06-30"}]}
    write_snapshot(landing, "420", "jobcenter", "2026-11-21", jobcenter)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DAGSTER_HOME", str(root / "dagster"))
        mp.setenv("HELHED_PSEUDONYM_KEY", KEY)
        assert main(["run", "--landing", str(landing), "--warehouse", str(warehouse)]) == 0
        before = _cell(warehouse, "select n_adults from analytics.program_outcomes where cohort = 'ALL'")
        assert main(["erase", "--cpr", MOTHER, "--reason", "request 2026-117", "--warehouse", str(warehouse)]) == 0
        assert main(["run", "--landing", str(landing), "--warehouse", str(warehouse)]) == 0
    return warehouse, pseudonymise(MOTHER, KEY.encode()), before


def _cell(warehouse, sql):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def test_the_request_holds_her_pseudonym_never_her_number(erased):
    warehouse, pseudonym, _ = erased
    requests = warehouse.with_name("erasure-requests.jsonl")
    (entry,) = [json.loads(line) for line in requests.read_text(encoding="utf-8").splitlines()]
    assert (entry["pseudonym"], entry["reason"]) == (pseudonym, "request 2026-117")
    assert MOTHER not in requests.read_text(encoding="utf-8") and MOTHER.replace("-", "") not in requests.read_text()
    assert oct(requests.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("person", [MOTHER, GONE])
def test_she_and_the_man_long_gone_are_in_no_table_of_the_published_warehouse(erased, person):
    warehouse = erased[0]
    pseudonym = pseudonymise(person, KEY.encode())
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute("select schema_name, table_name from duckdb_tables() where schema_name <> 'audit' "
                             "or table_name <> 'erasures'").fetchall()
        found = [f"{schema}.{table}" for schema, table in tables
                 if pseudonym in str(con.execute(f'select * from "{schema}"."{table}"').fetchall())]
    assert len(tables) > 40 and found == []


def test_retention_receipts_name_the_rows_not_the_people(erased):
    warehouse = erased[0]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        receipts = con.execute("select pseudonym, rows_removed from audit.erasures "
                               "where ground = 'retention' and source = 'jobcenter' order by rows_removed").fetchall()
    # his one support spell, the first night; the second night carried the job centre's rows forward from the
    # published warehouse, which no longer held him: nobody to remove, no receipt
    assert receipts == [(None, 1)]


def test_the_outcomes_are_computed_without_her(erased):
    warehouse, _, before = erased
    assert before == 1
    assert _cell(warehouse, "select n_adults from analytics.program_outcomes where cohort = 'ALL'") == 0


def test_each_source_has_a_receipt_of_what_went(erased):
    warehouse, pseudonym, _ = erased
    with duckdb.connect(str(warehouse), read_only=True) as con:
        receipts = dict(con.execute("select source, rows_removed from audit.erasures where pseudonym = ? "
                                    "and ground = 'request'", [pseudonym]).fetchall())
        erased_in_files = con.execute("select sum(rows_erased) from audit.file_loads").fetchone()[0] - 1  # his
    # her rows in the extract, and the quarantined line of the job centre's new delivery
    expected = {source: sum(MOTHER in json.dumps(row) for rows in SOURCES.get(source, {}).values() for row in rows)
                for source in contracts_by_source()}
    expected["jobcenter"] += 1
    assert receipts == expected and expected["cpr"] == 3
    assert erased_in_files == sum(expected.values())


def test_a_number_that_is_no_cpr_number_records_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HELHED_PSEUDONYM_KEY", KEY)
    warehouse = tmp_path / "helhed.duckdb"
    assert main(["erase", "--cpr", "3213991234", "--reason", "x", "--warehouse", str(warehouse)]) == 2
    assert "no valid CPR number" in capsys.readouterr().err
    assert not warehouse.with_name("erasure-requests.jsonl").exists()
