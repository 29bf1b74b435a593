"""All dbt → Dagster naming in one place: keys and groups come from the model's schema and folder."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dagster import AssetKey, AssetSpec
from dagster_dbt import DagsterDbtTranslator

from ..privacy_assets import RETENTION_KEY


class HelhedTranslator(DagsterDbtTranslator):
    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project) -> AssetSpec:
        """Every dbt node waits for retention, which waits for every source: dbt never reads a person gone."""
        spec = super().get_asset_spec(manifest, unique_id, project)
        return spec if unique_id.startswith("source.") else spec.merge_attributes(deps=[RETENTION_KEY])

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return AssetKey([dbt_resource_props["source_name"], dbt_resource_props["name"]])
        return AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else None
