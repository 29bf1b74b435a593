"""The published marts on two hand-written families (tests/dbt/fixtures.py); values worked out by hand."""
from __future__ import annotations

import pytest

from .conftest import one

# income_support_rates.csv, DKK per week
KH21, KH22, KH23, DP22, SDP22 = 3110, 3172, 3235, 4373, 4373

# F1, 365 days before start (2022-01-02 .. 2023-01-01):
#  A1 KH: week of 2021-12-27 has 1 day inside (ISO year 2021); 52 weeks of 2022, 2 of them (06-06, 06-13)
#     also on SYGEDAGPENGE -> priced once at the higher rate.
#  A2: DAGPENGE 2022-01-03..10-30 = 43 weeks; KH 2022-11-28.. = 5 weeks inside.
#  C1 TIME 500 kr x 2 h/week from 2022-07-04: 182 days -> 500*2*182/7 = 26000.
#  A1 SEL85 MAANED 30437.5 from 2022-12-02: 31 days -> 31000.
F1_BEFORE = KH21 / 7 + 50 * KH22 + 2 * SDP22 + 43 * DP22 + 5 * KH22 + 26000 + 31000
# F1 during (2023-01-02 .. 2023-12-31, 364 days):
#  A1 KH 13 weeks (01-02..03-27); A2 KH 2 weeks (01-02, 01-09) + 46 weeks (02-13..12-25);
#  C1 TIME 180 days (..06-30); C2 DAG 1000 x 214 days (06-01..12-31); A1 SEL85 30 days; A2 ENGANG 5000.
F1_DURING = 61 * KH23 + 500 * 2 * 180 / 7 + 214 * 1000 + 30000 + 5000
F1_DURING_PER_YEAR = F1_DURING * 365 / 364


@pytest.fixture(scope="module")
def outcomes_all(warehouse):
    return one(warehouse, "select * from analytics.program_outcomes where cohort = 'ALL'")


def test_counts(outcomes_all):
    # A4 is VOKSEN but 74 at start: not an adult.
    assert (outcomes_all["n_families"], outcomes_all["n_adults"], outcomes_all["n_children"]) == (2, 3, 3)


def test_adults_on_support_at_start(outcomes_all):
    # A1 and A2 on kontanthjælp in the week of 2023-01-02; A3 on nothing.
    assert outcomes_all["adults_on_support_at_start_pct"] == pytest.approx(200 / 3)
    assert outcomes_all["adults_on_support_at_start_pct_denominator"] == 3


def test_support_years_before_start(outcomes_all):
    # A1: weeks 2021-01-04 .. 2023-01-02 = 105; A2: 2022-01-03 .. 2023-01-02 = 53 (4-week gap bridged).
    assert outcomes_all["adults_support_years_before_start_avg"] == pytest.approx((105 + 53) / 2 / 52.1775)
    assert outcomes_all["adults_support_years_before_start_avg_denominator"] == 2


def test_adult_shares(outcomes_all):
    assert outcomes_all["adults_women_30_40_pct"] == pytest.approx(100 / 3)  # A1 only
    assert outcomes_all["families_single_adult_pct"] == pytest.approx(50)  # F2 (A4 is too old)
    # A1 self-supporting from 2023-04-03; A2 four SU-only weeks -> both have a run.
    assert outcomes_all["adults_self_supporting_run_pct"] == pytest.approx(100)
    # End week 2023-12-25: A1 self-supporting, A2 on kontanthjælp.
    assert outcomes_all["adults_self_supporting_at_end_pct"] == pytest.approx(50)
    # A1 (end 2023) and A3 (open, week of the extract date), neither on SU.
    assert outcomes_all["adults_in_work_at_end_n"] == 2


def test_child_cases(outcomes_all):
    assert outcomes_all["children_open_case_at_start_pct"] == pytest.approx(200 / 3)
    # C1 opened 2021-07-02: 549 days before start; C2 opened 2022-01-02: 365 days.
    assert outcomes_all["children_case_years_at_start_avg"] == pytest.approx((549 + 365) / 2 / 365.25)
    assert outcomes_all["children_case_closed_pct"] == pytest.approx(50)  # C1 closed 2023-09-15
    assert outcomes_all["children_case_closed_pct_denominator"] == 2


def test_screenings(outcomes_all):
    # C1: lowest 2 then 3; C2: one screening in the enrolment, lowest 1.
    assert outcomes_all["children_severe_moderate_first_pct"] == pytest.approx(100)
    assert outcomes_all["children_severe_moderate_last_pct"] == pytest.approx(50)
    assert outcomes_all["children_severe_moderate_last_pct_denominator"] == 2


def test_costs_per_family_year(outcomes_all):
    # F2 has no support or measures: 0 before and during.
    assert float(outcomes_all["cost_per_family_year_before_dkk"]) == pytest.approx(F1_BEFORE / 2, abs=0.01)
    assert float(outcomes_all["cost_per_family_year_during_dkk"]) == pytest.approx(F1_DURING_PER_YEAR / 2, abs=0.01)


def test_cohort_without_support_is_null(warehouse):
    row = one(warehouse, "select * from analytics.program_outcomes where cohort = '2024'")
    assert (row["n_families"], row["n_adults"], row["adults_on_support_at_start_pct"]) == (1, 1, 0)
    assert row["adults_support_years_before_start_avg"] is None
    assert row["adults_support_years_before_start_avg_denominator"] == 0


def test_family_board(warehouse):
    f1 = one(warehouse, "select * from analytics.program_families where familie_ref = 'F1'")
    assert (f1["enrolment_start"].isoformat(), f1["enrolment_end"].isoformat(), f1["is_open"]) == (
        "2023-01-02", "2023-12-31", False)
    assert (f1["active_measures_at_end_n"], f1["children_placed_at_end_n"]) == (1, 1)  # C2's placement
    # G3 was created before the start; G1 is reached, G2 open
    assert (f1["goals_n"], f1["goals_open_n"], f1["goals_partly_reached_n"], f1["goals_reached_n"],
            f1["goals_given_up_n"]) == (2, 1, 0, 1, 0)
    assert float(f1["cost_year_before_dkk"]) == pytest.approx(F1_BEFORE, abs=0.01)
    f2 = one(warehouse, "select * from analytics.program_families where familie_ref = 'F2'")
    assert (f2["enrolment_end"].isoformat(), f2["is_open"], f2["family_id"]) == ("2024-06-20", True, "420-F2")


def test_family_goals(warehouse):
    goals = warehouse.execute(
        "select goal_id, goal_status from analytics.family_goals where family_id = '420-F1' order by goal_id"
    ).fetchall()
    assert goals == [("G1", "NAAET"), ("G2", "AABEN")]


def test_family_month_window(warehouse):
    months = warehouse.execute(
        "select family_id, count(*), min(month), max(month), count(*) filter (where is_enrolled) "
        "from analytics.family_month group by family_id order by family_id").fetchall()
    # F1: 2022-01 .. 2023-12 (12 enrolled); F2: 2023-01 .. 2024-06 (enrolled 2024-01 .. 2024-06).
    assert [(f, n, lo.isoformat(), hi.isoformat(), e) for f, n, lo, hi, e in months] == [
        ("420-F1", 24, "2022-01-01", "2023-12-01", 12),
        ("420-F2", 18, "2023-01-01", "2024-06-01", 6),
    ]


def test_family_month_june_2023(warehouse):
    june = one(warehouse, "select * from analytics.family_month where family_id = '420-F1' and month = '2023-06-01'")
    assert (june["n_members"], june["n_adults"], june["n_children"]) == (4, 2, 2)
    # Week of 2023-06-30: A2 on kontanthjælp, A1 self-supporting; C1 and C2 have open cases.
    assert (june["adults_on_support_n"], june["adults_self_supporting_n"], june["children_open_case_n"]) == (1, 1, 2)
    assert (june["active_measures_n"], june["children_placed_n"], june["placement_days"]) == (2, 1, 30)
    # A2: 4 days of week 05-29, weeks 06-05..06-19, 5 days of week 06-26.
    assert float(june["cost_income_support_dkk"]) == pytest.approx(30 / 7 * KH23, abs=0.01)
    assert float(june["cost_child_measures_dkk"]) == pytest.approx(500 * 2 * 30 / 7, abs=0.01)
    assert june["cost_placements_dkk"] == 30 * 1000  # C2's placement
    assert june["cost_adult_measures_dkk"] == 0
