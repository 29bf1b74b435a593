"""The last step of the night: checkpoint and close the build file, then rename it over the published one."""

import os

import duckdb
from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from ..quality.checks import PUBLISHED_TABLES
from ..resources import Warehouse


def publish_file(build_path, published_path) -> None:
    """Readers only ever see a complete file: the WAL is folded in first, then one atomic rename. The file holds
    person-level (pseudonymised) rows: readable by its owner only."""
    con = duckdb.connect(str(build_path))
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()
    wal = build_path.with_name(build_path.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"{wal} still exists after checkpoint; not publishing")
    os.chmod(build_path, 0o600)
    os.replace(build_path, published_path)


@asset(
    key=AssetKey(["published_warehouse"]),
    deps=[AssetKey(["analytics", table]) for table in PUBLISHED_TABLES],
    group_name="publish",
)
def published_warehouse(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    """The warehouse file dashboards and analysts open read-only, replaced only when every blocking check passed."""
    publish_file(warehouse.build_path, warehouse.published_path)
    return MaterializeResult(metadata={"path": str(warehouse.published_path),
                                       "bytes": warehouse.published_path.stat().st_size})
