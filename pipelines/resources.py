"""Where the job reads and writes, and how old a source may get: resources configured per run.

`helhed run` passes the paths as run config; the schedule (run by the Dagster daemon) falls back to the environment
variables named here.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
from dagster import ConfigurableResource, EnvVar

from .alerts import raise_alert
from .ingest.sources import FreshnessPolicy

LANDING_ENV = "HELHED_LANDING"
WAREHOUSE_ENV = "HELHED_WAREHOUSE"
ALERTS_FOLDER_ENV = "HELHED_ALERTS_FOLDER"
ALERT_COMMAND_ENV = "HELHED_ALERT_COMMAND"
DEFAULT_LANDING = Path("landing")
DEFAULT_WAREHOUSE = Path("var/warehouse/helhed.duckdb")


class Landing(ConfigurableResource):
    path: str

    @property
    def folder(self) -> Path:
        return Path(self.path)


class Warehouse(ConfigurableResource):
    """`path` is the published file readers open; the job writes only `build_path` until publish.

    `memory_limit` caps DuckDB's buffer memory in the job and in dbt, for a machine shared with other services:
    what does not fit spills to a temporary folder beside the build file. The default is DuckDB's own; at 40 %
    (9.4 GiB of 23.4) a national night runs out of memory in `int_family_interval_members`, which does not spill
    enough (bench/results/nightly.md)."""

    path: str
    memory_limit: str = "80%"

    @property
    def published_path(self) -> Path:
        return Path(self.path)

    @property
    def build_path(self) -> Path:
        return Path(self.path + ".building")

    @contextmanager
    def connect_build(self):
        con = duckdb.connect(str(self.build_path), config={"memory_limit": self.memory_limit})
        con.execute("SET enable_progress_bar = false")
        try:
            yield con
        finally:
            con.close()


class Freshness(ConfigurableResource):
    """A source whose snapshot in force is older than this is flagged (never blocks); `today` is for backfills."""

    warning_after_days: int = 1
    error_after_days: int = 7
    today: str | None = None

    @property
    def policy(self) -> FreshnessPolicy:
        return FreshnessPolicy(self.warning_after_days, self.error_after_days)

    @property
    def as_of(self) -> date:
        return date.fromisoformat(self.today) if self.today else date.today()


class Retention(ConfigurableResource):
    """People gone from every source for more than `years` are removed from the night's data (pipelines/privacy.py)."""

    years: int = 5


class Alerts(ConfigurableResource):
    """Where alerts go: a file under `folder` always, and `command` (a shell command that reads the alert on its
    standard input, e.g. `mail -s Helhed drift@kommune.dk`) when set."""

    folder: str = "var/alerts"
    command: str | None = None

    def send(self, kind: str, text: str) -> Path:
        return raise_alert(Path(self.folder), self.command, kind, text)


def default_resources() -> dict:
    """The daemon's runs (schedule, sensor) and its alerts read their places from the environment of the daemon."""
    return {
        "landing": Landing(path=EnvVar(LANDING_ENV)),
        "warehouse": Warehouse(path=EnvVar(WAREHOUSE_ENV)),
        "freshness": Freshness(),
        "retention": Retention(),
        "alerts": Alerts(folder=os.environ.get(ALERTS_FOLDER_ENV, "var/alerts"),
                         command=os.environ.get(ALERT_COMMAND_ENV) or None),
    }


def run_config(landing: Path, warehouse: Path, memory_limit: str | None = None) -> dict:
    """The run config of one nightly run on these paths (and DuckDB memory limit, else the default)."""
    limit = {"memory_limit": memory_limit} if memory_limit else {}
    return {"resources": {
        "landing": {"config": {"path": str(landing.resolve())}},
        "warehouse": {"config": {"path": str(warehouse.resolve()), **limit}},
    }}
