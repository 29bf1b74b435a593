"""The published marts and their keys come from dbt's manifest."""
from pathlib import Path

import pytest

from pipelines.quality.checks import PUBLISHED_TABLES
from pipelines.quality.marts import (
    published_keys,
    published_keys_in,
    tables_that_may_be_empty,
    tables_that_may_be_empty_in,
)


def test_keys_are_the_ones_the_mart_yaml_declares():
    # dbt/models/marts/*.yml: unique_combination tests, and indicators' unique indicator_id
    assert published_keys() == {
        "caseload_department_month": ("kommunekode", "afdeling", "month"),
        "caseload_month": ("kommunekode", "caseworker_id", "month"),
        "comparison_balance": ("kommunekode", "program", "covariate"),
        "dim_family": ("family_id",),
        "dim_person": ("kommunekode", "person_id"),
        "enrolment_population_families": ("enrolment_id",),
        "event_study_costs": ("kommunekode", "program", "relative_month"),
        "event_study_measures": ("kommunekode", "program", "relative_month"),
        "family_members": ("family_id", "person_id"),
        "family_month": ("family_id", "program", "month"),
        "family_goals": ("family_id", "program", "enrolment_start", "goal_id"),
        "family_timeline": ("family_id", "program", "enrolment_start", "person_id", "event_kind", "event_id"),
        "indicators": ("indicator_id",),
        "measure_spells": ("kommunekode", "measure_kind", "measure_id"),
        "operations_month": ("kommunekode", "month"),
        "program_families": ("family_id", "program", "enrolment_start"),
        "program_outcomes": ("kommunekode", "program", "cohort"),
        "support_spells": ("kommunekode", "person_id", "spell_start"),
    }


def test_every_model_in_the_analytics_schema_is_checked_and_published():
    assert PUBLISHED_TABLES == (
        "caseload_department_month", "caseload_month", "comparison_balance", "dim_family", "dim_person",
        "enrolment_population_families", "event_study_costs", "event_study_measures", "family_goals",
        "family_members", "family_month", "family_timeline", "indicators", "measure_spells", "operations_month",
        "program_families", "program_outcomes", "support_spells")


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


def test_the_key_table_in_docs_quality_is_the_one_the_yaml_declares():
    text = (Path(__file__).resolve().parents[2] / "docs" / "quality.md").read_text(encoding="utf-8")
    table = text.split("| table | key |\n|---|---|\n", 1)[1].split("\n\n", 1)[0]
    documented = {}
    for row in table.splitlines():
        name, key = (cell.strip().split("`")[1] for cell in row.strip("|").split("|")[:2])
        documented[name] = tuple(column.strip() for column in key.split(","))
    assert documented == published_keys()


def test_a_mart_may_be_empty_only_with_a_reason_in_its_yaml():
    reason = {"config": {"meta": {"may_be_empty": "no goals before the first plan"}}}
    assert tables_that_may_be_empty_in(manifest(
        ("model.helhed.goals", {**model("goals")[1], **reason}), model("outcomes"),
        ("model.helhed.staged", {**model("staged", schema="staging")[1], **reason}))) == {"goals"}
    assert tables_that_may_be_empty() == {"family_goals"}
