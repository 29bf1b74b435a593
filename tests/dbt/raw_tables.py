"""Rows written straight into the loader's `raw` tables (made from the contracts by the loader's own code)."""
from __future__ import annotations

from pipelines.ingest.tables import create_raw_tables

__all__ = ["create_raw_tables", "insert_rows"]


def insert_rows(con, table: str, kommunekode: str, extract_date: str, rows: list[dict]) -> None:
    """Append rows (contract column → value; missing columns are null) to raw.<table>."""
    for number, row in enumerate(rows, start=1):
        columns = ["kommunekode", "extract_date", "source_row", *row]
        values = [kommunekode, extract_date, number, *row.values()]
        placeholders = ", ".join("?" for _ in values)
        quoted = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"INSERT INTO raw.{table} ({quoted}) VALUES ({placeholders})", values)
