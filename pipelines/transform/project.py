"""The dbt project, built once per process: its manifest is what Dagster's dbt assets are read from."""
from __future__ import annotations

import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from ..ingest.contracts import REPO_ROOT

DBT_DIR = REPO_ROOT / "dbt"
DUCKDB_PATH_ENV = "HELHED_DUCKDB_PATH"  # read by dbt/profiles.yml
# The dbt installed beside this Python, so the job works without an activated virtualenv.
DBT_EXECUTABLE = Path(sys.executable).parent / "dbt"

dbt_project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)
dbt_project.prepare_if_dev()


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=dbt_project, dbt_executable=str(DBT_EXECUTABLE))


def parse_manifest() -> None:
    """Writes target/manifest.json from the models as they are now (`dbt parse`)."""
    dbt_resource().cli(["parse"], target_path=dbt_project.manifest_path.parent, raise_on_error=True).wait()


if not dbt_project.manifest_path.exists():
    parse_manifest()
