"""`helhed quality` on hand-filled audit tables (audit_warehouse.py), run in process."""
import json

import duckdb
import pytest

from pipelines.cli import main

from .audit_warehouse import ALL_WELL, DUPLICATE, LOOKALIKE, TROUBLED, UNIQUE, audit_warehouse


@pytest.fixture
def troubled(tmp_path):
    return audit_warehouse(tmp_path / "troubled.duckdb", TROUBLED)


def quality_json(path, capsys) -> tuple[int, dict]:
    status = main(["quality", "--warehouse", str(path), "--json"])
    return status, json.loads(capsys.readouterr().out)


def by_source(report: dict) -> dict:
    return {s["source"]: s for s in report["sources"]}


def test_troubled_night_needs_the_operator(troubled, capsys):
    status, report = quality_json(troubled, capsys)
    assert status == 1 and report["needs_operator"]
    assert [(a["source"], a["reason"]) for a in report["attention"]] == [
        ("boern", "the newest delivery (2024-06-21) was rejected: sager.csv: row_count_mismatch"),
        ("boern", "indsatser.csv (2024-06-20): 2 rows quarantined"),
        ("cpr", "the snapshot in force was delivered 2024-06-10, 11 days ago"),
        ("program", "deltagelse.csv (2024-06-20): 20 rows delivered but 18 loaded + 0 quarantined"),
        (None, f"analytics.family_month: {UNIQUE}(family_id,program,month) failed: {DUPLICATE}"),
    ]


def test_snapshots_in_force_and_rejected(troubled, capsys):
    sources = by_source(quality_json(troubled, capsys)[1])
    assert sources["cpr"]["in_force"] == {"extract_date": "2024-06-10", "delivered_date": "2024-06-10",
                                          "origin": "published", "age_days": 11, "freshness": "error"}
    assert sources["boern"]["newest_delivery"]["status"] == "rejected"
    assert sources["program"]["newest_delivery"]["status"] == "loaded"
    assert [(r["extract_date"], r["file"], r["rule"]) for s in sources.values() for r in s["rejected"]] == [
        ("2024-06-21", "sager.csv", "row_count_mismatch"), ("2024-06-15", "maal.csv", "sha256_mismatch")]


def test_rows_per_file(troubled, capsys):
    sources = by_source(quality_json(troubled, capsys)[1])
    rows = [(f["file"], f["rows_delivered"], f["rows_loaded"], f["rows_quarantined"], f["balanced"],
             f["loaded_in_last_run"]) for s in sources.values() for f in s["files"]]
    assert rows == [
        ("indsatser.csv", 10, 8, 2, True, True), ("sager.csv", 5, 5, 0, True, True),
        ("personer.csv", 100, 99, 1, True, False), ("deltagelse.csv", 20, 18, 0, False, True),
    ]


def test_quarantined_lines_by_rule_with_masked_examples(troubled, capsys):
    boern = by_source(quality_json(troubled, capsys)[1])["boern"]
    assert [(q["rule"], q["lines"]) for q in boern["quarantine"]] == [("invalid_date", 1), ("too_many_fields", 1)]
    # Line 3 breaks invalid_date twice: one line, two examples.
    text = '{"start": "31-02-2024", "note": "ring <masked>"}'
    assert boern["quarantine"][0]["examples"] == [
        {"file": "indsatser.csv", "line": 3, "column_name": "slut", "detail": "'2024-13-01' is not a date",
         "text": text},
        {"file": "indsatser.csv", "line": 3, "column_name": "start", "detail": "'31-02-2024' is not a date",
         "text": text},
    ]
    assert boern["quarantine"][1]["examples"][0]["text"] == "B7;<masked>;x;y;z"


def test_expectations_of_the_last_run_with_their_history(troubled, capsys):
    expectations = quality_json(troubled, capsys)[1]["expectations"]
    assert expectations["last_run"] == {"run_id": "run-3", "run_at": "2024-06-21 02:11:00"}
    assert [(r["run_id"], r["expectations"], r["failed_blocking"], r["failed_warning"])
            for r in expectations["runs"]] == [("run-1", 2, 0, 0), ("run-2", 3, 0, 1), ("run-3", 3, 1, 1)]
    assert [(r["table_name"], r["column_name"], r["blocking"], r["success"], r["history"])
            for r in expectations["results"]] == [
        ("analytics.family_month", "family_id,program,month", True, False, [True, True, False]),
        ("analytics.family_month", "cost_total_dkk", False, False, [True, False, False]),
        ("analytics.program_outcomes", "families_single_adult_pct", True, True, [None, True, True]),
    ]


def test_terminal_report_says_the_same(troubled, capsys):
    assert main(["quality", "--warehouse", str(troubled)]) == 1
    text = capsys.readouterr().out
    assert "Needs the operator (5):" in text
    assert "0420 cpr: the snapshot in force was delivered 2024-06-10, 11 days ago" in text
    assert "row_count_mismatch" in text and "sha256_mismatch" in text
    assert "indsatser.csv:7 5 fields, the header has 4: B7;<masked>;x;y;z" in text
    assert "oldest first (✓ passed, ! warnings, ✗ blocking failure): ✓!✗" in text
    assert "✓✓✗" in text and "✓✗✗" in text


def test_no_cpr_shaped_text_is_printed(troubled, capsys):
    main(["quality", "--warehouse", str(troubled)])
    main(["quality", "--warehouse", str(troubled), "--json"])
    out = capsys.readouterr().out
    assert LOOKALIKE not in out and LOOKALIKE.replace("-", "") not in out and "<masked>" in out


def test_all_well_exits_zero(tmp_path, capsys):
    path = audit_warehouse(tmp_path / "well.duckdb", ALL_WELL)
    assert main(["quality", "--warehouse", str(path)]) == 0
    text = capsys.readouterr().out
    assert "All is well: nothing needs the operator." in text and "warning" in text
    status, report = quality_json(path, capsys)
    assert status == 0 and report["attention"] == [] and not report["needs_operator"]


def test_missing_warehouse_is_a_usage_error(tmp_path, capsys):
    assert main(["quality", "--warehouse", str(tmp_path / "none.duckdb")]) == 2
    assert "no warehouse file at" in capsys.readouterr().err


def test_audit_tables_of_an_older_schema_are_refused(tmp_path, capsys):
    old = {**TROUBLED, "expectation_results": []}
    path = audit_warehouse(tmp_path / "old.duckdb", old)
    with duckdb.connect(str(path)) as con:
        con.execute("alter table audit.expectation_results drop column run_id")
    assert main(["quality", "--warehouse", str(path), "--json"]) == 2
    assert "audit.expectation_results lacks run_id" in capsys.readouterr().err


def test_status_names_a_warehouse_of_an_older_schema(tmp_path, capsys, monkeypatch):
    path = audit_warehouse(tmp_path / "old.duckdb", TROUBLED)
    with duckdb.connect(str(path)) as con:
        con.execute("alter table audit.file_loads drop column rows_erased")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    assert main(["status", "--warehouse", str(path)]) == 1
    assert ("audit.file_loads lacks rows_erased: the warehouse was built by an older Helhed (run `helhed run` to "
            "rebuild it)") in capsys.readouterr().out
