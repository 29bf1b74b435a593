"""What starts the nightly job besides the schedule, and the operator's alerts, evaluated in process."""

import json
import sys

import pytest
from dagster import DagsterInstance, SkipReason, build_run_status_sensor_context, build_sensor_context, job, op

from pipelines.alerts import raise_alert
from pipelines.resources import Alerts, Landing
from pipelines.sensors import complete_deliveries_sensor, nightly_failure_alert, required_sources

REQUIRED = sorted(required_sources())


def deliver(landing, kommunekode, source, extract_date, complete=True):
    folder = landing / kommunekode / source / extract_date
    folder.mkdir(parents=True)
    if complete:
        (folder / "_manifest.json").write_text("{}")


def evaluate(landing, cursor=None):
    context = build_sensor_context(cursor=cursor, resources={"landing": Landing(path=str(landing))})
    return complete_deliveries_sensor(context), context.cursor


def test_the_required_sources_are_the_contracts_own():
    assert REQUIRED == ["boern", "cpr", "jobcenter", "organisation", "program", "voksen"]


def test_the_job_starts_once_every_required_source_has_a_complete_snapshot(tmp_path):
    for source in REQUIRED[:-1]:
        deliver(tmp_path, "420", source, "2026-12-07")
    deliver(tmp_path, "420", REQUIRED[-1], "2026-12-07", complete=False)  # still being written: no manifest
    result, _ = evaluate(tmp_path)
    assert isinstance(result, SkipReason)
    (tmp_path / "420" / REQUIRED[-1] / "2026-12-07" / "_manifest.json").write_text("{}")
    request, cursor = evaluate(tmp_path)
    assert request.tags == {"helhed/municipalities": "420"}
    # the same deliveries start nothing more; one new snapshot of any source starts the next night
    again, _ = evaluate(tmp_path, cursor)
    assert isinstance(again, SkipReason)
    deliver(tmp_path, "420", "cpr", "2026-12-08")
    following, cursor = evaluate(tmp_path, cursor)
    assert json.loads(following.run_key)["420"]["cpr"] == "2026-12-08"
    assert json.loads(cursor)["420"]["cpr"] == "2026-12-08"


def test_a_failed_run_raises_an_alert_with_its_reason(tmp_path):
    @op
    def breaks():
        raise RuntimeError("the landing folder was not mounted")

    @job
    def nightly():
        breaks()

    instance = DagsterInstance.ephemeral()
    result = nightly.execute_in_process(instance=instance, raise_on_error=False)
    context = build_run_status_sensor_context(
        sensor_name="nightly_failure_alert", dagster_event=result.get_run_failure_event(),
        dagster_instance=instance, dagster_run=result.dagster_run,
        resources={"alerts": Alerts(folder=str(tmp_path / "alerts"))}).for_run_failure()
    nightly_failure_alert(context)
    (alert,) = (tmp_path / "alerts").iterdir()
    text = alert.read_text(encoding="utf-8")
    assert text.startswith("Helhed: the nightly job failed\n")
    assert f"Run {result.run_id} failed" in text and "was not replaced" in text


def test_an_alert_goes_to_its_command_and_a_failing_command_is_written_down(tmp_path):
    received = tmp_path / "received.txt"
    command = f'{sys.executable} -c "import sys; open(\'{received}\', \'w\').write(sys.stdin.read())"'
    path = raise_alert(tmp_path / "alerts", command, "stale sources", "420 cpr: 9 days old; cpr 0101901234")
    assert received.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    assert "0101901234" not in path.read_text(encoding="utf-8")  # CPR-shaped numbers are masked
    failed = raise_alert(tmp_path / "alerts", "exit 3", "stale sources", "420 cpr")
    assert failed.read_text(encoding="utf-8").endswith("The alert command failed: exit 3: \n")


@pytest.mark.parametrize("name", ["complete_deliveries_sensor", "nightly_failure_alert", "stale_sources_alert"])
def test_the_definitions_hold_the_sensors_running_by_default(name):
    from dagster import DefaultSensorStatus

    from pipelines.definitions import defs

    assert defs.resolve_sensor_def(name).default_status == DefaultSensorStatus.RUNNING


def test_a_night_that_leaves_a_source_stale_raises_an_alert(tmp_path):
    from dagster import DagsterEventType

    from pipelines.resources import Warehouse
    from pipelines.sensors import stale_sources_alert
    from tests.quality.audit_warehouse import TROUBLED, audit_warehouse

    warehouse = tmp_path / "helhed.duckdb"
    audit_warehouse(warehouse, TROUBLED)  # cpr's snapshot in force is 11 days old

    @op
    def works():
        return 1

    @job
    def nightly():
        works()

    instance = DagsterInstance.ephemeral()
    result = nightly.execute_in_process(instance=instance)
    (success,) = [e for e in result.all_events if e.event_type == DagsterEventType.RUN_SUCCESS]
    context = build_run_status_sensor_context(
        sensor_name="stale_sources_alert", dagster_event=success, dagster_instance=instance,
        dagster_run=result.dagster_run,
        resources={"alerts": Alerts(folder=str(tmp_path / "alerts")), "warehouse": Warehouse(path=str(warehouse))})
    stale_sources_alert(context)
    (alert,) = (tmp_path / "alerts").iterdir()
    assert alert.read_text(encoding="utf-8").endswith(
        "0420 cpr: snapshot of 2024-06-10, 11 days old (error)\n")
