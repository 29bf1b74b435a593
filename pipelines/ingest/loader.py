"""Loads one snapshot: stage every file as text, apply the file rules, then the row rules.

A file-level failure raises `SnapshotRejected` before anything is inserted. Rows breaking a row rule go to
`audit.quarantine` (one row per broken rule, CPR pseudonymised); the others go typed into `raw`.
"""
from __future__ import annotations

import csv
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
from stdnum.dk import cpr

from .contracts import Column, TableContract
from .landing import Manifest, Snapshot, SnapshotRejected, read_manifest, verify_file
from .pseudonym import mask_cpr, masked_sql_expression, sql_expression
from .rules import INVALID_CPR_TABLE, RowRule, literal, parsed, quote, row_rules



@dataclass(frozen=True)
class FileLoad:
    table: str
    file: str
    rows_delivered: int
    rows_loaded: int
    rows_quarantined: int
    warnings: str


@dataclass(frozen=True)
class StagedFile:
    contract: TableContract
    file: str
    stage_table: str
    warnings: str


def _readable_path(path: Path, manifest: Manifest, workdir: Path) -> Path:
    """DuckDB reads UTF-8 (with or without BOM); a cp1252 file is transcoded to a UTF-8 copy first."""
    if manifest.encoding != "cp1252":
        return path
    copy = workdir / path.name
    with open(path, encoding="cp1252", newline="") as src, open(copy, "w", encoding="utf-8", newline="") as dst:
        for block in iter(lambda: src.read(1 << 20), ""):
            dst.write(block)
    return copy


def _header(path: Path, manifest: Manifest) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return next(csv.reader(f, delimiter=manifest.delimiter), [])
    except UnicodeDecodeError:
        detail = f"the file is not valid {manifest.encoding}, the encoding its manifest states"
        raise SnapshotRejected(path.name, "encoding", detail) from None


def _check_header(name: str, header: list[str], contract: TableContract) -> str:
    missing = [c for c in contract.column_names if c not in header]
    if missing:
        raise SnapshotRejected(name, "missing_column", ", ".join(missing))
    if len(set(header)) != len(header):
        raise SnapshotRejected(name, "duplicate_column", "a column name appears twice in the header")
    extra = [c for c in header if c not in contract.column_names]
    return f"extra columns not loaded: {', '.join(extra)}" if extra else ""


def _csv_error(name: str, err: duckdb.Error) -> SnapshotRejected:
    text = str(err)
    line = re.search(r"CSV Error on Line: (\d+)", text)
    reason = re.search(r"(Expected Number of Columns.*|Invalid unicode.*|.*quote.*)", text)
    where = f"line {line.group(1)}: " if line else ""
    return SnapshotRejected(name, "csv_unparseable", mask_cpr(where + (reason.group(1) if reason else text.splitlines()[0])))


def stage_file(con, snapshot: Snapshot, manifest: Manifest, contract: TableContract, workdir: Path) -> StagedFile:
    path, announced_rows = verify_file(snapshot, manifest, contract)
    readable = _readable_path(path, manifest, workdir)
    header = _header(readable, manifest)
    warnings = _check_header(path.name, header, contract)
    columns = "{" + ", ".join(f"{literal(h)}: 'VARCHAR'" for h in header) + "}"
    stage = f"stage_{contract.raw_table}"
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {stage} AS SELECT * FROM read_csv({literal(str(readable))}, "
            f"delim={literal(manifest.delimiter)}, header=true, auto_detect=false, quote='\"', escape='\"', "
            f"columns={columns})"
        )
    except duckdb.Error as err:
        raise _csv_error(path.name, err) from None
    (delivered,) = con.execute(f"SELECT count(*) FROM {stage}").fetchone()
    if delivered != announced_rows:
        raise SnapshotRejected(path.name, "row_count_mismatch", f"manifest says {announced_rows} rows, file has {delivered}")
    return StagedFile(contract, path.name, stage, warnings)


def _row_json(contract: TableContract) -> str:
    fields = ", ".join(f"{quote(c.name)} := {_stored_text(c)}" for c in contract.columns)
    return f"to_json(struct_pack({fields}))::VARCHAR"


def _stored_text(column: Column) -> str:
    """What may be stored of a delivered text value: CPR columns as pseudonyms, other text with CPR numbers masked."""
    if column.pseudonymise:
        return sql_expression(quote(column.name))
    return masked_sql_expression(quote(column.name))


def _detail(rule: RowRule, contract: TableContract) -> str:
    column = next((c for c in contract.columns if c.name == rule.column), None)
    if column is None or column.pseudonymise:
        return "NULL"
    return f"'value: ' || coalesce({_stored_text(column)}, 'NULL')"


def find_invalid_cpr(con, staged: StagedFile) -> None:
    """CPR validity (stdnum's century rule, no modulus 11) checked once per distinct number, not once per row."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {INVALID_CPR_TABLE} (value VARCHAR)")
    for column in (c for c in staged.contract.columns if c.pseudonymise):
        col = quote(column.name)
        values = con.execute(f"SELECT DISTINCT {col} FROM {staged.stage_table} WHERE {col} IS NOT NULL").fetchall()
        invalid = [(value,) for (value,) in values if not cpr.is_valid(value)]
        if invalid:
            con.executemany(f"INSERT INTO {INVALID_CPR_TABLE} VALUES (?)", invalid)


def _insert(con, staged: StagedFile, snapshot: Snapshot, manifest: Manifest) -> FileLoad:
    contract = staged.contract
    find_invalid_cpr(con, staged)
    rules = row_rules(contract, manifest)
    flags = "".join(f", coalesce({r.broken_when}, false) AS _broken_{i}" for i, r in enumerate(rules))
    con.execute(f"CREATE OR REPLACE TEMP TABLE checked AS SELECT rowid + 1 AS source_row, *{flags} FROM {staged.stage_table}")
    origin = f"{literal(snapshot.kommunekode)}, {literal(snapshot.source)}, DATE {literal(snapshot.extract_date.isoformat())}"
    for i, rule in enumerate(rules):
        con.execute(
            f"INSERT INTO audit.quarantine SELECT {origin}, {literal(contract.raw_table)}, {literal(staged.file)}, "
            f"source_row, source_row + 1, {literal(rule.name)}, {literal(rule.column) if rule.column else 'NULL'}, "
            f"{_detail(rule, contract)}, {_row_json(contract)} FROM checked WHERE _broken_{i}"
        )
    valid = " AND ".join(f"NOT _broken_{i}" for i in range(len(rules))) or "true"
    values = ", ".join(
        _stored_text(c) if c.logical_type == "string" else parsed(c, manifest) for c in contract.columns
    )
    snapshot_columns = f"{literal(snapshot.kommunekode)}, DATE {literal(snapshot.extract_date.isoformat())}"
    con.execute(f"INSERT INTO raw.{contract.raw_table} SELECT {snapshot_columns}, source_row, {values} FROM checked WHERE {valid}")
    delivered, loaded = con.execute(f"SELECT count(*), count(*) FILTER ({valid}) FROM checked").fetchone()
    return FileLoad(contract.table, staged.file, delivered, loaded, delivered - loaded, staged.warnings)


def load_snapshot(con, snapshot: Snapshot, contracts: list[TableContract]) -> list[FileLoad]:
    manifest = read_manifest(snapshot)
    with tempfile.TemporaryDirectory(prefix="helhed-") as workdir:
        staged = [stage_file(con, snapshot, manifest, c, Path(workdir)) for c in contracts]
    con.execute("BEGIN TRANSACTION")
    try:
        loads = [_insert(con, s, snapshot, manifest) for s in staged]
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    for s in staged:
        con.execute(f"DROP TABLE {s.stage_table}")
    return loads
