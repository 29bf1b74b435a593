"""The published marts and their keys, read from the dbt manifest: dbt is the one place they are declared.

A published mart is a model dbt builds in the schema `analytics` (the marts folder, see dbt_project.yml).
Its key, in order of precedence, is
1. a `primary_key` constraint (model-level `constraints:` or a column's `constraints:`),
2. the model's `unique_combination` data test (`columns: [...]`),
3. a column's `unique` data test.
The first of these a model declares must name exactly one key; a mart without a key is an error, since the
suites check every published table for duplicates on its key.

The manifest is the file Dagster builds its dbt assets from (`helhed run` re-parses it before every run), so
the checks attach to exactly the assets dbt defines, under the names and schema dbt resolved.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

PUBLISHED_SCHEMA = "analytics"


def published_keys_in(manifest: dict) -> dict[str, tuple[str, ...]]:
    """Mart name → key columns, for every model in the published schema, sorted by name."""
    models = {
        node["name"]: (unique_id, node)
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["schema"] == PUBLISHED_SCHEMA
    }
    return {name: _key(unique_id, node, manifest) for name, (unique_id, node) in sorted(models.items())}


def _key(unique_id: str, node: dict, manifest: dict) -> tuple[str, ...]:
    tests = [t for t in manifest["nodes"].values()
             if t["resource_type"] == "test" and t.get("attached_node") == unique_id]
    for candidates in (_primary_keys(node), _tested_keys(tests, "unique_combination"), _tested_keys(tests, "unique")):
        if len(candidates) == 1:
            return candidates.pop()
        if candidates:
            raise ValueError(f"{node['name']} declares more than one key: {sorted(candidates)}")
    raise ValueError(f"{node['name']} declares no key: add a unique_combination test or a primary_key constraint")


def _primary_keys(node: dict) -> set[tuple[str, ...]]:
    keys = {tuple(c["columns"]) for c in node.get("constraints", []) if c["type"] == "primary_key"}
    return keys | {
        (name,)
        for name, column in node.get("columns", {}).items()
        if any(c["type"] == "primary_key" for c in column.get("constraints", []))
    }


def _tested_keys(tests: list[dict], test_name: str) -> set[tuple[str, ...]]:
    found = [t for t in tests if (t.get("test_metadata") or {}).get("name") == test_name]
    if test_name == "unique":
        return {(t["column_name"],) for t in found}
    return {tuple(t["test_metadata"]["kwargs"]["columns"]) for t in found}


def tables_that_may_be_empty_in(manifest: dict) -> frozenset[str]:
    """Marts whose YAML gives a reason they may hold no row (`config: meta: may_be_empty: <why>`)."""
    return frozenset(node["name"] for node in manifest["nodes"].values()
                     if node["resource_type"] == "model" and node["schema"] == PUBLISHED_SCHEMA
                     and (node.get("config") or {}).get("meta", {}).get("may_be_empty"))


def read_manifest(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def published_keys() -> dict[str, tuple[str, ...]]:
    """The keys of the project's marts, from the manifest the Dagster dbt assets are read from."""
    from ..transform.project import dbt_project

    return published_keys_in(read_manifest(dbt_project.manifest_path))


@functools.cache
def tables_that_may_be_empty() -> frozenset[str]:
    from ..transform.project import dbt_project

    return tables_that_may_be_empty_in(read_manifest(dbt_project.manifest_path))
