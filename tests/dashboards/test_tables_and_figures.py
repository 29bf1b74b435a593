"""Suppression, formatting and figures on hand-written rows."""

import datetime as dt
import math

import pandas as pd
import pytest

from dashboards import disclosure, figures, formatting, tables

INDICATORS = pd.DataFrame([
    ("adults_on_support_at_start_pct", "Voksne på forsørgelse ved start", "pct", "75 %", "Assens"),
    ("adults_support_years_before_start_avg", "År på forsørgelse", "years", "4.2 years", "Assens"),
    ("children_case_closed_pct", "Børnesager lukket", "pct", None, None),
    ("children_severe_moderate_first_pct", "Svære problemer, første", "pct", "50 %", "Hel Familie"),
    ("cost_per_family_year_before_dkk", "Udgift før", "dkk", "262,566 DKK", "Odense, CFU"),
    ("cost_per_family_year_during_dkk", "Udgift under", "dkk", "262,566 DKK", "Odense, CFU"),
    ("cost_saving_dkk", "Besparelse", "dkk", "4.9 M DKK", "Assens"),
], columns=["indicator_id", "label_da", "unit", "seed_figure", "seed_source"])

OUTCOME = {
    "kommunekode": "420", "program": "Job og Familie", "cohort": "ALL",
    "adults_on_support_at_start_pct": 75.0, "adults_on_support_at_start_pct_denominator": 8,
    "adults_support_years_before_start_avg": 4.26,
    "adults_support_years_before_start_avg_denominator": 6,
    "children_case_closed_pct": None, "children_case_closed_pct_denominator": 0,
    "children_severe_moderate_first_pct": 200 / 3,
    "children_severe_moderate_first_pct_denominator": 3,
    "cost_per_family_year_before_dkk": 312500.0, "cost_per_family_year_before_dkk_denominator": 1200,
    "cost_per_family_year_during_dkk": 254321.4, "cost_per_family_year_during_dkk_denominator": 1200,
    "adults_in_work_at_end_n": 2,
    "saving_method": "matched_difference_in_differences",
}


NO_FAMILY_AMOUNTS = pd.DataFrame(columns=["cohort", *disclosure.FAMILY_AMOUNTS.values()])


def indicator_rows(outcome, threshold=5):
    """The rows of one outcome (a programme of a single cohort) as disclosure control leaves them."""
    policy = disclosure.Policy(threshold=threshold)
    hidden = disclosure.suppressed_cells([outcome], NO_FAMILY_AMOUNTS, tables.indicator_units(outcome, INDICATORS),
                                         policy)
    return tables.indicator_rows(outcome, INDICATORS, {i: r for (_, i), r in hidden.items()}, threshold)


@pytest.fixture
def rows():
    return indicator_rows(OUTCOME)


def by_id(rows):
    return rows.set_index("indicator_id")


def test_rows_follow_the_outcome_columns_and_skip_indicators_without_one_and_text(rows):
    assert list(rows["indicator_id"]) == [
        "adults_on_support_at_start_pct", "adults_support_years_before_start_avg",
        "children_case_closed_pct", "children_severe_moderate_first_pct",
        "cost_per_family_year_before_dkk", "cost_per_family_year_during_dkk",
        "adults_in_work_at_end_n"]


def test_values_are_formatted_the_danish_way(rows):
    r = by_id(rows)
    assert r.at["adults_on_support_at_start_pct", "value_text"] == "75 %"
    assert r.at["adults_support_years_before_start_avg", "value_text"] == "4,3 år"
    assert r.at["cost_per_family_year_before_dkk", "value_text"] == "312.500 kr."
    assert r.at["cost_per_family_year_before_dkk", "denominator_text"] == "1.200"
    assert r.at["adults_in_work_at_end_n", "label_da"] == "adults_in_work_at_end_n"


def test_small_denominators_and_small_counts_are_suppressed_never_blank_or_zero(rows):
    r = by_id(rows)
    for indicator_id in ("children_severe_moderate_first_pct", "children_case_closed_pct", "adults_in_work_at_end_n"):
        assert r.at[indicator_id, "suppressed"]
        assert r.at[indicator_id, "value_text"] == "<5"
        assert pd.isna(r.at[indicator_id, "value"])
    assert r.at["children_severe_moderate_first_pct", "denominator_text"] == "<5"
    assert not r.at["adults_on_support_at_start_pct", "suppressed"]


def test_the_threshold_is_a_setting():
    r = by_id(indicator_rows(OUTCOME, threshold=10))
    assert r.at["adults_on_support_at_start_pct", "value_text"] == "<10"
    assert r.at["cost_per_family_year_before_dkk", "value_text"] == "312.500 kr."
    at_threshold = by_id(indicator_rows(OUTCOME, threshold=8))
    assert at_threshold.at["adults_on_support_at_start_pct", "value_text"] == "75 %"


@pytest.mark.parametrize("text, unit, expected", [
    ("75 %", "pct", 75.0), ("4.2 years", "years", 4.2), ("1,7 år", "years", 1.7),
    ("262,566 DKK", "dkk", 262566.0), ("262.566 kr. pr. familie pr. år", "dkk", 262566.0),
    ("a majority of single providers", "pct", None),
    (None, "pct", None),
])
def test_seed_number(text, unit, expected):
    assert tables.seed_number(text, unit) == expected


def test_formatting_groups_thousands_with_dots():
    assert formatting.number(1234567.891, 2) == "1.234.567,89"
    assert formatting.by_unit(33.4, "pct") == "33 %"


def test_key_shares_figure_puts_each_share_beside_its_seed(rows):
    fig = figures.key_shares_figure(rows)
    seeds, own = fig.data
    assert own.name == "Kommunen" and seeds.name == "Evalueringernes tal"
    own_by_label = dict(zip(own.y, own.x))
    text_by_label = dict(zip(own.y, own.text))
    assert own_by_label["Voksne på forsørgelse ved start"] == 75.0
    assert own_by_label["Svære problemer, første"] == 0
    assert text_by_label["Svære problemer, første"] == "<5"
    assert dict(zip(seeds.y, seeds.x))["Svære problemer, første"] == 50.0
    assert len(own.y) == 3  # the three pct indicators only


def test_cost_figure_shows_before_and_during_with_the_seed_line(rows):
    fig = figures.cost_figure(rows)
    assert list(fig.data[0].x) == ["Året før start", "Under forløbet"]
    assert list(fig.data[0].y) == [312500.0, 254321.4]
    line = fig.layout.shapes[0]
    assert line.y0 == 262566.0
    assert fig.layout.annotations[0].text == "Odense, CFU: 262.566 kr."


def test_cost_figure_leaves_a_suppressed_cost_at_zero_with_its_mark():
    outcome = dict(OUTCOME, cost_per_family_year_before_dkk_denominator=4)
    fig = figures.cost_figure(indicator_rows(outcome))
    assert list(fig.data[0].y) == [0, 254321.4]
    assert list(fig.data[0].text) == ["<5", "254.321 kr."]


def test_family_trend_stacks_costs_and_shades_enrolled_months():
    # The shade runs from the first enrolled month to the end of the last one.
    months = pd.DataFrame({
        "month": [dt.date(2022, 1, 1), dt.date(2022, 2, 1), dt.date(2022, 3, 1)],
        "is_enrolled": [False, True, True],
        "cost_income_support_dkk": [100.0, 200.0, 300.0],
        "cost_child_measures_dkk": [10.0, 20.0, 30.0],
        "cost_adult_measures_dkk": [1.0, 2.0, 3.0],
    })
    fig = figures.family_trend_figure(months)
    assert fig.layout.barmode == "stack"
    assert [list(t.y) for t in fig.data] == [[100, 200, 300], [10, 20, 30], [1, 2, 3]]
    shade = fig.layout.shapes[0]
    assert (str(shade.x0)[:10], str(shade.x1)[:10]) == ("2022-02-01", "2022-04-01")


def test_family_board_rows():
    families = pd.DataFrame([{
        "familie_ref": "F-1", "program": "Hel Familie", "enrolment_start": dt.date(2023, 5, 2),
        "enrolment_end": dt.date(2024, 1, 31), "is_open": False, "casemanager_id": "CM-A",
        "n_adults": 1, "n_children": 2, "adults_on_support_at_start_n": 1,
        "adults_self_supporting_at_end_n": 0, "children_open_case_at_start_n": 2,
        "children_open_case_at_end_n": 1, "active_measures_at_end_n": 4,
        "children_placed_at_end_n": 0, "goals_n": 4, "goals_open_n": 0,
        "goals_partly_reached_n": 1, "goals_reached_n": 3, "goals_given_up_n": 0,
        "cost_year_before_dkk": 123456.0, "cost_per_year_during_dkk": math.nan,
    }])
    [row] = tables.family_board_rows(families)
    assert row["enrolment_start"] == "2023-05-02"
    assert row["status"] == "Afsluttet"
    assert (row["goals_open_n"], row["goals_partly_reached_n"], row["goals_reached_n"], row["goals_given_up_n"]) == (
        0, 1, 3, 0)
    assert row["cost_year_before_dkk"] == 123456.0
    assert row["cost_per_year_during_dkk"] is None


def test_cohort_trend_leaves_a_gap_with_its_mark_where_a_cohort_is_suppressed():
    small = dict(OUTCOME, cohort="2022", cost_per_family_year_before_dkk_denominator=4,
                 cost_per_family_year_during_dkk_denominator=4)
    fig = figures.cohort_trend_figure({"2023": indicator_rows(dict(OUTCOME, cohort="2023")),
                                       "2022": indicator_rows(small)})
    before, during = fig.data
    assert list(before.x) == ["2022", "2023"]
    assert list(before.y) == [None, 312500.0]
    assert list(during.y) == [None, 254321.4]
    (mark,) = fig.layout.annotations
    assert (mark.x, mark.text) == ("2022", "Året før start: <5<br>Under forløbet: <5")


def board_family(start, end, reached, goals, placed=0) -> dict:
    return {"enrolment_start": start, "enrolment_end": end, "goals_reached_n": reached, "goals_n": goals,
            "children_placed_at_end_n": placed}


@pytest.mark.parametrize("family, light", [
    (board_family(dt.date(2024, 1, 1), dt.date(2024, 12, 31), 3, 5), "grøn"),
    (board_family(dt.date(2024, 1, 1), dt.date(2024, 12, 31), 1, 4), "gul"),
    (board_family(dt.date(2024, 1, 1), dt.date(2024, 12, 31), 4, 4, placed=1), "rød"),  # a child placed
    (board_family(dt.date(2024, 1, 1), dt.date(2024, 8, 1), 0, 3), "rød"),  # 7 months, nothing reached
    (board_family(dt.date(2024, 1, 1), dt.date(2024, 4, 1), 0, 3), "gul"),  # 3 months: early days
    (board_family(dt.date(2024, 1, 1), dt.date(2024, 4, 1), 0, 0), "gul"),  # no plan yet
])
def test_traffic_light(family, light):
    assert tables.traffic_light(family) == light


def test_a_days_screenings_are_one_point_labelled_with_the_lowest_score():
    day = dt.date(2023, 4, 3)
    events = pd.DataFrame([
        {"person_id": "c", "member_role": "BARN", "event_kind": "screening", "event_id": f"{d}-2023-04-03",
         "event_code": d, "start_date": day, "end_date": day, "score": s}
        for d, s in (("TRIVSEL", 3), ("SKOLE", 1))])
    enrolments = pd.DataFrame([{"program": "Hel Familie", "enrolment_start": dt.date(2023, 1, 1),
                                "enrolment_end": dt.date(2023, 12, 31)}])
    (points,) = figures.family_timeline_figure(events, enrolments).data
    assert (list(points.y), list(points.text), list(points.customdata)) == (
        ["Barn 1 · Screening"], ["1"], ["TRIVSEL: 3, SKOLE: 1"])
