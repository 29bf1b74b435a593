"""What the published warehouse (attached read-only as `published`) holds for tonight's build: the snapshots in force,
their rows to carry forward when nothing newer is delivered, and the audit history kept from night to night."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from .contracts import contracts_by_source
from .rules import literal, quote
from .tables import AUDIT_HISTORY

CATALOG = "published"


@dataclass(frozen=True)
class InForce:
    extract_date: date  # the date the rows carry: the day this content was first delivered
    delivered_date: date  # the newest valid delivery of this content
    content_fingerprint: str


def attach(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """Attaches the published warehouse read-only when there is one; False on the first night."""
    if not path.is_file():
        return False
    con.execute(f"ATTACH {literal(str(path))} AS {CATALOG} (READ_ONLY)")
    return True


def _has_table(con, schema: str, table: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = ? AND schema_name = ? AND table_name = ?",
        [CATALOG, schema, table]).fetchone()[0])


def in_force(con, source: str) -> dict[str, InForce]:
    """Per municipality, the snapshot of `source` in force in the published warehouse."""
    if not _has_table(con, "audit", "snapshots_in_force"):
        return {}
    rows = con.execute(
        f"SELECT kommunekode, extract_date, delivered_date, content_fingerprint FROM {CATALOG}.audit.snapshots_in_force "
        "WHERE source = ?", [source]).fetchall()
    return {k: InForce(extracted, delivered, sha) for k, extracted, delivered, sha in rows}


def _columns(con, catalog: str, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = ? AND schema_name = ? AND table_name = ? "
        "ORDER BY column_index", [catalog, *table.split(".")]).fetchall()]


def _copy(con, table: str, where: str) -> None:
    """Rows of `table` from the published warehouse, by column name (a column it lacks stays empty)."""
    schema, name = table.split(".")
    if not _has_table(con, schema, name):
        return
    build = {c for c in _columns(con, con.execute("SELECT current_database()").fetchone()[0], table)}
    shared = ", ".join(quote(c) for c in _columns(con, CATALOG, table) if c in build)
    con.execute(f"INSERT INTO {table} ({shared}) SELECT {shared} FROM {CATALOG}.{table} WHERE {where}")


def carry_forward(con, source: str, kommunekode: str, snapshot: InForce) -> None:
    """The published rows of one municipality's source, with their quarantine and file loads, into the build."""
    same_municipality = f"kommunekode = {literal(kommunekode)}"
    for contract in contracts_by_source()[source]:
        _copy(con, f"raw.{contract.raw_table}", same_municipality)
    same_snapshot = (f"{same_municipality} AND source = {literal(source)} "
                     f"AND extract_date = DATE {literal(snapshot.extract_date.isoformat())}")
    for table in ("audit.file_loads", "audit.quarantine"):
        _copy(con, table, same_snapshot)


def copy_history(con) -> None:
    for name in AUDIT_HISTORY:
        _copy(con, f"audit.{name}", "true")
