"""Row rules of a contract as SQL: each rule is a boolean expression over the all-text staged row, true when
broken."""
from __future__ import annotations

from dataclasses import dataclass

from .contracts import Column, TableContract
from .file_rules import Manifest
from .pseudonym import cpr_like_sql

INVALID_CPR_TABLE = "invalid_cpr_values"  # filled by the loader for each file, see loader.find_invalid_cpr


@dataclass(frozen=True)
class RowRule:
    name: str
    column: str | None
    broken_when: str


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def parsed(column: Column, manifest: Manifest) -> str:
    """The typed value of a staged text column, NULL where it does not parse."""
    col = quote(column.name)
    if column.logical_type == "date":
        return f"try_strptime({col}, {literal(manifest.date_format)})::DATE"
    if column.logical_type == "integer":
        return f"try_cast({col} AS BIGINT)"
    if column.logical_type == "number":
        if manifest.decimal == ",":
            return f"try_cast(replace(replace({col}, '.', ''), ',', '.') AS DOUBLE)"
        return f"try_cast({col} AS DOUBLE)"
    return col


def cpr_probe(column: str) -> str:
    """What stdnum's CPR validity is decided on: a number shaped DDMMYY(-)SSSS is valid or not by its date and the
    century digit alone, so it is checked as its first seven digits + 000 (far fewer distinct values to check);
    anything else is checked as delivered."""
    return (f"CASE WHEN regexp_full_match({column}, '[0-9]{{6}}-?[0-9]{{4}}') "
            f"THEN left(replace({column}, '-', ''), 7) || '000' ELSE {column} END")


def _column_rules(column: Column, manifest: Manifest) -> list[RowRule]:
    col, value = quote(column.name), parsed(column, manifest)
    rules = []
    if column.required:
        rules.append(RowRule("required", column.name, f"{col} IS NULL"))
    if column.logical_type != "string":
        rules.append(RowRule(f"invalid_{column.logical_type}", column.name, f"{col} IS NOT NULL AND {value} IS NULL"))
    if column.pseudonymise:
        invalid = f"{cpr_probe(col)} IN (SELECT value FROM {INVALID_CPR_TABLE})"
        rules.append(RowRule("invalid_cpr", column.name, invalid))
    if column.logical_type == "string" and not (column.pseudonymise or column.free_text or column.allowed_values):
        rules.append(RowRule("cpr_shaped_text", column.name, f"regexp_matches({col}, {literal(cpr_like_sql())})"))
    if column.pattern:
        rules.append(RowRule("pattern", column.name, f"NOT regexp_full_match({col}, {literal(column.pattern)})"))
    if column.allowed_values is not None:
        codes = ", ".join(literal(v) for v in column.allowed_values)
        rules.append(RowRule("unknown_code", column.name, f"{col} NOT IN ({codes})"))
    if column.minimum is not None:
        rules.append(RowRule("below_minimum", column.name, f"{value} < {column.minimum}"))
    if column.maximum is not None:
        rules.append(RowRule("above_maximum", column.name, f"{value} > {column.maximum}"))
    return rules


def row_rules(contract: TableContract, manifest: Manifest) -> list[RowRule]:
    by_name = {c.name: c for c in contract.columns}
    rules = [rule for column in contract.columns for rule in _column_rules(column, manifest)]
    for start, end in contract.spells:
        rules.append(RowRule(
            "end_before_start", end,
            f"{parsed(by_name[end], manifest)} < {parsed(by_name[start], manifest)}",
        ))
    for key in (c.name for c in contract.columns if c.primary_key):
        repeated = f"{quote(key)} IS NOT NULL AND count(*) OVER (PARTITION BY {quote(key)}) > 1"
        rules.append(RowRule("duplicate_key", key, repeated))
    return rules
