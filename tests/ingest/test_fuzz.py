"""Property-based fuzzing of the loader: whatever bytes and manifest a snapshot holds, no exception escapes, and the
snapshot is either rejected naming a file and a file rule, or every delivered line is loaded or quarantined.

`make test` runs the `default` profile (a few hundred cases), `make fuzz` the `fuzz` profile (10,000 or more);
profiles in tests/conftest.py.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import duckdb
from hypothesis import event, example, given

from pipelines.ingest.contracts import contracts_by_source
from pipelines.ingest.sources import ingest_source, prepare
from tests.ingest.fuzz_deliveries import (
    CPR_IN_FREE_TEXT,
    CPR_NUMBERS,
    EXTRACT_DATE,
    Delivery,
    Format,
    deliveries,
    write,
)

FILE_RULES = {
    "manifest_unreadable", "manifest_mismatch", "manifest_encoding", "manifest_date_format", "manifest_decimal",
    "manifest_delimiter", "manifest_tables", "manifest_rows", "file_missing", "sha256_mismatch", "row_count_mismatch",
    "header_unreadable", "missing_column", "duplicate_column", "encoding",
}  # csv_unparseable and unaccounted_lines are a safety net that should never fire: here they fail the test
CONTENT_RULES = {"header_unreadable", "missing_column", "duplicate_column", "encoding"}
_CONNECTION: list[duckdb.DuckDBPyConnection] = []


def _fresh_warehouse() -> duckdb.DuckDBPyConnection:
    """One in-memory warehouse per process, emptied for each case (creating it takes longer than a case)."""
    if not _CONNECTION:
        con = duckdb.connect()
        prepare(con, b"fuzz-key")
        _CONNECTION.append(con)
    con = _CONNECTION[0]
    for schema, table in con.execute("SELECT schema_name, table_name FROM duckdb_tables() "
                                     "WHERE schema_name IN ('raw', 'audit')").fetchall():
        con.execute(f"DELETE FROM {schema}.{table}")
    return con


def _found(source: str, target: str, rows: list[dict], *mutations: tuple) -> Delivery:
    tables = {c.table: rows if c.table == target else [] for c in contracts_by_source()[source]}
    return Delivery(source, Format("utf-8", "%Y-%m-%d", "."), tables, target, list(mutations))


CASE = {"sag_id": "S2", "cpr_barn": "0101154321", "aabnet": "2020-02-01", "sagsbehandler_id": "SB1",
        "lukkeaarsag": "Afsluttet"}


# Cases the fuzzing found, kept so every run tries them first.
@example(_found("program", "deltagelse", [], ("double_delimiter", 0)))  # header `familie_ref;;cpr;...`
# header ending in `\r\r\n`, then a last line ending in `\r` without `\n`
@example(_found("boern", "sager", [CASE], ("crlf",), ("no_final_newline",), ("crlf",)))
@given(deliveries())
def test_every_line_is_accounted_for_or_the_snapshot_rejected(delivery: Delivery):
    with tempfile.TemporaryDirectory(prefix="helhed-fuzz-") as tmp:
        landing = Path(tmp)
        folder, before, after = write(landing, delivery)
        con = _fresh_warehouse()
        ingest_source(con, landing, delivery.source)
        ((status, file, rule),) = con.execute("SELECT status, file, rule FROM audit.snapshots").fetchall()
        event(f"{status} {rule or ''}")
        if delivery.manifest == "no_manifest":
            assert status == "incomplete"
        elif status == "rejected":
            _check_rejection(delivery, file, rule, before, after)
        else:
            assert status == "loaded" and delivery.manifest in ("consistent", "stale")
            _check_accounting(con, delivery, folder)
            _check_unchanged_lines_arrive(con, delivery, before, after)
        _check_no_cpr_number(con, delivery.source)


def _check_rejection(delivery: Delivery, file: str | None, rule: str | None, before: bytes, after: bytes) -> None:
    assert file and rule in FILE_RULES, (file, rule)
    if delivery.manifest == "consistent" or (delivery.manifest == "stale" and before == after):
        assert rule in CONTENT_RULES and file == f"{delivery.target}.csv", (file, rule)
    elif delivery.manifest in ("bad_sha", "drop_sha", "stale"):
        assert (file, rule) == (f"{delivery.target}.csv", "sha256_mismatch")


def _check_accounting(con, delivery: Delivery, folder: Path) -> None:
    """delivered = loaded + quarantined, quarantined = distinct lines in quarantine, delivered = manifest rows."""
    manifest = json.loads((folder / "_manifest.json").read_text(encoding="utf-8"))
    loads = con.execute("""
        SELECT f.table_name, f.file, f.extract_date::VARCHAR, f.rows_delivered, f.rows_loaded, f.rows_quarantined,
               (SELECT count(DISTINCT q.line) FROM audit.quarantine q WHERE q.file = f.file),
               (SELECT count(*) FROM audit.quarantine q WHERE q.file = f.file
                AND (q.line NOT BETWEEN 2 AND f.rows_delivered + 1 OR q.source_row <> q.line - 1))
        FROM audit.file_loads f""").fetchall()
    assert sorted(load[0] for load in loads) == sorted(c.raw_table for c in contracts_by_source()[delivery.source])
    for table, file, extract_date, delivered, loaded, quarantined, distinct_lines, misplaced in loads:
        assert extract_date == EXTRACT_DATE
        assert delivered == loaded + quarantined and quarantined == distinct_lines, file
        assert delivered == manifest["tables"][file.removesuffix(".csv")]["rows"], file
        assert misplaced == 0, file
        rows = con.execute(f"SELECT count(*), count(DISTINCT source_row), min(source_row), max(source_row) "
                           f"FROM raw.{table}").fetchone()
        assert rows[:2] == (loaded, loaded) and (loaded == 0 or 1 <= rows[2] <= rows[3] <= delivered), file


def _lines(data: bytes) -> list[bytes]:
    """Data lines as the loader reads them: a `\\r` right before the line end dropped."""
    rest = data.split(b"\n", 1)[1] if b"\n" in data else b""
    lines = rest.split(b"\n")
    lines = lines[:-1] if rest.endswith(b"\n") or not rest else lines
    return [line.removesuffix(b"\r") for line in lines]


def _check_unchanged_lines_arrive(con, delivery: Delivery, before: bytes, after: bytes) -> None:
    """A line still exactly as written (the header untouched) loads, unless its key now appears twice."""
    if before.split(b"\n", 1)[0] != after.split(b"\n", 1)[0].removesuffix(b"\r"):
        return
    originals = set(_lines(before))
    table = f"{delivery.source}__{delivery.target}"
    loaded = {r for (r,) in con.execute(f"SELECT source_row FROM raw.{table}").fetchall()}
    for row, line in enumerate(_lines(after), start=1):
        if line in originals and row not in loaded:
            rules = {r for (r,) in con.execute("SELECT rule FROM audit.quarantine WHERE table_name = ? AND line = ?",
                                               [table, row + 1]).fetchall()}
            assert rules == {"duplicate_key"}, f"line {row + 1} {line!r} unchanged but not loaded: {rules or 'lost'}"


def _check_no_cpr_number(con, source: str) -> None:
    """Every text value of the audit tables and of the source's raw tables, one query per table."""
    columns: dict[str, list[str]] = {}
    for schema, table, column in con.execute(
            "SELECT schema_name, table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR' "
            "AND (schema_name = 'audit' OR (schema_name = 'raw' AND starts_with(table_name, ?)))",
            [f"{source}__"]).fetchall():
        columns.setdefault(f"{schema}.{table}", []).append(f'coalesce("{column}", \'\')')
    forms = {n for number in CPR_NUMBERS + (CPR_IN_FREE_TEXT,) for n in (number, number.replace("-", ""))}
    for table, texts in columns.items():
        for (text,) in con.execute(f"SELECT concat_ws('|', {', '.join(texts)}) FROM {table}").fetchall():
            assert not [n for n in forms if n in text], f"{table} holds a CPR number: {text}"
