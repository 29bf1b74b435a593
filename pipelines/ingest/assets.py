"""Dagster assets of the ingest: the build file, then one multi-asset per source with an asset per table."""

from dagster import (
    AssetCheckResult, AssetCheckSpec, AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult,
    asset, multi_asset,
)

from ..resources import Landing, Warehouse
from .contracts import TableContract, contracts_by_source
from .pseudonym import load_key
from .sources import SourceOutcome, ingest_source, prepare

BUILD_KEY = AssetKey(["warehouse_build"])


@asset(key=BUILD_KEY, group_name="landing")
def warehouse_build(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    """A new, empty build file for this run with the raw and audit tables; the published file is untouched."""
    for leftover in (warehouse.build_path, warehouse.build_path.with_name(warehouse.build_path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    warehouse.build_path.parent.mkdir(parents=True, exist_ok=True)
    with warehouse.connect_build() as con:
        prepare(con, load_key())
    return MaterializeResult(metadata={"build_path": str(warehouse.build_path)})


def _table_key(contract: TableContract) -> AssetKey:
    return AssetKey([contract.source, contract.table])


def _in_force_check(contract: TableContract, outcome: SourceOutcome, municipalities: set[str]) -> AssetCheckResult:
    missing = sorted(municipalities - outcome.loaded.keys())
    return AssetCheckResult(
        asset_key=_table_key(contract),
        check_name="snapshot_in_force",
        passed=not missing or not contract.source_required,
        metadata={
            "in_force": {k: str(d) for k, d in sorted(outcome.loaded.items())},
            "no_valid_snapshot": missing,
            "rejected": outcome.rejected,
        },
        description=f"No valid snapshot of {contract.source} for {', '.join(missing)}" if missing else None,
    )


def _materialization(contract: TableContract, outcome: SourceOutcome) -> MaterializeResult:
    loads = [load for load in outcome.loads if load.table == contract.table]
    return MaterializeResult(
        asset_key=_table_key(contract),
        metadata={
            "rows_loaded": sum(load.rows_loaded for load in loads),
            "rows_quarantined": sum(load.rows_quarantined for load in loads),
            "snapshots_in_force": {k: str(d) for k, d in sorted(outcome.loaded.items())},
        },
    )


def _municipalities(landing: Landing) -> set[str]:
    return {p.name for p in landing.folder.iterdir() if p.is_dir() and p.name.isdigit()}


def source_assets(source: str, contracts: list[TableContract]):
    @multi_asset(
        name=f"ingest_{source}",
        specs=[
            AssetSpec(_table_key(c), deps=[BUILD_KEY], group_name="landing", description=f"raw.{c.raw_table}")
            for c in contracts
        ],
        check_specs=[
            AssetCheckSpec("snapshot_in_force", asset=_table_key(c), blocking=c.source_required) for c in contracts
        ],
    )
    def _ingest(context: AssetExecutionContext, landing: Landing, warehouse: Warehouse):
        with warehouse.connect_build() as con:
            prepare(con, load_key())
            outcome = ingest_source(con, landing.folder, source)
        for rejection in outcome.rejected:
            context.log.warning(f"rejected snapshot {rejection}")
        municipalities = _municipalities(landing)
        for contract in contracts:
            yield _materialization(contract, outcome)
            yield _in_force_check(contract, outcome, municipalities)

    return _ingest


ingest_assets = [source_assets(source, contracts) for source, contracts in contracts_by_source().items()]
