"""The published marts and their keys come from dbt's manifest."""
import pytest

from pipelines.quality.checks import PUBLISHED_TABLES
from pipelines.quality.marts import published_keys, published_keys_in


def test_keys_are_the_ones_the_mart_yaml_declares():
    # dbt/models/marts/*.yml: unique_combination tests, and indicators' unique indicator_id
    assert published_keys() == {
        "caseload_department_month": ("kommunekode", "afdeling", "month"),
        "caseload_month": ("kommunekode", "caseworker_id", "month"),
        "event_study_measures": ("kommunekode", "program", "relative_month"),
        "family_month": ("family_id", "program", "month"),
        "indicators": ("indicator_id",),
        "program_families": ("family_id", "program", "enrolment_start"),
        "operations_month": ("kommunekode", "month"),
        "program_outcomes": ("kommunekode", "program", "cohort"),
    }


def test_every_model_in_the_analytics_schema_is_checked_and_published():
    assert PUBLISHED_TABLES == ("caseload_department_month", "caseload_month", "event_study_measures", "family_month",
                                "indicators", "operations_month", "program_families", "program_outcomes")


def model(name: str, schema: str = "analytics", constraints=(), columns=None) -> tuple[str, dict]:
    return f"model.helhed.{name}", {"resource_type": "model", "name": name, "schema": schema,
                                    "constraints": list(constraints), "columns": columns or {}}


def data_test(model_name: str, test_name: str, **kwargs) -> tuple[str, dict]:
    column = kwargs.get("column_name")
    return f"test.helhed.{test_name}_{model_name}_{column or kwargs}", {
        "resource_type": "test", "attached_node": f"model.helhed.{model_name}", "column_name": column,
        "test_metadata": {"name": test_name, "kwargs": kwargs}}


def manifest(*nodes) -> dict:
    return {"nodes": dict(nodes)}


def test_only_models_in_the_published_schema_count():
    keys = published_keys_in(manifest(
        model("b"), model("a"), model("int_c", schema="intermediate"),
        data_test("a", "unique", column_name="id"), data_test("b", "unique", column_name="id"),
    ))
    assert keys == {"a": ("id",), "b": ("id",)}


def test_primary_key_constraint_comes_before_tests():
    keys = published_keys_in(manifest(
        model("m", constraints=[{"type": "primary_key", "columns": ["x", "y"]}, {"type": "not_null"}]),
        data_test("m", "unique_combination", columns=["x", "z"]),
    ))
    assert keys == {"m": ("x", "y")}


def test_column_primary_key_constraint_is_a_key():
    columns = {"id": {"constraints": [{"type": "primary_key"}]}, "other": {"constraints": [{"type": "not_null"}]}}
    assert published_keys_in(manifest(model("m", columns=columns))) == {"m": ("id",)}


def test_unique_combination_comes_before_a_unique_column():
    keys = published_keys_in(manifest(
        model("m"), data_test("m", "unique", column_name="label"),
        data_test("m", "unique_combination", columns=["family_id", "program", "month"]),
    ))
    assert keys == {"m": ("family_id", "program", "month")}


def test_tests_of_other_models_or_other_kinds_do_not_count():
    with pytest.raises(ValueError, match="m declares no key"):
        published_keys_in(manifest(
            model("m"), model("n"),
            data_test("n", "unique", column_name="id"), data_test("m", "not_null", column_name="id"),
        ))


def test_two_keys_of_the_same_kind_are_refused():
    with pytest.raises(ValueError, match="more than one key"):
        published_keys_in(manifest(
            model("m"), data_test("m", "unique_combination", columns=["a", "b"]),
            data_test("m", "unique_combination", columns=["a", "c"]),
        ))
