"""What starts the nightly job besides the 02:00 schedule, and what tells the operator: a sensor that starts it when
a municipality's required sources have all delivered a new complete snapshot (manifest written), an alert when a
run fails, and one when a night leaves a source stale. The Dagster daemon runs them (`helhed dev` starts one)."""
from __future__ import annotations

import json

from dagster import (
    DagsterRunStatus,
    DefaultSensorStatus,
    RunFailureSensorContext,
    RunRequest,
    RunStatusSensorContext,
    SensorEvaluationContext,
    SkipReason,
    run_failure_sensor,
    run_status_sensor,
    sensor,
)

from .ingest.contracts import contracts_by_source
from .ingest.landing import complete_deliveries, ready_for_a_night
from .resources import Alerts, Landing, Warehouse
from .schedules import nightly_job
from .status import snapshots_in_force

DELIVERY_CHECK_SECONDS = 300


def required_sources() -> set[str]:
    """The sources a night cannot do without (`sourceRequired` in their contracts)."""
    return {source for source, contracts in contracts_by_source().items() if any(c.source_required for c in contracts)}


@sensor(job=nightly_job, minimum_interval_seconds=DELIVERY_CHECK_SECONDS, default_status=DefaultSensorStatus.RUNNING)
def complete_deliveries_sensor(context: SensorEvaluationContext, landing: Landing):
    """Starts the job once per new set of complete deliveries; the cursor keeps what each start was for."""
    deliveries = complete_deliveries(landing.folder, contracts_by_source())
    started_on = json.loads(context.cursor) if context.cursor else {}
    ready = ready_for_a_night(deliveries, required_sources(), started_on)
    if not ready:
        return SkipReason("no municipality has a new complete snapshot with every required source delivered")
    context.update_cursor(json.dumps({**started_on, **{k: deliveries[k] for k in ready}}, sort_keys=True))
    return RunRequest(run_key=json.dumps({k: deliveries[k] for k in ready}, sort_keys=True),
                      tags={"helhed/municipalities": ",".join(ready)})


@run_failure_sensor(monitored_jobs=[nightly_job], default_status=DefaultSensorStatus.RUNNING)
def nightly_failure_alert(context: RunFailureSensorContext, alerts: Alerts):
    alerts.send("the nightly job failed",
                f"Run {context.dagster_run.run_id} failed: {context.failure_event.message}\n"
                "The published warehouse was not replaced. `helhed status` and `helhed quality` say more.")


@run_status_sensor(run_status=DagsterRunStatus.SUCCESS, monitored_jobs=[nightly_job],
                   default_status=DefaultSensorStatus.RUNNING)
def stale_sources_alert(context: RunStatusSensorContext, alerts: Alerts, warehouse: Warehouse):
    stale = [s for s in snapshots_in_force(warehouse.published_path) if s.get("freshness") != "fresh"]
    if stale:
        alerts.send("stale sources", "\n".join(
            f"{s['kommunekode']} {s['source']}: snapshot of {s.get('extract_date')}, {s.get('age_days')} days old "
            f"({s.get('freshness')})" for s in stale))
