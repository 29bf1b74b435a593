"""Writes the dbt sources and staging models from the contracts, so dbt and the loader read one description.

`dbt/models/staging/_sources.yml` names every raw table with its columns; each `stg_<source>__<table>.yml` gives the
staging columns (the contract's `stagingName`) with descriptions and `not_null` where the contract says required;
each `stg_<source>__<table>.sql` renames and casts. Run `python -m pipelines.ingest.dbt_schema --write` after
changing a contract; without `--write` the command lists the files that differ and fails.
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import odcs
from .contracts import REPO_ROOT, contract_paths, read_document
from .rendered import dump_yaml, main

STAGING_DIR = REPO_ROOT / "dbt" / "models" / "staging"
WIDTH = 110
COMMAND = "python -m pipelines.ingest.dbt_schema --write"

# Staging models that do more than rename and cast; their SQL is kept by hand (tests check their columns).
HAND_WRITTEN_SQL = {
    "boern__underretninger": "akut J/N becomes the boolean is_urgent",
    "skole__fravaer": "maaned YYYY-MM becomes the date month",
}

LOADER_COLUMNS = (
    ("kommunekode", "Municipality code (3 digits), from the landing path."),
    ("extract_date", "Date of the snapshot this row was loaded from."),
    ("source_row", "1-based data row number in the delivered file."),
)
PSEUDONYM = " Pseudonym (never the CPR number)."
SOURCE_DESCRIPTION = "Landing source `{source}`, loaded into schema raw by the loader (one table per source table)."


def _yaml_header(origin: str) -> str:
    return f"# Generated from {origin}\n# by `{COMMAND}`: change the contract, not this file.\n"


def _column_description(prop: odcs.Property) -> str:
    return prop.description + (PSEUDONYM if prop.custom.get("pseudonymise") else "")


def _source_table(contract: odcs.Contract) -> dict:
    columns = [{"name": name, "description": text} for name, text in LOADER_COLUMNS]
    columns += [{"name": p.name, "description": _column_description(p)} for p in contract.table.properties]
    return {
        "name": contract.custom["table"],
        "identifier": contract.name,
        "description": contract.description.purpose,
        "columns": columns,
    }


def render_sources(contracts: list[odcs.Contract]) -> str:
    sources: dict[str, list[dict]] = {}
    for contract in contracts:
        sources.setdefault(contract.custom["source"], []).append(_source_table(contract))
    document = {"version": 2, "sources": [
        {"name": source, "description": SOURCE_DESCRIPTION.format(source=source), "schema": "raw", "tables": tables}
        for source, tables in sources.items()
    ]}
    return _yaml_header("data_contracts/") + dump_yaml(document, WIDTH)


def _staging_column(prop: odcs.Property) -> dict:
    description = prop.custom.get("stagingDescription") or _column_description(prop)
    column = {"name": prop.custom["stagingName"], "description": description}
    if prop.required:
        column["data_tests"] = ["not_null"]
    return column


def render_staging_yaml(contract: odcs.Contract) -> str:
    """The model's grain comes first: one row per delivered row; then the table's purpose."""
    file = f"{contract.custom['source']}/{contract.table.physicalName}"
    loader_columns = [{"name": n, "description": d, "data_tests": ["not_null"]} for n, d in LOADER_COLUMNS]
    document = {"version": 2, "models": [{
        "name": f"stg_{contract.name}",
        "description": f"One row per delivered row of {file} (newest loaded snapshot per municipality), renamed to "
        f"English and cast. {contract.description.purpose}",
        "columns": loader_columns + [_staging_column(p) for p in contract.table.properties],
    }]}
    return _yaml_header(f"data_contracts/{contract.name}.odcs.yaml") + dump_yaml(document, WIDTH)


def _cast(prop: odcs.Property) -> str:
    return f"cast({prop.name} as {odcs.PHYSICAL_TYPES[prop.logicalType].lower()}) as {prop.custom['stagingName']}"


def render_staging_sql(contract: odcs.Contract) -> str:
    selected = ",\n        ".join([name for name, _ in LOADER_COLUMNS] + [_cast(p) for p in contract.table.properties])
    return f"""-- Generated from data_contracts/{contract.name}.odcs.yaml
-- by `{COMMAND}`: change the contract, not this file.
with source as (

    select * from {{{{ source('{contract.custom["source"]}', '{contract.custom["table"]}') }}}}

),

renamed as (

    select
        {selected}

    from source

)

select * from renamed
"""


def rendered_files() -> dict[Path, str]:
    contracts = [read_document(path) for path in contract_paths()]
    files = {STAGING_DIR / "_sources.yml": render_sources(contracts)}
    for contract in contracts:
        files[STAGING_DIR / f"stg_{contract.name}.yml"] = render_staging_yaml(contract)
        if contract.name not in HAND_WRITTEN_SQL:
            files[STAGING_DIR / f"stg_{contract.name}.sql"] = render_staging_sql(contract)
    return files


if __name__ == "__main__":
    sys.exit(main(rendered_files, "Write the dbt sources and staging models from the contracts."))
