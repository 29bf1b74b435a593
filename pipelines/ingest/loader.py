"""Loads one checked snapshot: each file staged as text, then its unparseable lines and the rows breaking a row rule
go to `audit.quarantine` (one row per broken rule, CPR pseudonymised) and the others typed into `raw`.

File-level rules are `file_rules`' job; by the time a file gets here, every line is accounted for: each delivered
line is either loaded or quarantined.
"""
from __future__ import annotations

import functools
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
from stdnum.dk import cpr

from .contracts import Column, TableContract
from .file_rules import DeliveredFile, Manifest, SnapshotRejected
from .landing import Snapshot
from .lines import write_clean_copy
from .pseudonym import mask_cpr, masked_sql_expression, sql_expression
from .rules import INVALID_CPR_TABLE, RowRule, cpr_probe, literal, parsed, quote, row_rules

QUARANTINE_COLUMNS = ("kommunekode, source, extract_date, table_name, file, source_row, line, rule, column_name, "
                      "detail, row_json, raw_line")
DUCKDB_MIN_LINE_BYTES = 2_097_152


@dataclass(frozen=True)
class FileLoad:
    table: str
    file: str
    rows_delivered: int
    rows_loaded: int
    rows_quarantined: int
    warnings: str


def _readable_path(delivered: DeliveredFile, manifest: Manifest, workdir: Path) -> Path:
    """DuckDB reads clean UTF-8 with `\\n` line ends; anything else is read from a copy without the faulty lines."""
    scan = delivered.scan
    if not scan.faults and not scan.carriage_returns and manifest.encoding != "cp1252":
        return delivered.path
    copy = workdir / delivered.path.name
    write_clean_copy(delivered.path, scan, manifest.encoding, copy)
    return copy


def _read_text(con, delivered: DeliveredFile, manifest: Manifest, readable: Path) -> None:
    """The parsable lines as the all-text table `stage`, in file order (its rowid counts them)."""
    # Positional names: the header's own (which may be empty or odd) only matter for finding contract columns.
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(delivered.scan.header))) + "}"
    max_line = max(DUCKDB_MIN_LINE_BYTES, 2 * delivered.scan.longest_line)
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE stage AS SELECT * FROM read_csv({literal(str(readable))}, "
            f"delim={literal(manifest.delimiter)}, header=true, auto_detect=false, quote='\"', escape='\"', "
            f"columns={columns}, max_line_size={max_line}, buffer_size={4 * max_line})"
        )
    except duckdb.Error as err:
        detail = mask_cpr(str(err).splitlines()[0])
        raise SnapshotRejected(delivered.path.name, "csv_unparseable", detail) from None
    (read,) = con.execute("SELECT count(*) FROM stage").fetchone()
    expected = delivered.scan.data_lines - len(delivered.scan.faults)
    if read != expected:
        detail = f"{expected} parsable lines, DuckDB read {read}"
        raise SnapshotRejected(delivered.path.name, "unaccounted_lines", detail)


def _staged_rows(con, delivered: DeliveredFile) -> str:
    """SQL for the staged rows with the physical `line` of each and every contract column (missing optional: null)."""
    skipped = sorted(f.line for f in delivered.scan.faults)
    # Good rows before the i-th skipped line: a row's line is its rowid + 2 + the skipped lines before it.
    steps = {line - 2 - i: i + 1 for i, line in enumerate(skipped)}
    con.execute("CREATE OR REPLACE TEMP TABLE skipped_lines (good_before BIGINT, skipped BIGINT)")
    if steps:
        con.executemany("INSERT INTO skipped_lines VALUES (?, ?)", list(steps.items()))
    place = {name: i for i, name in enumerate(delivered.scan.header)}
    values = ", ".join(
        f"{'NULL::VARCHAR' if c.name in delivered.missing_optional else f's.c{place[c.name]}'} AS {quote(c.name)}"
        for c in delivered.contract.columns
    )
    # Inside a transaction a new table's rowids start at an offset: count from its first.
    row = "(s.rowid - (SELECT min(rowid) FROM stage))"
    return (f"SELECT {row} + 2 + coalesce(k.skipped, 0) AS line, {values} FROM stage s "
            f"ASOF LEFT JOIN skipped_lines k ON {row} >= k.good_before")


def _row_json(contract: TableContract) -> str:
    fields = ", ".join(f"{quote(c.name)} := {_safe_text(c)}" for c in contract.columns)
    return f"to_json(struct_pack({fields}))::VARCHAR"


def _safe_text(column: Column) -> str:
    """A delivered text value as it may be stored anywhere: CPR columns as pseudonyms, other text masked."""
    if column.pseudonymise:
        return sql_expression(quote(column.name))
    return masked_sql_expression(quote(column.name))


def _loaded_values(contract: TableContract, manifest: Manifest) -> str:
    """The typed values of a loaded row: CPR columns as the pseudonym joined in (`_pseudonym_joins`), free text
    masked (elsewhere a CPR-shaped value quarantines the row: rule `cpr_shaped_text`)."""
    cpr_columns = _cpr_columns(contract)
    values = []
    for column in contract.columns:
        if column.pseudonymise:
            values.append(f"p{cpr_columns.index(column)}.cpr_pseudonym")
        elif column.logical_type != "string":
            values.append(parsed(column, manifest))
        else:
            values.append(_safe_text(column) if column.free_text else quote(column.name))
    return ", ".join(values)


def _pseudonym_joins(contract: TableContract) -> str:
    return " ".join(f"LEFT JOIN cpr_pseudonyms p{i} ON checked.{quote(c.name)} = p{i}.cpr_value"
                    for i, c in enumerate(_cpr_columns(contract)))


def _detail(rule: RowRule, contract: TableContract) -> str:
    column = next((c for c in contract.columns if c.name == rule.column), None)
    if column is None or column.pseudonymise:
        return "NULL"
    return f"'value: ' || coalesce({_safe_text(column)}, 'NULL')"


def _cpr_columns(contract: TableContract) -> list[Column]:
    return [c for c in contract.columns if c.pseudonymise]


def _distinct_cpr(contract: TableContract, expression=str) -> str:
    """SQL for the distinct values (or `expression`s of them) of the staged file's CPR columns, as `value`."""
    selects = [f"SELECT DISTINCT {expression(quote(c.name))} AS value FROM staged WHERE {quote(c.name)} IS NOT NULL"
               for c in _cpr_columns(contract)]
    return " UNION ".join(selects) or "SELECT NULL::VARCHAR AS value WHERE false"


@functools.lru_cache(maxsize=1_000_000)
def _cached_validity(probe: str, today: date) -> bool:  # noqa: ARG001 - stdnum's answer changes with today's date
    return cpr.is_valid(probe)


def _is_valid_probe(probe: str) -> bool:
    """Kept for the process and the day: every source of a night asks about the same dates of birth."""
    return _cached_validity(probe, date.today())


def find_invalid_cpr(con, contract: TableContract) -> None:
    """CPR validity (stdnum's century rule, no modulus 11) checked once per distinct probe (`cpr_probe`)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {INVALID_CPR_TABLE} (value VARCHAR)")
    probes = con.execute(_distinct_cpr(contract, cpr_probe)).fetchall()
    invalid = [(probe,) for (probe,) in probes if not _is_valid_probe(probe)]
    if invalid:
        con.executemany(f"INSERT INTO {INVALID_CPR_TABLE} VALUES (?)", invalid)


def _pseudonyms(con, contract: TableContract) -> None:
    """Each distinct CPR number of the file with its pseudonym: the HMAC once per person, not once per row."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE cpr_pseudonyms AS SELECT value AS cpr_value, "
                f"{sql_expression('value')} AS cpr_pseudonym FROM ({_distinct_cpr(contract)})")


def _origin(snapshot: Snapshot, extract_date, contract: TableContract, file: str) -> str:
    return (f"{literal(snapshot.kommunekode)}, {literal(snapshot.source)}, DATE {literal(extract_date.isoformat())}, "
            f"{literal(contract.raw_table)}, {literal(file)}")


def _quarantine_lines(con, delivered: DeliveredFile, origin: str, delimiter: str) -> None:
    """Unparseable lines as delivered, fields at a CPR column's place pseudonymised, CPR-shaped text masked."""
    if not delivered.scan.faults:
        return
    con.execute("CREATE OR REPLACE TEMP TABLE line_faults (line BIGINT, rule VARCHAR, detail VARCHAR, text VARCHAR)")
    con.executemany("INSERT INTO line_faults VALUES (?, ?, ?, ?)",
                    [(f.line, f.rule, f.detail, f.text) for f in delivered.scan.faults])
    cpr_places = [i + 1 for i, name in enumerate(delivered.scan.header)
                  if any(c.pseudonymise and c.name == name for c in delivered.contract.columns)] or [0]
    fields = (f"list_transform(string_split(text, {literal(delimiter)}), lambda f, i: CASE WHEN i IN "
              f"({', '.join(map(str, cpr_places))}) THEN {sql_expression('f')} ELSE f END)")
    raw_line = masked_sql_expression(f"array_to_string({fields}, {literal(delimiter)})")
    con.execute(f"INSERT INTO audit.quarantine ({QUARANTINE_COLUMNS}) SELECT {origin}, line - 1, line, rule, NULL, "
                f"detail, NULL, {raw_line} FROM line_faults")


def _insert(con, delivered: DeliveredFile, snapshot: Snapshot, extract_date, manifest: Manifest) -> FileLoad:
    contract, file = delivered.contract, delivered.path.name
    origin = _origin(snapshot, extract_date, contract, file)
    con.execute(f"CREATE OR REPLACE TEMP TABLE staged AS {_staged_rows(con, delivered)}")
    find_invalid_cpr(con, contract)
    rules = row_rules(contract, manifest)
    flags = "".join(f", coalesce({r.broken_when}, false) AS _broken_{i}" for i, r in enumerate(rules))
    con.execute(f"CREATE OR REPLACE TEMP TABLE checked AS SELECT *{flags} FROM staged")
    _quarantine_lines(con, delivered, origin, manifest.delimiter)
    for i, rule in enumerate(rules):
        con.execute(
            f"INSERT INTO audit.quarantine ({QUARANTINE_COLUMNS}) SELECT {origin}, line - 1, line, "
            f"{literal(rule.name)}, {literal(rule.column) if rule.column else 'NULL'}, {_detail(rule, contract)}, "
            f"{_row_json(contract)}, NULL FROM checked WHERE _broken_{i}"
        )
    valid = " AND ".join(f"NOT _broken_{i}" for i in range(len(rules))) or "true"
    _pseudonyms(con, contract)
    snapshot_columns = f"{literal(snapshot.kommunekode)}, DATE {literal(extract_date.isoformat())}"
    con.execute(f"INSERT INTO raw.{contract.raw_table} SELECT {snapshot_columns}, line - 1, "
                f"{_loaded_values(contract, manifest)} FROM checked {_pseudonym_joins(contract)} WHERE {valid}")
    (loaded,) = con.execute(f"SELECT count(*) FILTER ({valid}) FROM checked").fetchone()
    load = FileLoad(contract.table, file, delivered.scan.data_lines, loaded, delivered.scan.data_lines - loaded,
                    delivered.warnings)
    con.execute(f"INSERT INTO audit.file_loads SELECT {origin}, ?, ?, ?, ?, 0",
                [load.rows_delivered, load.rows_loaded, load.rows_quarantined, load.warnings or None])
    return load


def load_snapshot(con, snapshot: Snapshot, manifest: Manifest, files: list[DeliveredFile],
                  extract_date) -> list[FileLoad]:
    """Loads checked files; rows are dated `extract_date` (the day this content was first delivered)."""
    con.execute("BEGIN TRANSACTION")
    try:
        with tempfile.TemporaryDirectory(prefix="helhed-") as workdir:
            loads = []
            for delivered in files:
                _read_text(con, delivered, manifest, _readable_path(delivered, manifest, Path(workdir)))
                loads.append(_insert(con, delivered, snapshot, extract_date, manifest))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return loads
