"""Every fault the generator injects, through the whole nightly job (issue 14).

The faulty landing is compared with the landing a faultless delivery of the same valid rows would be: the clean
landing of the same seed with the faulted rows deleted and every snapshot of the day that should not come into force
removed. Both runs must publish; the faulty one must report each fault where the sidecar says, and lose nothing else.
"""
import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines.cli import main
from pipelines.synthetic import generate
from pipelines.synthetic.faults import FAULTS

pytestmark = pytest.mark.job

TODAY = date.today()
ONE_DAY = timedelta(days=1)
DAY, PREVIOUS = TODAY, TODAY - ONE_DAY
KOMMUNEKODE = "420"
SOURCES = ("cpr", "jobcenter", "boern", "voksen", "program", "organisation", "politi", "skole")
PARSE_RULES = {"too_many_fields", "too_few_fields", "malformed_quotes", "invalid_encoding", "nul_byte"}


@dataclass
class Runs:
    root: Path
    faults: dict[str, dict]
    exit_codes: dict[str, int]

    def landing(self, name: str) -> Path:
        return self.root / name

    def warehouse(self, name: str) -> Path:
        return self.root / f"{name}-warehouse" / "helhed.duckdb"

    def query(self, name: str, sql: str, params=()) -> list[tuple]:
        assert self.warehouse(name).exists(), f"the {name} run published nothing"
        con = duckdb.connect(str(self.warehouse(name)), read_only=True)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def both(self) -> duckdb.DuckDBPyConnection:
        """An in-memory connection with both published warehouses attached as `faulty` and `expected`."""
        con = duckdb.connect()
        for name in ("faulty", "expected"):
            assert self.warehouse(name).exists(), f"the {name} run published nothing"
            con.execute(f"ATTACH '{self.warehouse(name)}' AS {name} (READ_ONLY)")
        return con

    def row_faults(self) -> dict[tuple[str, str], dict[int, str]]:
        """(source, file) -> {data row: rule} of every row fault."""
        by_file: dict[tuple[str, str], dict[int, str]] = {}
        for entry in self.faults.values():
            if entry["level"] == "row":
                by_file.setdefault((entry["source"], entry["file"]), {}).update(
                    {row: entry["rule"] for row in entry["rows"]})
        return by_file


def _drop_rows(folder: Path, file: str, rows: set[int]) -> None:
    """Delete data rows (1-based) from a delivered file and make its manifest entry match again."""
    path = folder / file
    header, *data = path.read_bytes().split(b"\n")[:-1]
    content = b"".join(line + b"\n" for line in [header, *(d for i, d in enumerate(data, 1) if i not in rows)])
    path.write_bytes(content)
    manifest = json.loads((folder / "_manifest.json").read_text(encoding="utf-8"))
    manifest["tables"][path.stem].update(rows=content.count(b"\n") - 1, sha256=hashlib.sha256(content).hexdigest())
    (folder / "_manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def derive_expected(landing: Path, runs: Runs) -> None:
    """Rows past the clean file's end (duplicated copies) simply are not there to delete."""
    for (source, file), rows in runs.row_faults().items():
        _drop_rows(landing / KOMMUNEKODE / source / DAY.isoformat(), file, set(rows))
    for entry in runs.faults.values():
        if entry["level"] == "file":
            shutil.rmtree(landing / KOMMUNEKODE / entry["source"] / DAY.isoformat())


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Runs:
    root = tmp_path_factory.mktemp("faults_job")
    for name, faults in (("faulty", ("all",)), ("expected", ())):
        generate(root / name, residents=3000, seed=5, kommunekoder=(KOMMUNEKODE,), extract_date=TODAY, snapshots=2,
                 faults=faults)
    truth = json.loads((root / "faulty.truth.json").read_text(encoding="utf-8"))
    result = Runs(root, {entry["fault"]: entry for entry in truth["faults"]}, {})
    derive_expected(root / "expected", result)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DAGSTER_HOME", str(root / "dagster"))
        for name in ("faulty", "expected"):
            args = ["run", "--landing", str(result.landing(name)), "--warehouse", str(result.warehouse(name))]
            result.exit_codes[name] = main(args)
    return result


def test_both_runs_publish(runs):
    assert runs.exit_codes == {"faulty": 0, "expected": 0}


def test_every_fault_of_the_generator_is_in_the_landing(runs):
    assert set(runs.faults) == set(FAULTS)


def test_quarantine_holds_exactly_the_faulted_lines_with_their_rules(runs):
    """Line = data row + 1; one quarantine row per broken rule, and each faulted row breaks exactly one."""
    expected = sorted((source, file, row + 1, rule) for (source, file), rows in runs.row_faults().items()
                      for row, rule in rows.items())
    quarantined = runs.query("faulty", "SELECT source, file, line, rule FROM audit.quarantine ORDER BY ALL")
    assert quarantined == expected
    assert runs.query("expected", "SELECT count(*) FROM audit.quarantine") == [(0,)]


def test_quarantine_rows_say_where_and_why(runs):
    rows = runs.query("faulty", """
        SELECT rule, kommunekode, extract_date, table_name, source_row = line - 1,
               column_name IS NULL, row_json IS NULL, raw_line IS NULL
        FROM audit.quarantine""")
    for rule, kommunekode, extract_date, table_name, row_matches_line, *nulls in rows:
        assert (kommunekode, extract_date, row_matches_line) == (KOMMUNEKODE, DAY, True)
        assert table_name.split("__")[0] in {"jobcenter", "program"}
        # a parse fault has no columns to name, only the delivered line; a broken contract rule the reverse
        assert nulls == ([True, True, False] if rule in PARSE_RULES else [False, False, True]), rule


def _snapshot(runs, source: str, day: date) -> list[tuple]:
    return runs.query("faulty", "SELECT status, file, rule FROM audit.snapshots "
                                "WHERE kommunekode = ? AND source = ? AND extract_date = ?", [KOMMUNEKODE, source, day])


def _in_force(runs, source: str) -> tuple:
    (row,) = runs.query("faulty", "SELECT extract_date, delivered_date, origin FROM audit.snapshots_in_force "
                                  "WHERE kommunekode = ? AND source = ?", [KOMMUNEKODE, source])
    return row


FILE_FAULT_STATUS = {
    "incomplete": lambda entry: [("incomplete", None, None)],
    "late": lambda entry: [],
    "duplicate": lambda entry: [("duplicate", None, None)],
}


def _content(folder: Path) -> dict:
    manifest = json.loads((folder / "_manifest.json").read_text(encoding="utf-8"))
    return {key: value for key, value in manifest.items() if key != "extract_date"}


def _first_delivery(landing: Path, source: str, delivered: date) -> date:
    """The date the content delivered on `delivered` was first delivered: equal content on the days before counts."""
    def folder(day: date) -> Path:
        return landing / KOMMUNEKODE / source / day.isoformat()

    day = delivered
    while folder(day - ONE_DAY).exists() and _content(folder(day - ONE_DAY)) == _content(folder(day)):
        day -= ONE_DAY
    return day


def in_force(runs, source: str) -> tuple[date, date]:
    """(extract date of the rows, date delivered) the faulty run must have in force for `source`, from the landing:
    a duplicate of the previous day's content is today's delivery; every other file fault leaves the day before."""
    entry = next((e for e in runs.faults.values() if e["source"] == source and e["level"] == "file"), None)
    delivered = DAY if entry is None or entry["rule"] == "duplicate" else PREVIOUS
    return _first_delivery(runs.landing("faulty"), source, delivered), delivered


@pytest.mark.parametrize("fault", [f for f, spec in FAULTS.items() if spec.level == "file"])
def test_file_fault_keeps_the_previous_snapshot_in_force(runs, fault):
    entry = runs.faults[fault]
    source, rule = entry["source"], entry["rule"]
    status = FILE_FAULT_STATUS.get(rule, lambda e: [("rejected", e["file"], e["rule"])])(entry)
    assert _snapshot(runs, source, DAY) == status
    extract_date, delivered = in_force(runs, source)
    assert _in_force(runs, source) == (extract_date, delivered, "landing")
    tables = runs.query("faulty", "SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw'")
    for table in (t for (t,) in tables if t.startswith(f"{source}__")):
        dates = runs.query("faulty", f"SELECT DISTINCT extract_date FROM raw.{table}")
        assert dates in ([(extract_date,)], []), table


def test_extra_column_is_a_warning_and_the_file_loads(runs):
    (row,) = runs.query("faulty", """
        SELECT extract_date, rows_delivered, rows_loaded, warnings FROM audit.file_loads
        WHERE source = 'program' AND file = 'deltagelse.csv'""")
    assert row[:3] == (DAY, row[1], row[1]) and "kommentar" in row[3]


def _row_map(runs, con) -> None:
    """expected source_row -> faulty source_row: the faulty file's rows in order, faulted rows skipped."""
    con.execute("CREATE TEMP TABLE row_map (table_name VARCHAR, expected_row BIGINT, faulty_row BIGINT)")
    for (source, file), rows in runs.row_faults().items():
        folder = runs.landing("faulty") / KOMMUNEKODE / source / DAY.isoformat()
        delivered = json.loads((folder / "_manifest.json").read_text(encoding="utf-8"))["tables"][file[:-4]]["rows"]
        kept = [r for r in range(1, delivered + 1) if r not in rows]
        con.executemany("INSERT INTO row_map VALUES (?, ?, ?)",
                        [(f"{source}__{file[:-4]}", e, f) for e, f in enumerate(kept, 1)])


def test_every_valid_row_arrived_in_raw(runs):
    """Equal multisets per raw table, with the expected run's source_row mapped onto the faulty file's numbering.

    The extract date is the one the faulty run must have in force: a late source may have delivered the same
    content the day before yesterday already, which the expected landing cannot show."""
    con = runs.both()
    _row_map(runs, con)
    con.execute("CREATE TEMP TABLE in_force (source VARCHAR, extract_date DATE)")
    con.executemany("INSERT INTO in_force VALUES (?, ?)", [(s, in_force(runs, s)[0]) for s in SOURCES])
    tables = [t for (t,) in con.execute("SELECT table_name FROM information_schema.tables "
                                        "WHERE table_catalog = 'expected' AND table_schema = 'raw'").fetchall()]
    assert len(tables) == 20
    for table in tables:
        expected = (f"SELECT e.* REPLACE (coalesce(m.faulty_row, e.source_row) AS source_row, "
                    f"f.extract_date AS extract_date) "
                    f"FROM expected.raw.{table} e JOIN in_force f ON f.source = '{table.split('__')[0]}' "
                    f"LEFT JOIN row_map m ON m.table_name = '{table}' AND m.expected_row = e.source_row")
        faulty = f"SELECT * FROM faulty.raw.{table}"
        missing = con.execute(f"SELECT count(*) FROM ({expected} EXCEPT ALL {faulty})").fetchone()[0]
        extra = con.execute(f"SELECT count(*) FROM ({faulty} EXCEPT ALL {expected})").fetchone()[0]
        total = con.execute(f"SELECT count(*) FROM expected.raw.{table}").fetchone()[0]
        assert (missing, extra) == (0, 0), f"raw.{table}: {missing} of {total} rows missing, {extra} extra"


def _frame(con, catalog: str, table: str) -> pd.DataFrame:
    frame = con.execute(f"SELECT * FROM {catalog}.analytics.{table}").df()
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def test_published_figures_equal_those_of_the_faultless_delivery(runs):
    con = runs.both()
    tables = {catalog: sorted(t for (t,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = ? AND table_schema = 'analytics'",
        [catalog]).fetchall()) for catalog in ("faulty", "expected")}
    assert tables["faulty"] == tables["expected"] and tables["expected"]
    for table in tables["expected"]:
        expected = _frame(con, "expected", table)
        assert len(expected) > 0, table
        pd.testing.assert_frame_equal(_frame(con, "faulty", table), expected, check_exact=False, rtol=1e-9,
                                      atol=1e-9, obj=f"analytics.{table}")


@pytest.mark.parametrize("name", ["faulty", "expected"])
def test_every_delivered_line_is_loaded_or_quarantined(runs, name):
    loads = runs.query(name, """
        SELECT f.source, f.extract_date, f.file, f.rows_delivered, f.rows_loaded, f.rows_quarantined, f.rows_erased,
               (SELECT count(DISTINCT q.line) FROM audit.quarantine q WHERE q.kommunekode = f.kommunekode
                AND q.source = f.source AND q.extract_date = f.extract_date AND q.file = f.file)
        FROM audit.file_loads f""")
    assert len(loads) == 20
    # rows erased: the people retention removed (gone from every source for more than 5 years)
    for source, extract_date, file, delivered, loaded, quarantined, erased, distinct_lines in loads:
        folder = runs.landing(name) / KOMMUNEKODE / source / extract_date.isoformat()
        announced = json.loads((folder / "_manifest.json").read_text(encoding="utf-8"))["tables"][file[:-4]]["rows"]
        assert (delivered, quarantined) == (loaded + quarantined + erased, distinct_lines), file
        assert delivered == announced, file


def _cpr_numbers_of_faulted_lines(runs) -> set[str]:
    numbers = set()
    for (source, file), rows in runs.row_faults().items():
        path = runs.landing("faulty") / KOMMUNEKODE / source / DAY.isoformat() / file
        header, *data = path.read_bytes().split(b"\n")[:-1]
        columns = [i for i, name in enumerate(header.split(b";")) if name.startswith(b"cpr")]
        for row in rows:
            fields = data[row - 1].split(b";")
            numbers |= {fields[i].strip(b'"').decode("ascii", "replace") for i in columns if i < len(fields)}
    return {n for n in numbers if len(n.replace("-", "")) == 10}


def test_no_cpr_number_of_a_faulted_line_reaches_the_warehouse(runs):
    numbers = _cpr_numbers_of_faulted_lines(runs)
    assert len(numbers) >= 10
    content = runs.warehouse("faulty").read_bytes()
    assert not [n for n in numbers if n.encode() in content or n.replace("-", "").encode() in content]
    texts = runs.query("faulty", "SELECT coalesce(raw_line, '') || coalesce(row_json, '') || coalesce(detail, '') "
                                 "FROM audit.quarantine")
    assert not [n for n in numbers for (text,) in texts if n in text or n.replace("-", "") in text]
