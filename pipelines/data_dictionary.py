"""Writes docs/data-dictionary.md, every published table and column, from the YAML beside each dbt model and seed
and from the audit tables the loader creates: one description, written once. Run
`python -m pipelines.data_dictionary --write` after changing a model's YAML; without `--write` it lists whether the
file is stale and fails (a test does the same).
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from .ingest.contracts import REPO_ROOT
from .ingest.rendered import main
from .ingest.tables import AUDIT_TABLES

TARGET = REPO_ROOT / "docs" / "data-dictionary.md"
MARTS = REPO_ROOT / "dbt" / "models" / "marts"
SEEDS = REPO_ROOT / "dbt" / "seeds" / "_seeds.yml"
HEADER = """# Data dictionary

Every table an analyst reads in the published warehouse, with its grain and columns. Generated from the dbt YAML
beside each model (`dbt/models/marts/*.yml`), the seeds' YAML and the loader's audit tables by
`python -m pipelines.data_dictionary --write`: change those, not this file. How to query: [queries.md](queries.md).
"""


def _cell(text) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def _table(name: str, description: str, columns: list[tuple[str, str, str]]) -> str:
    rows = "\n".join(f"| `{c}` | {_cell(t)} | {_cell(d)} |" for c, t, d in columns)
    return f"### `{name}`\n\n{_cell(description)}\n\n| column | type | description |\n|---|---|---|\n{rows}\n"


def _models() -> list[str]:
    sections = []
    for path in sorted(MARTS.glob("*.yml")):
        for model in yaml.safe_load(path.read_text(encoding="utf-8"))["models"]:
            columns = [(c["name"], c.get("data_type", ""), c.get("description", "")) for c in model.get("columns", [])]
            sections.append(_table(f"analytics.{model['name']}", model.get("description", ""), columns))
    return sections


def _seeds() -> list[str]:
    seeds = yaml.safe_load(SEEDS.read_text(encoding="utf-8"))["seeds"]
    return [_table(f"reference.{s['name']}", s.get("description", ""),
                   [(c["name"], (s.get("config") or {}).get("column_types", {}).get(c["name"], ""),
                     c.get("description", "")) for c in s.get("columns", [])]) for s in seeds]


def _audit() -> list[str]:
    sections = []
    for name, columns in AUDIT_TABLES.items():
        pairs = [column.strip().split(" ", 1) for column in columns.split(",")]
        sections.append(_table(f"audit.{name}", "Written by the loader and the checks; see docs/quality.md.",
                               [(c, t.lower(), "") for c, t in pairs]))
    return sections


def render() -> dict[Path, str]:
    parts = [HEADER, "## analytics: the published marts\n", *_models(),
             "## reference: code lists and rates, each row with its source\n", *_seeds(),
             "## audit: the nights' snapshots, quarantine, checks and erasures\n", *_audit()]
    return {TARGET: "\n".join(parts)}


if __name__ == "__main__":
    sys.exit(main(render, __doc__))
