"""Table layout of the landing files, read from the ODCS data contracts."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

CONTRACTS_DIR = Path(__file__).resolve().parents[2] / "data_contracts"
SOURCES = ("cpr", "jobcenter", "boern", "voksen", "program", "organisation", "politi", "skole")


@lru_cache(maxsize=1)
def table_columns() -> dict[str, list[tuple[str, str]]]:
    """`source/table` -> [(column, logicalType)] in contract order."""
    layout = {}
    for path in sorted(CONTRACTS_DIR.glob("*.odcs.yaml")):
        contract = yaml.safe_load(path.read_text(encoding="utf-8"))
        source, table = contract["name"].split("__")
        props = contract["schema"][0]["properties"]
        layout[f"{source}/{table}"] = [(p["name"], p["logicalType"]) for p in props]
    return layout


def tables_of(source: str) -> list[str]:
    return [key for key in table_columns() if key.split("/")[0] == source]
