"""Runs the nightly job in process (the same job the schedule runs) and tells the operator what happened."""
from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from dagster import DagsterEventType, DagsterInstance

from .resources import run_config

DAGSTER_HOME_DEFAULT = Path("var/dagster")


@dataclass
class RunReport:
    success: bool
    run_id: str
    failures: list[str] = field(default_factory=list)
    log: Path | None = None


def _instance() -> DagsterInstance:
    prepare_dagster_home()
    return DagsterInstance.get()


# What the project's Dagster instance needs unless the operator's dagster.yaml says otherwise: no telemetry (a
# warehouse of personal data does not phone home), and a run the daemon started (schedule, sensor) that crashed is
# started once more; a run that failed on a check or a step is not.
INSTANCE_DEFAULTS = {
    "telemetry": {"enabled": False},
    "run_retries": {"enabled": True, "max_retries": 1, "retry_on_asset_or_op_failure": False},
}


def prepare_dagster_home() -> Path:
    """Run history lives in DAGSTER_HOME (default var/dagster); its dagster.yaml gains what INSTANCE_DEFAULTS names
    and the operator has not set."""
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(DAGSTER_HOME_DEFAULT.resolve())))
    home.mkdir(parents=True, exist_ok=True)
    config_file = home / "dagster.yaml"
    config = (yaml.safe_load(config_file.read_text(encoding="utf-8")) if config_file.exists() else None) or {}
    if not INSTANCE_DEFAULTS.keys() <= config.keys():
        config_file.write_text(yaml.safe_dump({**INSTANCE_DEFAULTS, **config}), encoding="utf-8")
    return home


def _failures(result) -> list[str]:
    failures = [
        f"check {e.asset_key.to_user_string()}:{e.check_name} failed"
        + (f": {e.description}" if e.description else "")
        for e in result.get_asset_check_evaluations()
        if not e.passed
    ]
    for event in result.all_events:
        if event.event_type == DagsterEventType.STEP_FAILURE:
            failures.append(f"step {event.step_key} failed: {_root_cause(event.step_failure_data.error)}")
    return failures


def _root_cause(error) -> str:
    """Dagster wraps the error that matters in framework errors; the innermost cause says what went wrong."""
    while error is not None and error.cause is not None:
        error = error.cause
    return error.message.strip() if error else "unknown error"


def run_nightly(landing: Path, warehouse: Path, verbose: bool = False, memory_limit: str | None = None) -> RunReport:
    """Runs the job; unless `verbose`, dbt's own output (which dagster-dbt echoes to stdout) goes to `log`."""
    log = warehouse.resolve().parent / "last-run.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w", encoding="utf-8") as out, contextlib.redirect_stdout(sys.stdout if verbose else out):
        from .transform.project import parse_manifest

        parse_manifest()  # the dbt assets are read from the manifest: make it match the models on disk
        from .definitions import defs

        loggers = {"console": {"config": {"log_level": "DEBUG" if verbose else "WARNING"}}}
        result = defs.resolve_job_def("nightly").execute_in_process(
            instance=_instance(), raise_on_error=False,
            run_config={**run_config(landing, warehouse, memory_limit), "loggers": loggers},
        )
    return RunReport(result.success, result.run_id, _failures(result), log)
