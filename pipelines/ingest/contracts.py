"""Reads the ODCS v3 data contracts in `data_contracts/`: the one description of every source table.

A contract is read strictly (see `odcs.py`): a key, metric, implementation or custom property the project does not
know stops the start-up with a `ContractError` naming the file and the key.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from . import odcs

REPO_ROOT = Path(__file__).resolve().parents[2]
CONTRACTS_DIR = REPO_ROOT / "data_contracts"
SEEDS_DIR = REPO_ROOT / "dbt" / "seeds"

DUCKDB_TYPES = odcs.PHYSICAL_TYPES


@dataclass(frozen=True)
class Column:
    name: str
    logical_type: str
    required: bool
    primary_key: bool
    pseudonymise: bool
    free_text: bool
    allowed_values: tuple[str, ...] | None
    pattern: str | None
    minimum: float | None
    maximum: float | None
    ends_presence: bool = False

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


class ContractError(ValueError):
    """A contract in `data_contracts/` is not in the ODCS subset the project reads."""


def _where(location: tuple) -> str:
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in location).lstrip(".")
    return path or "contract"


def _problem(error: dict) -> str:
    where, kind, context = _where(error["loc"]), error["type"], error.get("ctx", {})
    if kind == "extra_forbidden":
        return f"{where}: unknown key"
    if kind == "literal_error":
        return f"{where}: unknown value {error['input']!r}, expected {context['expected']}"
    if kind == "union_tag_invalid":
        return f"{where}: unknown custom property {context['tag']!r}, expected {context['expected_tags']}"
    return f"{where}: {error['msg'].removeprefix('Value error, ')}"


def read_document(path: Path) -> odcs.Contract:
    """The contract at `path`, validated strictly; `ContractError` names the file and every offending key."""
    try:
        return odcs.Contract.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except yaml.YAMLError as error:
        raise ContractError(f"{path.name} is not valid YAML: {error}") from None
    except ValidationError as error:
        problems = "\n  ".join(_problem(e) for e in error.errors(include_url=False))
        raise ContractError(f"{path.name} is not a valid contract:\n  {problems}") from None


def _allowed_values(prop: odcs.Property) -> tuple[str, ...] | None:
    return next((tuple(rule.arguments.validValues) for rule in prop.quality), None)


def _column(prop: odcs.Property) -> Column:
    options = prop.logicalTypeOptions
    return Column(
        name=prop.name,
        logical_type=prop.logicalType,
        required=prop.required,
        primary_key=prop.primaryKey,
        pseudonymise=prop.custom.get("pseudonymise", False),
        free_text=prop.custom.get("freeText", False),
        allowed_values=_allowed_values(prop),
        pattern=None if prop.logicalType == "date" else options.pattern,
        minimum=options.minimum,
        maximum=options.maximum,
        ends_presence=prop.custom.get("endsPresence", False),
    )


@cache
def code_list(name: str) -> tuple[str, ...]:
    """The `code` column of the seed `dbt/seeds/<name>.csv`, where the code list is kept (contracts hold a copy)."""
    with open(SEEDS_DIR / f"{name}.csv", encoding="utf-8", newline="") as f:
        return tuple(row["code"] for row in csv.DictReader(f))


def read_contract(path: Path) -> TableContract:
    doc = read_document(path)
    return TableContract(
        source=doc.custom["source"],
        table=doc.custom["table"],
        file_name=doc.table.physicalName,
        source_required=doc.custom["sourceRequired"],
        columns=tuple(_column(p) for p in doc.table.properties),
        spells=tuple((rule.arguments.start, rule.arguments.end) for rule in doc.table.quality),
    )


def contract_paths() -> list[Path]:
    return sorted(CONTRACTS_DIR.glob("*.odcs.yaml"))


@cache
def all_contracts() -> tuple[TableContract, ...]:
    return tuple(read_contract(p) for p in contract_paths())


def contracts_by_source() -> dict[str, list[TableContract]]:
    grouped: dict[str, list[TableContract]] = {}
    for contract in all_contracts():
        grouped.setdefault(contract.source, []).append(contract)
    return grouped
