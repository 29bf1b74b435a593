"""Which snapshot is in force: only complete ones whose files match the manifest; otherwise the previous one."""
import json


from pipelines.ingest.sources import ingest_source
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


def test_missing_column_rejects_extra_column_is_reported(con, landing):
    header = ["sag_id", "cpr_barn", "aabnet", "lukket", "sagsbehandler_id"]  # no lukkeaarsag
    write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": [_case("A")]}, header_override={"sager": header})
    ingest_source(con, landing, "boern")
    assert _statuses(con)["2026-11-21"] == ("rejected", "sager.csv: missing_column: lukkeaarsag")


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
    case = dict(_case("A"), lukkeaarsag="Flyttet til Århus")
    folder = write_snapshot(landing, "420", "boern", "2026-11-21", {"sager": [case]}, encoding="cp1252")
    manifest = json.loads((folder / "_manifest.json").read_text())
    manifest["encoding"] = "utf-8"
    (folder / "_manifest.json").write_text(json.dumps(manifest))
    ingest_source(con, landing, "boern")
    assert _statuses(con)["2026-11-21"] == (
        "rejected", "sager.csv: encoding: the file is not valid utf-8, the encoding its manifest states")
