"""The whole nightly job through Dagster on a hand-written extract: published only when every blocking check passes."""
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dashboards import registry
from pipelines.cli import main
from tests.e2e_extract import EXTRACT_DATE, RAW_CPR_NUMBERS, write_extract
from tests.landing_builder import write_snapshot

# a CPR number stands on its own: not inside a run of letters and digits such as a run id (a UUID)
CPR_LIKE = re.compile(r"(?<![0-9A-Za-z])\d{6}-?\d{4}(?![0-9A-Za-z])")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("nightly")
    landing, warehouse = root / "landing", root / "warehouse" / "helhed.duckdb"
    write_extract(landing)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DAGSTER_HOME", str(root / "dagster"))
        assert main(["run", "--landing", str(landing), "--warehouse", str(warehouse)]) == 0
    return root, landing, warehouse


def _outcomes(warehouse) -> dict:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        frame = con.sql("SELECT * FROM analytics.program_outcomes WHERE cohort = 'ALL'").df()
    finally:
        con.close()
    assert len(frame) == 1
    return frame.iloc[0].to_dict()


def test_job_publishes_and_leaves_no_build_file(published):
    _, _, warehouse = published
    assert warehouse.exists()
    assert not warehouse.with_name(warehouse.name + ".building").exists()
    assert not warehouse.with_name(warehouse.name + ".wal").exists()
    assert oct(warehouse.stat().st_mode & 0o777) == "0o600"  # person-level rows: the owner only


def test_outcomes_of_the_hand_written_family(published):
    row = _outcomes(published[2])
    assert (row["kommunekode"], row["program"]) == ("420", "Job og Familie")
    assert (row["n_families"], row["n_adults"], row["n_children"]) == (1, 1, 1)
    # The mother: on kontanthjælp in the week of start, a woman aged 33, the only adult.
    assert row["adults_on_support_at_start_pct"] == 100
    assert row["adults_women_30_40_pct"] == 100
    assert row["families_single_adult_pct"] == 100
    # Unbroken support from 2021-01-04 to the start 2024-01-01: 3 years (156-157 weeks, 1092 days).
    assert 2.95 <= row["adults_support_years_before_start_avg"] <= 3.05
    # Off support from 2024-07-01, inside the enrolment, and still at its end (2025-06-30), not on SU.
    assert row["adults_self_supporting_run_pct"] == 100
    assert row["adults_self_supporting_at_end_pct"] == 100
    assert row["adults_in_work_at_end_n"] == 1
    # The daughter's case: open at start since 2022-07-01 (549 days = 1.503 years), closed 2025-03-01.
    assert row["children_open_case_at_start_pct"] == 100
    assert row["children_case_years_at_start_avg"] == pytest.approx(549 / 365.25, abs=0.01)
    assert row["children_case_closed_pct"] == 100
    # The year before start: family treatment 2023-01-02..2023-12-31 = 364 days at 7,000 DKK a week = 364,000 DKK,
    # plus 52-53 weeks of kontanthjælp at the 2023 rate of the rate table (3,235 DKK): 168,220-171,455 DKK.
    assert 364_000 + 52 * 3_235 - 1 <= row["cost_per_family_year_before_dkk"] <= 364_000 + 53 * 3_235 + 1


def test_no_cpr_number_anywhere_in_the_warehouse(published):
    _, _, warehouse = published
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns = con.execute(
            "SELECT table_schema, table_name, column_name FROM information_schema.columns "
            "WHERE data_type = 'VARCHAR'").fetchall()
        for schema, table, column in columns:
            sql = f'SELECT DISTINCT "{column}" FROM "{schema}"."{table}" WHERE "{column}" IS NOT NULL'
            values = con.execute(sql).fetchall()
            hits = [v for (v,) in values if CPR_LIKE.search(v)]
            assert not hits, f"{schema}.{table}.{column} holds CPR-like values"
    finally:
        con.close()
    content = warehouse.read_bytes()
    for number in RAW_CPR_NUMBERS:
        for form in {number, number.replace("-", ""), number[:6] + "-" + number[-4:]}:
            assert form.encode() not in content


def test_failed_run_keeps_the_published_warehouse(published, capsys, monkeypatch):
    root, landing, warehouse = published
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    # Municipality 461 delivers child welfare but no CPR register: a required source has no snapshot in force.
    write_snapshot(landing, "461", "boern", "2026-11-20", {})
    monkeypatch.setenv("DAGSTER_HOME", str(root / "dagster"))
    assert main(["run", "--landing", str(landing), "--warehouse", str(warehouse)]) == 1
    err = capsys.readouterr().err
    assert "cpr/personer:snapshot_in_force" in err and "461" in err
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before
    # the morning after: the failed run comes first, and the status says the operator is needed
    assert main(["status", "--warehouse", str(warehouse)]) == 1
    first_run = capsys.readouterr().out.splitlines()[1]
    assert " FAILURE " in first_run


def test_status_names_the_runs_and_the_snapshots_in_force(published, capsys, monkeypatch):
    root, _, warehouse = published
    monkeypatch.setenv("DAGSTER_HOME", str(root / "dagster"))
    main(["status", "--warehouse", str(warehouse), "--json"])
    status = json.loads(capsys.readouterr().out)
    assert status["runs"][-1]["status"] == "SUCCESS"  # the fixture's night, the oldest run
    in_force = {(s["kommunekode"], s["source"]): s["extract_date"] for s in status["sources"]}
    assert in_force[("420", "cpr")] == EXTRACT_DATE and in_force[("420", "program")] == EXTRACT_DATE


def test_status_without_runs_or_warehouse_needs_the_operator(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    assert main(["status", "--warehouse", str(tmp_path / "none.duckdb")]) == 1
    out = capsys.readouterr().out
    assert "  none yet" in out and f"no published warehouse at {tmp_path / 'none.duckdb'}" in out


def _query(warehouse, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_family_board_row_of_the_hand_written_family(published):
    (row,) = _query(published[2], """
        SELECT family_id, enrolment_start::VARCHAR, enrolment_end::VARCHAR, is_open, casemanager_id, n_adults,
               n_children,
               adults_on_support_at_start_n, adults_self_supporting_at_end_n, children_open_case_at_start_n,
               children_open_case_at_end_n, active_measures_at_end_n, children_placed_at_end_n
        FROM analytics.program_families""")
    # Ended 2025-06-30; the case closed 2025-03-01 and the only measure ended 2023-12-31.
    assert row == ("420-JF-0001", "2024-01-01", "2025-06-30", False, "CM01", 1, 1, 1, 1, 1, 0, 0, 0)


def test_family_months_of_the_hand_written_family(published):
    months = _query(published[2], """
        SELECT strftime(month, '%Y-%m'), is_enrolled, n_members, adults_on_support_n, adults_self_supporting_n,
               children_open_case_n, active_measures_n, cost_child_measures_dkk
        FROM analytics.family_month ORDER BY month""")
    by_month = {m[0]: m[1:] for m in months}
    # From 12 months before the start (2023-01) to the month of the end (2025-06): 30 months, 18 enrolled.
    assert len(months) == 30 and min(by_month) == "2023-01" and max(by_month) == "2025-06"
    assert sum(1 for m in months if m[1]) == 18
    # June 2023: mother on support, case open, family treatment active: 30 days at 7,000 DKK a week.
    assert by_month["2023-06"][:6] == (False, 2, 1, 0, 1, 1)
    assert by_month["2023-06"][6] == pytest.approx(30 * 1000)
    # December 2024: mother self-supporting, case still open, no measure, no cost.
    assert by_month["2024-12"] == (True, 2, 0, 1, 1, 0, 0)


def test_every_published_indicator_has_a_danish_label(published):
    columns = {c for (c,) in _query(published[2], """
        SELECT column_name FROM information_schema.columns
        WHERE table_schema = 'analytics' AND table_name = 'program_outcomes'""")}
    indicators = {c for c in columns
                  if c.endswith(("_pct", "_avg", "_dkk", "_end_n")) or c.startswith("n_")}
    labelled = {i for (i,) in _query(published[2],
                                     "SELECT indicator_id FROM analytics.indicators WHERE label_da <> ''")}
    assert indicators and indicators <= labelled


def test_broken_newest_snapshot_publishes_with_the_previous_rows_from_the_published_warehouse(published, tmp_path,
                                                                                             monkeypatch):
    _, _, warehouse = published
    landing, copy = tmp_path / "landing", tmp_path / "helhed.duckdb"
    write_extract(landing)
    shutil.copy(warehouse, copy)
    before = _query(copy, "SELECT * EXCLUDE (extract_date) FROM raw.boern__sager ORDER BY ALL")
    # The sending system kept only its newest delivery, and that one is truncated.
    shutil.rmtree(landing / "420" / "boern" / EXTRACT_DATE)
    write_snapshot(landing, "420", "boern", "2026-11-21", {}, manifest_rows={"sager": 5})
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    assert main(["run", "--landing", str(landing), "--warehouse", str(copy)]) == 0
    assert _query(copy, "SELECT * EXCLUDE (extract_date) FROM raw.boern__sager ORDER BY ALL") == before
    assert _query(copy, "SELECT extract_date::VARCHAR, status, file, rule FROM audit.snapshots "
                        "WHERE source = 'boern' ORDER BY 1") == [
        (EXTRACT_DATE, "carried_forward", None, None), ("2026-11-21", "rejected", "sager.csv", "row_count_mismatch")]
    assert _query(copy, "SELECT extract_date::VARCHAR, origin FROM audit.snapshots_in_force WHERE source = 'boern'"
                  ) == [(EXTRACT_DATE, "published")]
    assert _outcomes(copy)["n_children"] == 1


def _tables(warehouse, schema: str) -> dict[str, list[tuple]]:
    names = [t for (t,) in _query(warehouse, f"SELECT table_name FROM duckdb_tables() WHERE schema_name = '{schema}'")]
    return {name: _query(warehouse, f"SELECT * FROM {schema}.{name} ORDER BY ALL") for name in names}


def test_same_content_delivered_again_under_a_new_date_changes_nothing(published, tmp_path, monkeypatch):
    _, _, warehouse = published
    landing, copy = tmp_path / "landing", tmp_path / "helhed.duckdb"
    write_extract(landing)
    shutil.copy(warehouse, copy)
    for folder in landing.glob(f"420/*/{EXTRACT_DATE}"):
        again = shutil.copytree(folder, folder.with_name("2026-11-21"))
        manifest = json.loads((again / "_manifest.json").read_text())
        (again / "_manifest.json").write_text(json.dumps(dict(manifest, extract_date="2026-11-21")))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    assert main(["run", "--landing", str(landing), "--warehouse", str(copy)]) == 0
    assert _tables(copy, "analytics") == _tables(warehouse, "analytics")
    assert _tables(copy, "raw") == _tables(warehouse, "raw")
    statuses = _query(copy, "SELECT DISTINCT extract_date::VARCHAR, status FROM audit.snapshots ORDER BY 1")
    assert statuses == [(EXTRACT_DATE, "carried_forward"), ("2026-11-21", "duplicate")]


def test_the_run_history_home_has_dagster_telemetry_off(published):
    from dagster import DagsterInstance

    root, _, _ = published
    instance = DagsterInstance.from_config(str(root / "dagster"))
    try:
        assert instance.telemetry_enabled is False
        assert (instance.run_retries_enabled, instance.run_retries_max_retries) == (True, 1)
    finally:
        instance.dispose()


def test_an_operators_dagster_yaml_is_kept_and_gains_telemetry_off(tmp_path, monkeypatch):
    import yaml

    from pipelines.nightly import prepare_dagster_home

    home = tmp_path / "dagster"
    home.mkdir()
    (home / "dagster.yaml").write_text("run_retries:\n  enabled: true\n", encoding="utf-8")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    prepare_dagster_home()
    assert yaml.safe_load((home / "dagster.yaml").read_text(encoding="utf-8")) == {
        "run_retries": {"enabled": True}, "telemetry": {"enabled": False}}


def test_the_bench_reads_each_stage_and_source_from_the_run_history(published):
    from bench.nightly import step_times
    from pipelines.ingest.contracts import contracts_by_source

    root, _, _ = published
    first_step, stages, sources = step_times(root / "dagster")
    assert set(sources) == set(contracts_by_source())
    assert set(stages) == {"ingest", "dbt", "checks", "publish"}
    assert stages["dbt"] > max(sources.values()) > 0
    assert stages["ingest"] >= sum(sources.values())
    assert first_step > 1.7e9  # a Unix time, not a duration


def test_every_dashboard_page_answers_on_the_published_warehouse(published):
    # the bench's requests, in a process of its own: Dash keeps one callback registry per process
    _, _, warehouse = published
    bench = subprocess.run([sys.executable, "bench/dashboards.py", "--warehouse", str(warehouse), "--repeats", "1"],
                           capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    assert bench.returncode == 0, bench.stderr[-2000:]
    pages = {line.split(" | ")[1] for line in bench.stdout.splitlines() if line.startswith("| warehouse |")}
    assert pages == {page.title for page in registry.PAGES}  # every page of the app, each as its role


QUERIES = re.findall(r"```sql\n(.*?)```", (Path(__file__).resolve().parents[1] / "docs" / "queries.md")
                     .read_text(encoding="utf-8"), re.S)


def test_the_analysts_guide_has_its_queries():
    assert len(QUERIES) == 7


@pytest.mark.parametrize("sql", QUERIES, ids=[sql.split("\nfrom ", 1)[1].split()[0] for sql in QUERIES])
def test_every_query_of_the_analysts_guide_runs_on_the_published_warehouse(published, sql):
    from pipelines.query import connect, run

    _, _, warehouse = published
    with connect(warehouse) as con:
        rows = run(con, sql)
    named = [c.split(" as ")[-1].strip().split(".")[-1]
             for c in sql.split("select", 1)[1].split("\nfrom", 1)[0].replace("\n", " ").split(",")]
    assert list(rows.columns) == named
