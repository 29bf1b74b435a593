"""Copies each code list from its seed into the contracts, so a tool that reads only a contract sees the codes.

The seed `dbt/seeds/<list>.csv` is the one place a code list is edited (it holds labels and the source too). A quality
rule marked with the custom property `codeList: <list>` carries a copy of the seed's `code` column as its
`validValues`. After changing a seed run `python -m pipelines.ingest.code_lists --write`; without `--write` the
command lists the contracts whose copy is stale and fails.
"""
from __future__ import annotations

import sys
from itertools import takewhile
from pathlib import Path

import yaml

from .contracts import code_list, contract_paths
from .rendered import dump_yaml, main

WIDTH = 120


def _code_list_name(rule: dict) -> str | None:
    return next((p["value"] for p in rule.get("customProperties", []) if p["property"] == "codeList"), None)


def _copy_codes(rule: dict, name: str) -> None:
    rule["arguments"] = {"validValues": list(code_list(name))}
    rule["description"] = f"Copy of the `code` column of dbt/seeds/{name}.csv (see data_contracts/README.md)."


def _leading_comments(text: str) -> str:
    return "".join(takewhile(lambda line: line.startswith("#"), text.splitlines(keepends=True)))


def render_contract(text: str) -> str:
    """The contract text with every marked rule's `validValues` copied from its seed."""
    document = yaml.safe_load(text)
    for prop in document["schema"][0]["properties"]:
        for rule in prop.get("quality", []):
            name = _code_list_name(rule)
            if name is not None:
                _copy_codes(rule, name)
    return _leading_comments(text) + dump_yaml(document, WIDTH)


def rendered_contracts() -> dict[Path, str]:
    return {path: render_contract(path.read_text(encoding="utf-8")) for path in contract_paths()}


if __name__ == "__main__":
    sys.exit(main(rendered_contracts, "Copy the seeds' code lists into the contracts' validValues."))
