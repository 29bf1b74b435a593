"""`dbt build` (seeds, models, tests) on the build file, streamed to Dagster as asset events."""

import os

from dagster import AssetExecutionContext
from dagster_dbt import DbtCliResource, dbt_assets

from ..resources import Warehouse
from .project import DUCKDB_PATH_ENV, dbt_project
from .translator import HelhedTranslator


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=HelhedTranslator())
def dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse):
    # dbt opens the build file itself, in a subprocess that inherits this environment (dbt/profiles.yml).
    os.environ[DUCKDB_PATH_ENV] = str(warehouse.build_path)
    yield from dbt.cli(["build"], context=context).stream()
