"""Retention in the night: after every source is loaded and before dbt reads the build, the people gone from every
source for more than the retention years are removed from it (the library: pipelines/privacy.py)."""
from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from .ingest.contracts import all_contracts, contracts_by_source
from .privacy import erase, people_gone
from .resources import Freshness, Retention, Warehouse

RETENTION_KEY = AssetKey(["retention"])


@asset(key=RETENTION_KEY, deps=[AssetKey([c.source, c.table]) for c in all_contracts()], group_name="landing")
def retention(context: AssetExecutionContext, warehouse: Warehouse, freshness: Freshness,
              retention: Retention) -> MaterializeResult:
    """The people whose last day in any source is more than `years` ago leave every raw and quarantine row."""
    with warehouse.connect_build() as con:
        gone = people_gone(con, all_contracts(), retention.years, freshness.as_of)
        if gone:
            for source, contracts in contracts_by_source().items():
                erase(con, source, contracts, gone, freshness.as_of, ground="retention")
    return MaterializeResult(metadata={"people_removed": len(gone), "years": retention.years})
