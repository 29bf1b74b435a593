"""Which snapshot is in force: only complete ones whose files match the manifest; otherwise the previous one."""
import json
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.ingest.published import attach
from pipelines.ingest.sources import ingest_source, prepare
from tests.landing_builder import write_snapshot

CHILD = "010115-4321"  # valid: 7th digit 4 with YY <= 36 is born 2015


def _case(sag_id: str, opened: str = "2020-02-01") -> dict:
    return {"sag_id": sag_id, "cpr_barn": CHILD, "aabnet": opened, "sagsbehandler_id": "SB1"}


def _cases(con) -> list[str]:
    return [r[0] for r in con.execute("SELECT sag_id FROM raw.boern__sager ORDER BY sag_id").fetchall()]


def _statuses(con) -> dict[str, tuple]:
    rows = con.execute("SELECT extract_date::VARCHAR, status, reason FROM audit.snapshots").fetchall()
    return {d: (status, reason) for d, status, reason in rows}


def test_snapshot_without_manifest_is_not_loaded_and_previous_stays(con, landing):
    write_snapshot(landing, "420", "boern", "2026-11-20", {"sager": [_case("OLD")]})
    write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": [_case("NEW")]}, with_manifest=False)
    outcome = ingest_source(con, landing, "boern")
    assert _cases(con) == ["OLD"]
    assert str(outcome.loaded["420"]) == "2026-11-20"
    assert _statuses(con)["2026-11-21"][0] == "incomplete"


def test_wrong_row_count_rejects_snapshot_naming_file_and_rule(con, landing):
    write_snapshot(landing, "420", "boern", "2026-11-20", {"sager": [_case("OLD")]})
    write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": [_case("NEW1"), _case("NEW2")]},
                   manifest_rows={"sager": 3})
    ingest_source(con, landing, "boern")
    assert _cases(con) == ["OLD"]
    status, reason = _statuses(con)["2026-11-21"]
    assert status == "rejected"
    assert reason == "sager.csv: row_count_mismatch: manifest says 3 rows, file has 2"
    assert _statuses(con)["2026-11-20"] == ("loaded", None)


def test_changed_file_fails_sha256(con, landing):
    folder = write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": [_case("A")]})
    (folder / "sager.csv").write_text((folder / "sager.csv").read_text().replace("SB1", "SB2"))
    outcome = ingest_source(con, landing, "boern")
    assert outcome.loaded == {}
    assert "sager.csv: sha256_mismatch" in _statuses(con)["2026-11-21"][1]


def test_missing_required_column_rejects_the_snapshot(con, landing):
    header = ["sag_id", "cpr_barn", "lukket", "sagsbehandler_id", "lukkeaarsag"]  # no aabnet, which is required
    write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": [_case("A")]}, header_override={"sager": header})
    ingest_source(con, landing, "boern")
    assert _statuses(con)["2026-11-21"] == ("rejected", "sager.csv: missing_column: aabnet")
    assert con.execute("SELECT file, rule FROM audit.snapshots").fetchall() == [("sager.csv", "missing_column")]


def test_missing_optional_column_loads_empty_and_extra_column_is_reported(con, landing):
    header = ["sag_id", "cpr_barn", "aabnet", "lukket", "sagsbehandler_id", "kommentar"]  # no lukkeaarsag
    write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": [_case("A")]}, header_override={"sager": header})
    ingest_source(con, landing, "boern")
    assert con.execute("SELECT sag_id, lukkeaarsag FROM raw.boern__sager").fetchall() == [("A", None)]
    (warnings,) = con.execute("SELECT warnings FROM audit.file_loads WHERE file = 'sager.csv'").fetchone()
    assert warnings == "optional columns missing, loaded as empty: lukkeaarsag; extra columns not loaded: kommentar"


def test_manifest_for_another_municipality_is_rejected(con, landing):
    folder = write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": [_case("A")]})
    manifest = json.loads((folder / "_manifest.json").read_text())
    manifest["kommunekode"] = "461"
    (folder / "_manifest.json").write_text(json.dumps(manifest))
    ingest_source(con, landing, "boern")
    assert _statuses(con)["2026-11-21"][1].startswith("_manifest.json: manifest_mismatch")


def test_each_municipality_keeps_its_own_newest_snapshot(con, landing):
    write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": [_case("ASSENS")]})
    write_snapshot(landing, "461", "boern", "2026-11-19", {"sager": [_case("ODENSE")]})
    ingest_source(con, landing, "boern")
    rows = con.execute("SELECT kommunekode, extract_date::VARCHAR, sag_id FROM raw.boern__sager ORDER BY 1").fetchall()
    assert rows == [("420", "2026-11-21", "ASSENS"), ("461", "2026-11-19", "ODENSE")]


def test_file_in_another_encoding_than_the_manifest_says_is_rejected(con, landing):
    cases = [dict(_case("A"), lukkeaarsag="Flyttet til Århus"), dict(_case("B"), lukkeaarsag="Anbragt på Fyn")]
    folder = write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": cases}, encoding="cp1252")
    manifest = json.loads((folder / "_manifest.json").read_text())
    manifest["encoding"] = "utf-8"
    (folder / "_manifest.json").write_text(json.dumps(manifest))
    ingest_source(con, landing, "boern")
    assert _statuses(con)["2026-11-21"] == (
        "rejected", "sager.csv: encoding: the file is not valid utf-8, the encoding its manifest states")


def test_utf8_file_declared_cp1252_is_rejected(con, landing):
    folder = write_snapshot(landing, "420", "boern", "2026-11-21",
                            {"sager": [dict(_case("A"), lukkeaarsag="Flyttet til Århus")]}, encoding="utf-8")
    manifest = json.loads((folder / "_manifest.json").read_text())
    manifest["encoding"] = "cp1252"
    (folder / "_manifest.json").write_text(json.dumps(manifest))
    ingest_source(con, landing, "boern")
    assert _statuses(con)["2026-11-21"] == ("rejected", "sager.csv: encoding: the file is UTF-8, its manifest states cp1252")


def _published(tmp_path, landing) -> Path:
    """Last night's warehouse: the landing as it was then, loaded into a file."""
    path = tmp_path / "published.duckdb"
    con = duckdb.connect(str(path))
    prepare(con, b"test-key")
    ingest_source(con, landing, "boern", today=date(2026, 11, 20))
    con.close()
    return path


@pytest.fixture
def tonight(tmp_path, landing):
    """Tonight's build, with last night's published warehouse (a landing holding one good snapshot) attached."""
    write_snapshot(landing, "420", "boern", "2026-11-20", {"sager": [_case("OLD")]})
    path = _published(tmp_path, landing)
    shutil.rmtree(landing / "420" / "boern" / "2026-11-20")  # the sending system keeps only its newest deliveries
    con = duckdb.connect()
    prepare(con, b"test-key")
    attach(con, path)
    yield con
    con.close()


def _in_force(con) -> list[tuple]:
    return con.execute("SELECT extract_date::VARCHAR, delivered_date::VARCHAR, origin, age_days, freshness "
                       "FROM audit.snapshots_in_force").fetchall()


def test_broken_newest_snapshot_keeps_the_published_rows_when_the_landing_has_nothing_else(tonight, landing):
    write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": [_case("NEW")]}, manifest_rows={"sager": 2})
    outcome = ingest_source(tonight, landing, "boern", today=date(2026, 11, 21))
    assert _cases(tonight) == ["OLD"]
    assert tonight.execute("SELECT extract_date::VARCHAR FROM raw.boern__sager").fetchall() == [("2026-11-20",)]
    assert str(outcome.loaded["420"]) == "2026-11-20"
    assert _statuses(tonight)["2026-11-20"] == ("carried_forward", "rows kept from the published warehouse")
    assert _statuses(tonight)["2026-11-21"][0] == "rejected"
    assert _in_force(tonight) == [("2026-11-20", "2026-11-20", "published", 1, "fresh")]
    assert tonight.execute("SELECT rows_delivered, rows_loaded FROM audit.file_loads WHERE file = 'sager.csv'"
                           ).fetchall() == [(1, 1)]


def test_no_delivery_at_all_keeps_the_published_rows_and_ages_them(tonight, landing):
    ingest_source(tonight, landing, "boern", today=date(2026, 11, 29))
    assert _cases(tonight) == ["OLD"]
    assert _in_force(tonight) == [("2026-11-20", "2026-11-20", "published", 9, "error")]


def test_a_new_valid_snapshot_replaces_the_published_rows(tonight, landing):
    write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": [_case("NEW")]})
    ingest_source(tonight, landing, "boern", today=date(2026, 11, 23))
    assert _cases(tonight) == ["NEW"]
    assert _in_force(tonight) == [("2026-11-21", "2026-11-21", "landing", 2, "warning")]


def test_same_content_delivered_again_keeps_its_first_date(tonight, landing):
    write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": [_case("OLD")]})
    ingest_source(tonight, landing, "boern", today=date(2026, 11, 21))
    assert tonight.execute("SELECT sag_id, extract_date::VARCHAR FROM raw.boern__sager").fetchall() == [
        ("OLD", "2026-11-20")]
    assert _statuses(tonight)["2026-11-21"] == ("duplicate", "same content as 2026-11-20")
    assert _in_force(tonight) == [("2026-11-20", "2026-11-21", "published", 0, "fresh")]


def test_repeated_deliveries_in_the_landing_load_once_dated_by_the_first(con, landing):
    for day in ("2026-11-19", "2026-11-20", "2026-11-21"):
        write_snapshot(landing, "420", "boern", day, {"sager": [_case("SAME")]})
    ingest_source(con, landing, "boern", today=date(2026, 11, 21))
    assert con.execute("SELECT sag_id, extract_date::VARCHAR FROM raw.boern__sager").fetchall() == [
        ("SAME", "2026-11-19")]
    statuses = {d: s for d, (s, _) in _statuses(con).items()}
    assert statuses == {"2026-11-21": "duplicate", "2026-11-20": "duplicate", "2026-11-19": "loaded"}
