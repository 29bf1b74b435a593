"""The mart suites on small hand-written tables loaded into an in-memory DuckDB."""

from datetime import date, datetime, timedelta, timezone

import duckdb
import pandas as pd
import pytest

from pipelines.quality.results import describe_observed, store_results
from pipelines.quality.suites import validate_table

BETWEEN = "expect_column_values_to_be_between"


def program_outcomes() -> pd.DataFrame:
    return pd.DataFrame({
        "kommunekode": ["0420", "0420", "0420"],
        "program": ["Hel Familie", "Hel Familie", "Job og Familie"],
        "cohort": ["ALL", "2022", "ALL"],
        "n_families": [15, 6, 1],
        "n_adults": [20, 8, 1],
        "n_children": [35, 14, 0],
        "adults_on_support_at_start_pct": [75.0, 100.0, 100.0],
        "adults_on_support_at_start_pct_denominator": [20, 8, 1],
        "children_open_case_at_start_pct": [84.0, 50.0, None],  # no children: NULL over 0
        "children_open_case_at_start_pct_denominator": [35, 14, 0],
        "children_case_years_at_start_avg": [1.7, 0.0, None],
        "children_case_years_at_start_avg_denominator": [30, 7, 0],
        "cost_per_family_year_during_dkk": [262566.0, 5723166.0, 0.0],
        "cost_per_family_year_during_dkk_denominator": [15, 6, 1],
        "adults_in_work_at_end_n": [4, 1, 0],
    })


def program_families() -> pd.DataFrame:
    return pd.DataFrame({
        "kommunekode": ["0420", "0420"],
        "family_id": ["0420-F001", "0420-F001"],
        "familie_ref": ["F001", "F001"],
        "program": ["Hel Familie", "Hel Familie"],
        "enrolment_start": [date(2021, 3, 1), date(2023, 1, 15)],
        "enrolment_end": [date(2022, 2, 28), date(2024, 6, 30)],
        "is_open": [False, True],
        "n_adults": [2, 2],
        "n_children": [3, 3],
        "goals_n": [4, 2],
        "goals_reached_n": [3, 0],
        "cost_year_before_dkk": [420000.0, 0.0],
        "cost_per_year_during_dkk": [180000.5, 95000.0],
    })


def family_month() -> pd.DataFrame:
    return pd.DataFrame({
        "kommunekode": ["0420", "0420", "0420"],
        "family_id": ["0420-F001", "0420-F001", "0420-F002"],
        "program": ["Hel Familie", "Hel Familie", "Hel Familie"],
        "month": [date(2023, 1, 1), date(2023, 2, 1), date(2023, 1, 1)],
        "is_enrolled": [False, True, True],
        "n_children": [3, 3, 0],
        "placement_days": [0, 28, 0],
        # 0.1 + 0.2 is not exactly 0.3 in doubles; the check must allow for that.
        "cost_income_support_dkk": [0.1, 4000.0, 0.0],
        "cost_child_measures_dkk": [0.2, 56000.0, 0.0],
        "cost_adult_measures_dkk": [0.0, 1500.25, 0.0],
        "cost_total_dkk": [0.3, 61500.25, 0.0],
    })


TABLES = {"program_outcomes": program_outcomes, "program_families": program_families, "family_month": family_month}


def warehouse(**replaced: pd.DataFrame) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema analytics")
    for name, make in TABLES.items():
        frame = replaced.get(name, make())
        con.register("frame", frame)
        con.execute(f"create table analytics.{name} as select * from frame")
        con.unregister("frame")
    return con


def failed(validation, expectation, column):
    return [r for r in validation.rows if r["expectation"] == expectation and r["column_name"] == column and not r["success"]]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_good_table_passes_every_expectation(table):
    validation = validate_table(warehouse(), f"analytics.{table}")
    assert validation.table == f"analytics.{table}"
    assert [r for r in validation.rows if not r["success"]] == []
    assert validation.success and validation.blocking_failures == [] and validation.warning_failures == []


def test_suite_covers_the_columns_by_their_names():
    rows = validate_table(warehouse(), "family_month").rows
    checked = {(r["expectation"], r["column_name"], r["blocking"]) for r in rows}
    assert {
        ("expect_table_row_count_to_be_between", None, True),
        ("expect_compound_columns_to_be_unique", "family_id,month", True),
        (BETWEEN, "cost_total_dkk", True),
        (BETWEEN, "cost_total_dkk", False),
        (BETWEEN, "n_children", True),
        (BETWEEN, "placement_days", True),
        (BETWEEN, "cost_total_dkk__minus_components", True),
        ("expect_column_values_to_be_in_set", "month__day_of_month", True),
        ("expect_column_values_to_be_in_type_list", "is_enrolled", True),
    } <= checked


def test_percentage_above_100_blocks():
    outcomes = program_outcomes()
    outcomes.loc[1, "adults_on_support_at_start_pct"] = 120.0
    validation = validate_table(warehouse(program_outcomes=outcomes), "program_outcomes")
    assert validation.blocking_failures == [f"{BETWEEN}(adults_on_support_at_start_pct)"]
    [row] = failed(validation, BETWEEN, "adults_on_support_at_start_pct")
    assert row["blocking"] and row["observed"] == "1 of 3 rows unexpected, e.g. 120.0"


def test_new_indicator_is_checked_by_its_suffix():
    outcomes = program_outcomes().assign(families_new_indicator_pct=[10.0, 101.0, 0.0])
    validation = validate_table(warehouse(program_outcomes=outcomes), "program_outcomes")
    assert validation.blocking_failures == [f"{BETWEEN}(families_new_indicator_pct)"]


def test_negative_cost_blocks():
    families = program_families()
    families.loc[0, "cost_year_before_dkk"] = -1.0
    validation = validate_table(warehouse(program_families=families), "analytics.program_families")
    assert validation.blocking_failures == [f"{BETWEEN}(cost_year_before_dkk)"]
    assert not validation.success


def test_duplicated_key_blocks():
    months = family_month()
    months.loc[2, "family_id"] = "0420-F001"  # now two rows for F001 in January 2023
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == ["expect_compound_columns_to_be_unique(family_id,month)"]
    [row] = failed(validation, "expect_compound_columns_to_be_unique", "family_id,month")
    assert row["observed"].startswith("2 of 3 rows unexpected, e.g. family_id=0420-F001")


def test_total_that_is_not_the_sum_of_its_components_blocks():
    months = family_month()
    months.loc[1, "cost_total_dkk"] = 61500.0  # components sum to 61500.25
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == [f"{BETWEEN}(cost_total_dkk__minus_components)"]
    [row] = failed(validation, BETWEEN, "cost_total_dkk__minus_components")
    assert row["observed"] == "1 of 3 rows unexpected, e.g. -0.25"


def test_month_that_is_not_a_first_of_month_blocks():
    months = family_month()
    months.loc[1, "month"] = date(2023, 2, 28)
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == ["expect_column_values_to_be_in_set(month__day_of_month)"]


def test_enrolment_flag_that_is_not_boolean_blocks():
    months = family_month().assign(is_enrolled=[0, 1, 1])
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == ["expect_column_values_to_be_in_type_list(is_enrolled)"]


def test_empty_table_blocks():
    validation = validate_table(warehouse(program_families=program_families().iloc[0:0]), "program_families")
    assert "expect_table_row_count_to_be_between" in validation.blocking_failures


def test_implausibly_high_cost_only_warns():
    outcomes = program_outcomes()
    outcomes.loc[0, "cost_per_family_year_during_dkk"] = 12_000_000.0  # over 10 M DKK a family-year
    validation = validate_table(warehouse(program_outcomes=outcomes), "program_outcomes")
    assert validation.blocking_failures == []
    assert validation.warning_failures == [f"{BETWEEN}(cost_per_family_year_during_dkk)"]
    assert not validation.success


def test_monthly_cost_is_held_to_a_twelfth_of_the_yearly_ceiling():
    months = family_month()
    months.loc[1, ["cost_child_measures_dkk", "cost_total_dkk"]] = [900_000.0, 905_500.25]  # > 10 M / 12
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == []
    assert validation.warning_failures == [f"{BETWEEN}(cost_child_measures_dkk)", f"{BETWEEN}(cost_total_dkk)"]


def test_value_over_zero_units_only_warns():
    outcomes = program_outcomes()
    outcomes.loc[2, "children_open_case_at_start_pct"] = 0.0  # its denominator is 0: should be NULL
    validation = validate_table(warehouse(program_outcomes=outcomes), "program_outcomes")
    assert validation.blocking_failures == []
    assert validation.warning_failures == ["expect_column_values_to_be_null(children_open_case_at_start_pct)"]


def test_enrolment_ending_before_it_starts_only_warns():
    families = program_families()
    families.loc[1, "enrolment_end"] = date(2022, 12, 31)  # starts 2023-01-15
    validation = validate_table(warehouse(program_families=families), "program_families")
    assert validation.blocking_failures == []
    assert validation.warning_failures == [
        "expect_column_pair_values_a_to_be_greater_than_b(enrolment_end,enrolment_start)"
    ]


def test_cohort_that_is_neither_all_nor_a_year_only_warns():
    outcomes = program_outcomes()
    outcomes.loc[1, "cohort"] = "2022/23"
    validation = validate_table(warehouse(program_outcomes=outcomes), "program_outcomes")
    assert validation.warning_failures == ["expect_column_values_to_match_regex(cohort)"]


def test_published_file_is_validated_through_a_read_only_connection(tmp_path):
    path = str(tmp_path / "warehouse.duckdb")
    build = warehouse()
    build.execute(f"attach '{path}' as published")
    build.execute("copy from database memory to published")
    build.close()
    with duckdb.connect(path, read_only=True) as con:
        assert validate_table(con, "analytics.family_month").success


def test_missing_key_column_blocks_with_the_error_as_observed():
    families = program_families().drop(columns=["enrolment_start"])
    validation = validate_table(warehouse(program_families=families), "program_families")
    assert validation.blocking_failures == [
        "expect_column_values_to_not_be_null(enrolment_start)",
        "expect_compound_columns_to_be_unique(family_id,enrolment_start)",
    ]
    [row] = failed(validation, "expect_column_values_to_not_be_null", "enrolment_start")
    assert row["observed"].startswith("error: ") and "enrolment_start" in row["observed"]


def test_observed_masks_anything_shaped_like_a_cpr_number():
    lookalike = "321399-0000"  # day 32, month 13: the shape of a CPR number, not a real one
    result = {"unexpected_count": 2, "element_count": 9, "partial_unexpected_list": [lookalike, "3213990000"]}
    assert describe_observed(result, {}) == "2 of 9 rows unexpected, e.g. <masked>; <masked>"


def test_unknown_table_is_refused():
    with pytest.raises(ValueError, match="no expectation suite"):
        validate_table(warehouse(), "analytics.indicators")


def test_results_are_appended_and_read_back():
    outcomes = program_outcomes()
    outcomes.loc[1, "adults_on_support_at_start_pct"] = 120.0
    con = warehouse(program_outcomes=outcomes)
    validations = [validate_table(con, name) for name in TABLES]
    run_at = datetime(2024, 5, 2, 3, 15, tzinfo=timezone(timedelta(hours=2)))
    stored = store_results(con, validations, run_at)
    store_results(con, validations[:1], datetime(2024, 5, 3, 1, 15))

    assert stored == sum(len(v.rows) for v in validations)
    assert con.execute("select count(distinct run_at) from audit.expectation_results").fetchone() == (2,)
    failures = con.execute(
        "select run_at, table_name, suite, expectation, column_name, observed, blocking"
        " from audit.expectation_results where not success order by run_at"
    ).fetchall()
    assert failures == [
        (datetime(2024, 5, 2, 1, 15), "analytics.program_outcomes", "program_outcomes_suite", BETWEEN,
         "adults_on_support_at_start_pct", "1 of 3 rows unexpected, e.g. 120.0", True),
        (datetime(2024, 5, 3, 1, 15), "analytics.program_outcomes", "program_outcomes_suite", BETWEEN,
         "adults_on_support_at_start_pct", "1 of 3 rows unexpected, e.g. 120.0", True),
    ]
