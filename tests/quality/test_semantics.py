"""Checks across the marts and on their figures: each one fails on marts made wrong by hand (marts_frames.py)."""
from datetime import date

from pipelines.quality.suites import validate_table

from .marts_frames import JF, family_month, indicators, program_families, program_outcomes, warehouse

NULL = "expect_column_values_to_be_null"


def check(name: str) -> str:
    return f"{NULL}(check__{name})"


def observed(validation, name: str) -> str:
    [row] = [r for r in validation.rows if r["column_name"] == f"check__{name}"]
    return row["observed"]


def test_family_month_of_a_programme_the_family_is_not_enrolled_in_blocks():
    months = family_month()
    months.loc[5, ["program", "is_enrolled"]] = [JF, False]  # F002 was only ever in Hel Familie
    validation = validate_table(warehouse(family_month=months), "family_month")
    # Without an enrolment there is no window either.
    assert validation.blocking_failures == [
        check("enrolment_in_program_families"), check("month_within_family_window")]
    assert observed(validation, "enrolment_in_program_families") == (
        "1 of 6 rows unexpected, e.g. 0420-F002 Job og Familie 2023-01-01")


def test_month_enrolled_without_an_enrolment_that_overlaps_it_blocks():
    months = family_month()
    months.loc[0, "is_enrolled"] = True  # F001, Hel Familie, December 2022: the enrolment starts 2023-01-15
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == [check("is_enrolled_agrees_with_program_families")]


def test_month_not_enrolled_though_an_enrolment_covers_its_last_day_blocks():
    months = family_month()
    months.loc[1, "is_enrolled"] = False  # F001, Hel Familie, January 2023: enrolled 2023-01-15 .. 2023-02-28
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == [check("is_enrolled_agrees_with_program_families")]
    assert observed(validation, "is_enrolled_agrees_with_program_families") == (
        "1 of 6 rows unexpected, e.g. 0420-F001 Hel Familie 2023-01-01")


def test_month_after_the_last_enrolment_ends_blocks():
    months = family_month()
    months.loc[len(months)] = months.loc[2].to_dict() | {"month": date(2023, 3, 1), "is_enrolled": False}
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == [check("month_within_family_window")]


def test_month_more_than_twelve_months_before_the_first_enrolment_blocks():
    months = family_month()
    months.loc[0, "month"] = date(2021, 12, 1)  # F001 first enrols 2023-01-15: the window opens 2022-01
    validation = validate_table(warehouse(family_month=months), "family_month")
    assert validation.blocking_failures == [check("month_within_family_window")]


def test_enrolment_with_a_month_missing_from_family_month_blocks():
    months = family_month().drop(index=4)  # F001, Job og Familie, March 2023
    validation = validate_table(warehouse(family_month=months), "program_families")
    assert validation.blocking_failures == [check("every_month_in_family_month")]
    assert observed(validation, "every_month_in_family_month") == (
        "1 of 3 rows unexpected, e.g. 0420-F001 Job og Familie 2023-02-01")


def test_enrolment_with_a_month_without_members_blocks():
    months = family_month()
    months.loc[3, ["n_members", "n_adults", "n_children"]] = 0  # F001, Job og Familie, February 2023
    validation = validate_table(warehouse(family_month=months), "program_families")
    assert validation.blocking_failures == [check("members_in_every_month")]


def test_enrolment_without_adults_or_children_only_warns():
    families = program_families()
    families.loc[2, "n_adults"] = 0  # F002's one member is, say, 70: a member but not an adult
    validation = validate_table(warehouse(program_families=families), "program_families")
    assert validation.blocking_failures == []
    assert validation.warning_failures == [check("adults_or_children")]


def test_enrolment_missing_from_program_outcomes_blocks():
    outcomes = program_outcomes().drop(index=3)  # Job og Familie, cohort 2023
    validation = validate_table(warehouse(program_outcomes=outcomes), "program_families")
    assert validation.blocking_failures == [check("counted_in_program_outcomes")]


def test_outcome_counts_that_disagree_with_the_enrolments_block():
    outcomes = program_outcomes()
    outcomes.loc[0, "n_children"] = 2  # Hel Familie has 1 child over its 2 enrolments
    validation = validate_table(warehouse(program_outcomes=outcomes), "program_outcomes")
    assert validation.blocking_failures == [check("counts_agree_with_program_families")]
    assert observed(validation, "counts_agree_with_program_families") == (
        "1 of 4 rows unexpected, e.g. 0420 Hel Familie ALL")


def test_cohort_counts_only_the_enrolments_starting_in_its_year():
    families = program_families()
    families.loc[2, "enrolment_start"] = date(2022, 12, 10)  # F002 now belongs to the cohort 2022
    months = family_month()
    months.loc[len(months)] = months.loc[5].to_dict() | {"month": date(2022, 12, 1)}
    validation = validate_table(warehouse(program_families=families, family_month=months), "program_outcomes")
    assert validation.blocking_failures == [check("counts_agree_with_program_families")]
    assert observed(validation, "counts_agree_with_program_families") == (
        "1 of 4 rows unexpected, e.g. 0420 Hel Familie 2023")


def test_share_that_is_no_whole_count_of_its_denominator_blocks():
    outcomes = program_outcomes()
    outcomes.loc[0, "families_single_adult_pct"] = 40.0  # 0.8 of 2 enrolments
    validation = validate_table(warehouse(program_outcomes=outcomes), "program_outcomes")
    assert validation.blocking_failures == [check("families_single_adult_pct_whole_count")]


def test_indicator_whose_unit_disagrees_with_its_name_blocks():
    table = indicators()
    table.loc[table.indicator_id == "cost_per_family_year_during_dkk", "unit"] = "n"
    validation = validate_table(warehouse(indicators=table), "indicators")
    assert validation.blocking_failures == [check("unit_agrees_with_name")]
    assert observed(validation, "unit_agrees_with_name") == (
        "1 of 9 rows unexpected, e.g. cost_per_family_year_during_dkk")


def test_indicators_must_be_exactly_the_indicator_columns_of_program_outcomes():
    table = indicators()
    table.loc[table.indicator_id == "adults_in_work_at_end_n", "indicator_id"] = "old_indicator_n"
    validation = validate_table(warehouse(indicators=table), "indicators")
    assert validation.blocking_failures == ["expect_column_distinct_values_to_equal_set(indicator_id)"]
    [row] = [r for r in validation.rows if r["expectation"] == "expect_column_distinct_values_to_equal_set"]
    assert row["observed"] == "missing: adults_in_work_at_end_n; unexpected: old_indicator_n"


def test_indicator_key_comes_from_its_unique_column():
    table = indicators()
    table.loc[1, "indicator_id"] = "n_families"  # twice now, and n_adults missing
    validation = validate_table(warehouse(indicators=table), "indicators")
    assert "expect_column_values_to_be_unique(indicator_id)" in validation.blocking_failures
