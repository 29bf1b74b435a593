"""The nightly job over every asset, and its schedule."""
from __future__ import annotations

from dagster import AssetSelection, ScheduleDefinition, define_asset_job, in_process_executor

# One process: DuckDB allows a single writer per file, and every step writes the build file.
nightly_job = define_asset_job("nightly", selection=AssetSelection.all(), executor_def=in_process_executor)

nightly_schedule = ScheduleDefinition(
    job=nightly_job, cron_schedule="0 2 * * *", execution_timezone="Europe/Copenhagen",
)
