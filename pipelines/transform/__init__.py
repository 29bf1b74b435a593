"""Transform: the dbt project in `dbt/` as Dagster assets."""
