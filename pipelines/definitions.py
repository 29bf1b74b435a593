"""The one Dagster `Definitions` of Helhed, assembled from its modules."""
from dagster import Definitions

from .ingest.assets import ingest_assets, warehouse_build
from .privacy_assets import retention
from .publish.assets import published_warehouse
from .quality.checks import expectation_checks
from .resources import default_resources
from .schedules import nightly_job, nightly_schedule
from .sensors import complete_deliveries_sensor, nightly_failure_alert, stale_sources_alert
from .transform.assets import dbt_models
from .transform.project import dbt_resource

defs = Definitions(
    assets=[warehouse_build, *ingest_assets, retention, dbt_models, published_warehouse],
    asset_checks=expectation_checks,
    jobs=[nightly_job],
    schedules=[nightly_schedule],
    sensors=[complete_deliveries_sensor, nightly_failure_alert, stale_sources_alert],
    resources={**default_resources(), "dbt": dbt_resource()},
)
