"""The mart suites on small hand-written marts (marts_frames.py) loaded into an in-memory DuckDB."""

from datetime import date, datetime, timedelta, timezone

import duckdb
import pytest

from pipelines.quality.results import describe_observed, store_results
from pipelines.quality.suites import validate_table

from .marts_frames import HF, JF, TABLES, family_month, program_families, program_outcomes, warehouse

BETWEEN = "expect_column_values_to_be_between"
UNIQUE = "expect_compound_columns_to_be_unique"


def failed(validation, expectation, column):
    return [r for r in validation.rows
            if r["expectation"] == expectation and r["column_name"] == column and not r["success"]]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_good_table_passes_every_expectation(table):
    validation = validate_table(warehouse(), f"analytics.{table}")
    assert validation.table == f"analytics.{table}"
    assert [r for r in validation.rows if not r["success"]] == []
    assert validation.success and validation.blocking_failures == [] and validation.warning_failures == []


def test_family_in_two_programmes_in_the_same_month_passes():
    months = family_month()
    february = months[(months.family_id == "0420-F001") & (months.month == date(2023, 2, 1))]
    assert sorted(february.program) == [HF, JF]
    validation = validate_table(warehouse(family_month=months), "family_month")
    [unique] = [r for r in validation.rows if r["expectation"] == UNIQUE]
    assert unique["column_name"] == "family_id,program,month" and unique["success"] and unique["blocking"]
    assert validation.success


def test_suite_covers_the_columns_by_their_names():
    rows = validate_table(warehouse(), "family_month").rows
    checked = {(r["expectation"], r["column_name"], r["blocking"]) for r in rows}
    assert {
        ("expect_table_row_count_to_be_between", None, True),
        (UNIQUE, "family_id,program,month", True),
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
    outcomes.loc[1, "adults_on_support_at_start_pct"] = 400 / 3  # 4 of 3 adults: a whole count, not a share
    # shown rounded: the digits of 133.33333333333334 would be masked as CPR-shaped
    validation = validate_table(warehouse(program_outcomes=outcomes), "program_outcomes")
    assert validation.blocking_failures == [f"{BETWEEN}(adults_on_support_at_start_pct)"]
    [row] = failed(validation, BETWEEN, "adults_on_support_at_start_pct")
    assert row["blocking"] and row["observed"] == "1 of 4 rows unexpected, e.g. 133.3333"


def test_new_indicator_is_checked_by_its_suffix():
    outcomes = program_outcomes().assign(families_new_indicator_pct=[10.0, 101.0, 0.0, 0.0])
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
    months.loc[3, "program"] = HF  # now two rows for F001 in Hel Familie in February 2023
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == [f"{UNIQUE}(family_id,program,month)"]
    [row] = failed(validation, UNIQUE, "family_id,program,month")
    assert row["observed"].startswith(
        "2 of 6 rows unexpected, e.g. family_id=0420-F001, program=Hel Familie, month=2023-02-01")


def test_total_that_is_not_the_sum_of_its_components_blocks():
    months = family_month()
    months.loc[2, "cost_total_dkk"] = 61500.0  # components sum to 61500.25
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == [f"{BETWEEN}(cost_total_dkk__minus_components)"]
    [row] = failed(validation, BETWEEN, "cost_total_dkk__minus_components")
    assert row["observed"] == "1 of 6 rows unexpected, e.g. -0.25"


def test_month_that_is_not_a_first_of_month_blocks():
    months = family_month()
    months.loc[1, "month"] = date(2023, 1, 31)
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == ["expect_column_values_to_be_in_set(month__day_of_month)"]


def test_enrolment_flag_that_is_not_boolean_blocks():
    months = family_month().assign(is_enrolled=[0, 1, 1, 1, 1, 1])
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == ["expect_column_values_to_be_in_type_list(is_enrolled)"]


def test_empty_table_blocks():
    con = warehouse()
    con.execute("delete from analytics.program_families")
    validation = validate_table(con, "program_families")
    assert validation.blocking_failures == ["expect_table_row_count_to_be_between"]


def test_implausibly_high_cost_only_warns():
    outcomes = program_outcomes()
    outcomes.loc[0, "cost_per_family_year_during_dkk"] = 12_000_000.0  # over 10 M DKK a family-year
    validation = validate_table(warehouse(program_outcomes=outcomes), "program_outcomes")
    assert validation.blocking_failures == []
    assert validation.warning_failures == [f"{BETWEEN}(cost_per_family_year_during_dkk)"]
    assert not validation.success


def test_monthly_cost_is_held_to_a_twelfth_of_the_yearly_ceiling():
    months = family_month()
    months.loc[2, ["cost_child_measures_dkk", "cost_total_dkk"]] = [900_000.0, 905_500.25]  # > 10 M / 12
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == []
    assert validation.warning_failures == [f"{BETWEEN}(cost_child_measures_dkk)", f"{BETWEEN}(cost_total_dkk)"]


def test_value_over_zero_units_only_warns():
    outcomes = program_outcomes()
    outcomes.loc[2, "children_case_years_at_start_avg"] = 0.0  # its denominator is 0: should be NULL
    validation = validate_table(warehouse(program_outcomes=outcomes), "program_outcomes")
    assert validation.blocking_failures == []
    assert validation.warning_failures == ["expect_column_values_to_be_null(children_case_years_at_start_avg)"]


def test_enrolment_ending_before_it_starts_only_warns():
    families = program_families()
    families.loc[2, "enrolment_end"] = date(2023, 1, 9)  # starts 2023-01-10, still within January
    validation = validate_table(warehouse(program_families=families), "program_families")
    assert validation.blocking_failures == []
    assert validation.warning_failures == [
        "expect_column_pair_values_a_to_be_greater_than_b(enrolment_end,enrolment_start)"
    ]


def test_cohort_that_is_neither_all_nor_a_year_warns():
    outcomes = program_outcomes()
    outcomes.loc[1, "cohort"] = "2023/24"
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
    assert {
        "expect_column_values_to_not_be_null(enrolment_start)",
        f"{UNIQUE}(family_id,program,enrolment_start)",
    } <= set(validation.blocking_failures)
    [row] = failed(validation, "expect_column_values_to_not_be_null", "enrolment_start")
    assert row["observed"].startswith("error: ") and "enrolment_start" in row["observed"]
    [check] = failed(validation, "expect_column_values_to_be_null", "check__every_month_in_family_month")
    assert check["blocking"] and check["observed"].startswith("3 of 3 rows unexpected, e.g. check failed to run: ")
    assert "enrolment_start" in check["observed"]


def test_observed_masks_anything_shaped_like_a_cpr_number():
    lookalike = "321399-0000"  # day 32, month 13: the shape of a CPR number, not a real one
    result = {"unexpected_count": 2, "element_count": 9, "partial_unexpected_list": [lookalike, "3213990000"]}
    assert describe_observed(result, {}) == "2 of 9 rows unexpected, e.g. <masked>; <masked>"


def test_observed_of_a_set_names_what_is_missing_and_what_is_extra():
    result = {"observed_value": None, "partial_missing_list": ["a_pct"], "partial_unexpected_list": ["b_n", "c_n"]}
    assert describe_observed(result, {}) == "missing: a_pct; unexpected: b_n, c_n"


def test_unknown_table_is_refused():
    with pytest.raises(ValueError, match="no expectation suite"):
        validate_table(warehouse(), "analytics.no_such_mart")


def test_results_are_appended_and_read_back():
    outcomes = program_outcomes()
    outcomes.loc[1, "adults_on_support_at_start_pct"] = 400 / 3
    con = warehouse(program_outcomes=outcomes)
    validations = [validate_table(con, name) for name in TABLES]
    run_at = datetime(2024, 5, 2, 3, 15, tzinfo=timezone(timedelta(hours=2)))
    stored = store_results(con, validations, run_at, "run-1")
    store_results(con, validations[:1], datetime(2024, 5, 3, 1, 15), "run-2")

    assert stored == sum(len(v.rows) for v in validations)
    assert con.execute("select run_id, count(*) from audit.expectation_results group by run_id order by run_id"
                       ).fetchall() == [("run-1", stored), ("run-2", len(validations[0].rows))]
    failures = con.execute(
        "select run_id, run_at, table_name, suite, expectation, column_name, observed, blocking"
        " from audit.expectation_results where not success order by run_at"
    ).fetchall()
    observed = "1 of 4 rows unexpected, e.g. 133.3333"
    assert failures == [
        ("run-1", datetime(2024, 5, 2, 1, 15), "analytics.program_outcomes", "program_outcomes_suite", BETWEEN,
         "adults_on_support_at_start_pct", observed, True),
        ("run-2", datetime(2024, 5, 3, 1, 15), "analytics.program_outcomes", "program_outcomes_suite", BETWEEN,
         "adults_on_support_at_start_pct", observed, True),
    ]
