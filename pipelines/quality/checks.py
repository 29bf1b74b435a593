"""One blocking asset check per published table: its Great Expectations suite, results kept in the warehouse."""

from datetime import datetime

from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSeverity, AssetKey, asset_check

from ..resources import Warehouse
from .marts import published_keys
from .results import store_results
from .suites import validate_table

# Every model dbt builds in the schema analytics (see marts.py); publish waits for all of them.
PUBLISHED_TABLES = tuple(published_keys())


def expectation_check(table: str):
    @asset_check(
        asset=AssetKey(["analytics", table]),
        name=f"expectations_{table}",
        blocking=True,
        description=f"Great Expectations suite for analytics.{table}; blocking expectations stop publication.",
    )
    def _check(context: AssetCheckExecutionContext, warehouse: Warehouse) -> AssetCheckResult:
        with warehouse.connect_build() as con:
            validation = validate_table(con, f"analytics.{table}")
            store_results(con, [validation], datetime.now(), context.run.run_id)
        return AssetCheckResult(
            passed=not validation.blocking_failures,
            severity=AssetCheckSeverity.ERROR,
            metadata={
                "expectations": len(validation.rows),
                "blocking_failures": validation.blocking_failures,
                "warnings": validation.warning_failures,
            },
            description="; ".join(validation.blocking_failures) or None,
        )

    return _check


expectation_checks = [expectation_check(table) for table in PUBLISHED_TABLES]
