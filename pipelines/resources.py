"""Where the job reads and writes: the landing folder and the warehouse file (built beside, then published)."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import duckdb
from dagster import ConfigurableResource, EnvVar

LANDING_ENV = "HELHED_LANDING"
WAREHOUSE_ENV = "HELHED_WAREHOUSE"


class Landing(ConfigurableResource):
    path: str

    @property
    def folder(self) -> Path:
        return Path(self.path)


class Warehouse(ConfigurableResource):
    """`path` is the published file readers open; the job writes only `build_path` until publish."""

    path: str

    @property
    def published_path(self) -> Path:
        return Path(self.path)

    @property
    def build_path(self) -> Path:
        return Path(self.path + ".building")

    @contextmanager
    def connect_build(self):
        con = duckdb.connect(str(self.build_path))
        con.execute("SET enable_progress_bar = false")
        try:
            yield con
        finally:
            con.close()


def default_resources() -> dict:
    return {
        "landing": Landing(path=EnvVar(LANDING_ENV)),
        "warehouse": Warehouse(path=EnvVar(WAREHOUSE_ENV)),
    }
