"""The `raw` and `audit` tables the loader writes, created from the contracts before anything is loaded."""
from __future__ import annotations

import duckdb

from .contracts import all_contracts
from .rules import quote

AUDIT_TABLES = {
    "snapshots": "kommunekode VARCHAR, source VARCHAR, extract_date DATE, status VARCHAR, file VARCHAR, rule VARCHAR, "
    "reason VARCHAR, content_fingerprint VARCHAR, checked_at TIMESTAMP",
    "snapshots_in_force": "kommunekode VARCHAR, source VARCHAR, extract_date DATE, delivered_date DATE, "
    "origin VARCHAR, content_fingerprint VARCHAR, age_days INTEGER, freshness VARCHAR",
    "file_loads": "kommunekode VARCHAR, source VARCHAR, extract_date DATE, table_name VARCHAR, file VARCHAR, "
    "rows_delivered BIGINT, rows_loaded BIGINT, rows_quarantined BIGINT, warnings VARCHAR, rows_erased BIGINT",
    "quarantine": "kommunekode VARCHAR, source VARCHAR, extract_date DATE, table_name VARCHAR, file VARCHAR, "
    "source_row BIGINT, line BIGINT, rule VARCHAR, column_name VARCHAR, detail VARCHAR, row_json VARCHAR, "
    "raw_line VARCHAR",
    "erasures": "erased_on DATE, pseudonym VARCHAR, ground VARCHAR, source VARCHAR, tables_checked VARCHAR, "
    "rows_removed BIGINT",
    "expectation_results": "run_id VARCHAR, run_at TIMESTAMP, table_name VARCHAR, suite VARCHAR, "
    "expectation VARCHAR, column_name VARCHAR, success BOOLEAN, observed VARCHAR, blocking BOOLEAN",
}
# Kept from night to night: the build file starts with the published warehouse's rows of these.
AUDIT_HISTORY = ("expectation_results", "erasures")


def create_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    for contract in all_contracts():
        columns = ", ".join(f"{quote(c.name)} {c.duckdb_type}" for c in contract.columns)
        con.execute(
            f"CREATE TABLE IF NOT EXISTS raw.{contract.raw_table} "
            f"(kommunekode VARCHAR, extract_date DATE, source_row BIGINT, {columns})"
        )


def create_audit_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS audit")
    for name, columns in AUDIT_TABLES.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS audit.{name} ({columns})")
