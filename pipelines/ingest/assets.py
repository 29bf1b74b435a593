"""Dagster assets of the ingest: the build file, then one multi-asset per source with an asset per table."""

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    MaterializeResult,
    asset,
    multi_asset,
)

from ..privacy import erase, erased_pseudonyms, requests_file
from ..resources import Freshness, Landing, Warehouse
from . import published
from .contracts import TableContract, contracts_by_source
from .landing import municipalities_in
from .pseudonym import load_key
from .sources import SourceOutcome, ingest_source, prepare

BUILD_KEY = AssetKey(["warehouse_build"])


@asset(key=BUILD_KEY, group_name="landing")
def warehouse_build(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    """A new build file for this run with the raw and audit tables and the published audit history."""
    for leftover in (warehouse.build_path, warehouse.build_path.with_name(warehouse.build_path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    warehouse.build_path.parent.mkdir(parents=True, exist_ok=True)
    with warehouse.connect_build() as con:
        prepare(con, load_key())
        if published.attach(con, warehouse.published_path):
            published.copy_history(con)
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


UNACCOUNTED_LINES = """
select f.kommunekode, f.file, f.rows_delivered, f.rows_loaded, f.rows_quarantined, coalesce(f.rows_erased, 0),
       (select count(distinct q.line) from audit.quarantine q
        where q.kommunekode = f.kommunekode and q.source = f.source and q.extract_date = f.extract_date
          and q.file = f.file) as lines_in_quarantine
from audit.file_loads f
where f.table_name = ?
  and (f.rows_delivered <> f.rows_loaded + f.rows_quarantined + coalesce(f.rows_erased, 0)
       or f.rows_quarantined <> lines_in_quarantine)
"""


def _lines_check(con, contract: TableContract) -> AssetCheckResult:
    """Nothing lost: every delivered line is loaded, quarantined or erased on request (audit.file_loads against
    audit.quarantine)."""
    broken = con.execute(UNACCOUNTED_LINES, [contract.raw_table]).fetchall()
    return AssetCheckResult(
        asset_key=_table_key(contract),
        check_name="delivered_equals_loaded_plus_quarantined",
        passed=not broken,
        metadata={"files_not_adding_up": [f"{k} {file}: {d} delivered, {ld} loaded, {q} quarantined, {e} erased, "
                                          f"{n} lines in quarantine" for k, file, d, ld, q, e, n in broken]},
        description="; ".join(f"{k} {file}: {d} delivered ≠ {ld} loaded + {q} quarantined + {e} erased"
                              for k, file, d, ld, q, e, _ in broken) or None,
    )


def _freshness_check(con, contract: TableContract) -> AssetCheckResult:
    rows = con.execute("SELECT kommunekode, delivered_date, age_days, freshness FROM audit.snapshots_in_force "
                       "WHERE source = ? ORDER BY kommunekode", [contract.source]).fetchall()
    stale = [(k, str(d), age, level) for k, d, age, level in rows if level != "fresh"]
    return AssetCheckResult(
        asset_key=_table_key(contract),
        check_name="freshness",
        passed=not stale,
        severity=AssetCheckSeverity.ERROR if any(s[3] == "error" for s in stale) else AssetCheckSeverity.WARN,
        metadata={"age_days": {k: age for k, _, age, _ in rows}},
        description="; ".join(f"{k}: delivered {d}, {age} days old" for k, d, age, _ in stale) or None,
    )


def source_assets(source: str, contracts: list[TableContract]):
    @multi_asset(
        name=f"ingest_{source}",
        specs=[
            AssetSpec(_table_key(c), deps=[BUILD_KEY], group_name="landing", description=f"raw.{c.raw_table}")
            for c in contracts
        ],
        check_specs=[
            spec
            for c in contracts
            for spec in (
                AssetCheckSpec("snapshot_in_force", asset=_table_key(c), blocking=c.source_required),
                AssetCheckSpec("delivered_equals_loaded_plus_quarantined", asset=_table_key(c), blocking=True),
                AssetCheckSpec("freshness", asset=_table_key(c), blocking=False),
            )
        ],
    )
    def _ingest(context: AssetExecutionContext, landing: Landing, warehouse: Warehouse, freshness: Freshness):
        with warehouse.connect_build() as con:
            prepare(con, load_key())
            published.attach(con, warehouse.published_path)
            outcome = ingest_source(con, landing.folder, source, today=freshness.as_of, policy=freshness.policy)
            erase(con, source, contracts, erased_pseudonyms(requests_file(warehouse.published_path)), freshness.as_of)
            checks = [(_lines_check(con, c), _freshness_check(con, c)) for c in contracts]
        for rejection in outcome.rejected:
            context.log.warning(f"rejected snapshot {rejection}")
        municipalities = municipalities_in(landing.folder)
        for contract, (lines, fresh) in zip(contracts, checks):
            loads = [load for load in outcome.loads if load.table == contract.table]
            yield MaterializeResult(asset_key=_table_key(contract), metadata={
                "rows_loaded": sum(load.rows_loaded for load in loads),
                "rows_quarantined": sum(load.rows_quarantined for load in loads),
                "snapshots_in_force": {k: str(d) for k, d in sorted(outcome.loaded.items())},
            })
            yield _in_force_check(contract, outcome, municipalities)
            yield lines
            yield fresh

    return _ingest


ingest_assets = [source_assets(source, contracts) for source, contracts in contracts_by_source().items()]
