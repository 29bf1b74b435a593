"""Runs `dbt build` of the project on a given DuckDB file."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DBT_DIR = Path(__file__).resolve().parents[2] / "dbt"


def dbt_build(database: Path, *arguments: str) -> None:
    """`dbt build [arguments]` in a subprocess, so that its DuckDB connection is closed when it returns."""
    dbt = Path(sys.executable).parent / "dbt"
    env = {**os.environ, "HELHED_DUCKDB_PATH": str(database)}
    result = subprocess.run(
        [str(dbt), "build", *arguments, "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR),
         "--target-path", str(database.parent / "target"), "--log-path", str(database.parent / "logs")],
        env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:]
