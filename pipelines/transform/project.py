"""The dbt project, built once per process: its manifest is what Dagster's dbt assets are read from."""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from functools import cached_property
from importlib.metadata import version
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from packaging.version import Version

from ..ingest.contracts import REPO_ROOT

DBT_DIR = REPO_ROOT / "dbt"
DUCKDB_PATH_ENV = "HELHED_DUCKDB_PATH"  # read by dbt/profiles.yml
DUCKDB_MEMORY_LIMIT_ENV = "HELHED_DUCKDB_MEMORY_LIMIT"  # read by dbt/profiles.yml
# The dbt installed beside this Python, so the job works without an activated virtualenv.
DBT_EXECUTABLE = Path(sys.executable).parent / "dbt"

dbt_project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)
dbt_project.prepare_if_dev()


class OfflineDbtCliResource(DbtCliResource):
    """dagster-dbt learns dbt's version from `dbt --version`, which also asks pypi.org for the newest dbt before
    every dbt command: the installed package says it without a request."""

    @cached_property
    def _cli_version(self) -> Version:
        return Version(version("dbt-core"))


def dbt_resource() -> DbtCliResource:
    return OfflineDbtCliResource(project_dir=dbt_project, dbt_executable=str(DBT_EXECUTABLE))


PARTIAL_PARSE = "partial_parse.msgpack"
FINGERPRINT = "manifest.fingerprint"
NOT_PARSED = {"target", "logs", "dbt_packages"}  # what dbt writes, not what it reads


def project_fingerprint(project_dir: Path) -> str:
    """sha256 of dbt's and the adapter's versions and every file of the project (path and content)."""
    digest = hashlib.sha256(f"{version('dbt-core')} {version('dbt-duckdb')}".encode())
    for path in sorted(project_dir.rglob("*")):
        relative = path.relative_to(project_dir)
        if path.is_file() and relative.parts[0] not in NOT_PARSED:
            digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def parse_manifest() -> None:
    """Writes target/manifest.json from the models as they are now (`dbt parse`), unless it was parsed from the
    same project files already (the fingerprint beside it): dbt takes 5-8 s to start and parse, every night.

    dbt writes the file in place; a second job starting at the same moment would read it half-written. So dbt
    parses into a scratch folder of its own and the finished files replace the old ones atomically; the fingerprint
    is replaced last."""
    target = dbt_project.manifest_path.parent
    fingerprint = project_fingerprint(DBT_DIR)
    stamp = target / FINGERPRINT
    if dbt_project.manifest_path.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == fingerprint:
        return
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target, prefix="parse-") as scratch:
        if (target / PARTIAL_PARSE).exists():
            shutil.copy2(target / PARTIAL_PARSE, scratch)
        dbt_resource().cli(["parse"], target_path=Path(scratch), raise_on_error=True).wait()
        (Path(scratch) / FINGERPRINT).write_text(fingerprint, encoding="utf-8")
        for name in (PARTIAL_PARSE, dbt_project.manifest_path.name, FINGERPRINT):
            if (Path(scratch) / name).exists():
                os.replace(Path(scratch) / name, target / name)


if not dbt_project.manifest_path.exists():
    parse_manifest()
