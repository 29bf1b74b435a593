"""Table layout of the landing files: the columns of each `source/table`, as the data contracts give them."""
from __future__ import annotations

from functools import cache

from pipelines.ingest.contracts import all_contracts

SOURCES = ("cpr", "jobcenter", "boern", "voksen", "program", "organisation", "politi", "skole")


@cache
def table_columns() -> dict[str, list[str]]:
    """`source/table` -> column names in contract order."""
    return {f"{c.source}/{c.table}": c.column_names for c in all_contracts()}


def tables_of(source: str) -> list[str]:
    return [key for key in table_columns() if key.split("/")[0] == source]
