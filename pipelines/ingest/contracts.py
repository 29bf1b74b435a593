"""Reads the ODCS v3 data contracts in `data_contracts/`: the one description of every source table."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
CONTRACTS_DIR = REPO_ROOT / "data_contracts"
SEEDS_DIR = REPO_ROOT / "dbt" / "seeds"

DUCKDB_TYPES = {"string": "VARCHAR", "date": "DATE", "integer": "BIGINT", "number": "DOUBLE"}


@dataclass(frozen=True)
class Column:
    name: str
    logical_type: str
    required: bool
    primary_key: bool
    pseudonymise: bool
    allowed_values: tuple[str, ...] | None
    pattern: str | None
    minimum: float | None
    maximum: float | None

    @property
    def duckdb_type(self) -> str:
        return DUCKDB_TYPES[self.logical_type]


@dataclass(frozen=True)
class TableContract:
    source: str
    table: str
    file_name: str
    source_required: bool
    columns: tuple[Column, ...]
    spells: tuple[tuple[str, str], ...]  # (start column, end column) pairs where end must not precede start

    @property
    def raw_table(self) -> str:
        return f"{self.source}__{self.table}"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _custom(props: list[dict] | None) -> dict:
    return {p["property"]: p["value"] for p in props or []}


def _allowed_values(prop: dict) -> tuple[str, ...] | None:
    for rule in prop.get("quality", []):
        if rule.get("metric") != "invalidValues":
            continue
        args = rule.get("arguments", {})
        if "validValues" in args:
            return tuple(str(v) for v in args["validValues"])
        if "referenceCodeList" in args:
            return code_list(args["referenceCodeList"])
    return None


def _column(prop: dict) -> Column:
    options = prop.get("logicalTypeOptions", {})
    return Column(
        name=prop["name"],
        logical_type=prop["logicalType"],
        required=bool(prop.get("required", False)),
        primary_key=bool(prop.get("primaryKey", False)),
        pseudonymise=bool(_custom(prop.get("customProperties")).get("pseudonymise", False)),
        allowed_values=_allowed_values(prop),
        pattern=None if prop["logicalType"] == "date" else options.get("pattern"),
        minimum=options.get("minimum"),
        maximum=options.get("maximum"),
    )


@cache
def code_list(name: str) -> tuple[str, ...]:
    """Allowed codes: the `code` column of the seed `dbt/seeds/<name>.csv`."""
    with open(SEEDS_DIR / f"{name}.csv", encoding="utf-8", newline="") as f:
        return tuple(row["code"] for row in csv.DictReader(f))


def read_contract(path: Path) -> TableContract:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    custom = _custom(doc.get("customProperties"))
    (obj,) = doc["schema"]
    return TableContract(
        source=custom["source"],
        table=custom["table"],
        file_name=obj["physicalName"],
        source_required=bool(custom["sourceRequired"]),
        columns=tuple(_column(p) for p in obj["properties"]),
        spells=tuple(
            (rule["arguments"]["start"], rule["arguments"]["end"])
            for rule in obj.get("quality", [])
            if rule.get("implementation") == "endNotBeforeStart"
        ),
    )


@cache
def all_contracts() -> tuple[TableContract, ...]:
    return tuple(read_contract(p) for p in sorted(CONTRACTS_DIR.glob("*.odcs.yaml")))


def contracts_by_source() -> dict[str, list[TableContract]]:
    grouped: dict[str, list[TableContract]] = {}
    for contract in all_contracts():
        grouped.setdefault(contract.source, []).append(contract)
    return grouped
