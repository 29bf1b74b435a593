"""`dbt build` (seeds, models, tests) on the build file, streamed to Dagster as asset events."""
import os
import shutil

from dagster import AssetExecutionContext
from dagster_dbt import DbtCliResource, dbt_assets

from ..resources import Warehouse
from .project import DUCKDB_MEMORY_LIMIT_ENV, DUCKDB_PATH_ENV, dbt_project
from .translator import HelhedTranslator

DBT_RUNS_KEPT = 7


def _prune(runs_dir, keep: int) -> None:
    """dbt writes artifacts and a debug log per run: keep the newest few for the operator, drop the rest."""
    runs = sorted((p for p in runs_dir.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in runs[keep:]:
        shutil.rmtree(old, ignore_errors=True)


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=HelhedTranslator())
def dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse):
    # dbt opens the build file itself, in a subprocess that inherits this environment (dbt/profiles.yml).
    os.environ[DUCKDB_PATH_ENV] = str(warehouse.build_path)
    os.environ[DUCKDB_MEMORY_LIMIT_ENV] = warehouse.memory_limit
    runs_dir = warehouse.published_path.parent / "dbt-runs"
    runs_dir.mkdir(parents=True, exist_ok=True)
    try:
        yield from dbt.cli(["build"], context=context, target_path=runs_dir / context.run_id).stream()
    finally:
        _prune(runs_dir, DBT_RUNS_KEPT)
