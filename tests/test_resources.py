"""DuckDB's memory limit is run config: the job's own connections and dbt's (through dbt/profiles.yml) take it."""
import duckdb
import yaml

from pipelines.resources import Warehouse, run_config
from pipelines.transform.project import DBT_DIR, DUCKDB_MEMORY_LIMIT_ENV


def _limit(con) -> str:
    return con.execute("select current_setting('memory_limit')").fetchall()[0][0]


def test_the_build_connection_takes_the_configured_limit(tmp_path):
    with Warehouse(path=str(tmp_path / "helhed.duckdb"), memory_limit="512MB").connect_build() as con:
        limited = _limit(con)
    with duckdb.connect() as default:
        assert limited != _limit(default)
    with duckdb.connect(config={"memory_limit": "512MB"}) as expected:
        assert limited == _limit(expected)


def test_dbt_reads_the_limit_the_job_sets_with_the_same_default():
    profile = yaml.safe_load((DBT_DIR / "profiles.yml").read_text())["helhed"]["outputs"]["local"]
    setting = profile["settings"]["memory_limit"]
    assert f"env_var('{DUCKDB_MEMORY_LIMIT_ENV}', '{Warehouse.model_fields['memory_limit'].default}')" in setting


def test_run_config_passes_a_limit_only_when_given(tmp_path):
    given = run_config(tmp_path, tmp_path / "w.duckdb", "8GB")["resources"]["warehouse"]["config"]
    assert given["memory_limit"] == "8GB"
    assert "memory_limit" not in run_config(tmp_path, tmp_path / "w.duckdb")["resources"]["warehouse"]["config"]
