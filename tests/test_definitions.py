"""The one Definitions object: the nightly job, its schedule, every source table, the marts, checks and publish."""
from dagster import AssetKey

from pipelines.definitions import defs
from pipelines.ingest.contracts import all_contracts


def test_nightly_job_runs_at_two_in_copenhagen():
    schedule = defs.resolve_schedule_def("nightly_schedule")
    assert schedule.cron_schedule == "0 2 * * *"
    assert schedule.execution_timezone == "Europe/Copenhagen"
    assert schedule.job_name == "nightly"


def test_every_source_table_mart_and_publish_is_an_asset():
    keys = defs.resolve_asset_graph().get_all_asset_keys()
    expected = {AssetKey([c.source, c.table]) for c in all_contracts()}
    expected |= {AssetKey(["analytics", m]) for m in ("program_outcomes", "program_families", "family_month")}
    expected |= {AssetKey(["published_warehouse"]), AssetKey(["warehouse_build"])}
    assert expected <= keys


def test_publish_waits_for_blocking_checks_on_every_mart():
    graph = defs.resolve_asset_graph()
    blocking = {key.asset_key for key in graph.asset_check_keys if graph.get_check_spec(key).blocking}
    for mart in ("program_outcomes", "program_families", "family_month"):
        assert AssetKey(["analytics", mart]) in blocking
        assert AssetKey(["analytics", mart]) in graph.get(AssetKey(["published_warehouse"])).parent_keys
    assert AssetKey(["cpr", "personer"]) in blocking


def test_every_source_table_checks_its_snapshot_its_lines_and_its_freshness():
    graph = defs.resolve_asset_graph()
    specs = {(k.asset_key, k.name): graph.get_check_spec(k) for k in graph.asset_check_keys}
    for contract in all_contracts():
        key = AssetKey([contract.source, contract.table])
        assert specs[(key, "snapshot_in_force")].blocking == contract.source_required
        assert specs[(key, "delivered_equals_loaded_plus_quarantined")].blocking
        assert not specs[(key, "freshness")].blocking
