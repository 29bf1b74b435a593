"""Two nightly runs on the same landing publish identical tables: every table of the published `analytics`
schema (listed from the database, not by hand), every column, row for row, with exact equality (DOUBLE too).

The second run reads the same snapshot with the rows of every file in reverse order (manifest checksums
recomputed): a full snapshot is a set of rows, so nothing published may depend on their order. On a national
extract the order in which DuckDB's threads meet the rows differs from run to run, so a DOUBLE sum (or a tie
broken by row order) gives a different result on the next night; on a test-sized landing DuckDB reads each table
in one piece and would add up in the same order twice, so reversing the delivery is how this test reproduces
that. A DOUBLE sum left in a mart fails it.

The published marts hold no run metadata (no run id or load time), so no column is left out; EXCLUDED_COLUMNS
is where one would go.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.cli import main
from pipelines.synthetic import generate

EXCLUDED_COLUMNS: dict[str, set[str]] = {}  # table → run metadata columns; none today


def published_tables(warehouse) -> dict[str, list[tuple]]:
    """Every table in the analytics schema → its rows, all columns, ordered by all of them."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [t for (t,) in con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'analytics' and table_type = 'BASE TABLE' order by table_name").fetchall()]
        found = {}
        for table in tables:
            columns = [c for (c,) in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'analytics' and table_name = ? order by ordinal_position", [table]).fetchall()
                if c not in EXCLUDED_COLUMNS.get(table, set())]
            quoted = ", ".join(f'"{c}"' for c in columns)
            found[table] = [tuple(columns)] + con.execute(
                f'select {quoted} from analytics."{table}" order by all').fetchall()
    return found


def reversed_copy(landing: Path, copy: Path) -> Path:
    """The same snapshot with every file's data rows in reverse order, and the manifests' checksums to match."""
    shutil.copytree(landing, copy)
    for manifest_path in copy.rglob("_manifest.json"):
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        for table in manifest["tables"].values():
            path = manifest_path.parent / table["file"]
            header, *rows = path.read_bytes().splitlines(keepends=True)
            if rows and not rows[-1].endswith(b"\n"):
                rows[-1] += b"\r\n" if header.endswith(b"\r\n") else b"\n"
            path.write_bytes(header + b"".join(reversed(rows)))
            table["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("determinism")
    landing = root / "landing"
    generate(landing, residents=3000, seed=11, kommunekoder=("420",), extract_date=dt.date(2026, 11, 30))
    landings = [landing, reversed_copy(landing, root / "landing-reversed")]
    warehouses = [root / f"run{i}" / "helhed.duckdb" for i in (1, 2)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DAGSTER_HOME", str(root / "dagster"))
        for landing_dir, warehouse in zip(landings, warehouses):
            assert main(["run", "--landing", str(landing_dir), "--warehouse", str(warehouse)]) == 0
    return [published_tables(w) for w in warehouses]


def test_every_published_table_is_identical_on_a_second_run(two_runs):
    first, second = two_runs
    assert {"family_month", "program_outcomes", "support_spells", "measure_spells"} <= set(first)
    assert set(first) == set(second)
    assert all(len(rows) > 1 for rows in first.values()), "an empty table compares nothing"
    differing = {
        table: next((a, b) for a, b in zip(first[table], second[table]) if a != b)
        if len(first[table]) == len(second[table]) else f"{len(first[table])} rows, then {len(second[table])}"
        for table in first if first[table] != second[table]
    }
    assert not differing, f"differ between two runs on the same landing (first differing rows): {differing}"
