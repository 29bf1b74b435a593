"""Disclosure control: the rules on hand-written cohorts, and an attacker with a manager's login who tries to work a
suppressed cell out of everything the outcomes page shows."""

import json
import re

import pandas as pd
import pytest

from dashboards import disclosure
from dashboards.disclosure import DOMINANCE, PRIMARY, SECONDARY, Policy
from tests.dashboards.test_access import callback_request

AMOUNTS = ["cohort", *disclosure.FAMILY_AMOUNTS.values()]
NO_AMOUNTS = pd.DataFrame(columns=AMOUNTS)


def families(**cohorts) -> list[dict]:
    """Rows of program_outcomes with only n_families, ALL their sum."""
    rows = [{"cohort": c.removeprefix("y"), "n_families": n} for c, n in cohorts.items()]
    return [{"cohort": "ALL", "n_families": sum(cohorts.values())}, *rows]


def hidden(outcomes, amounts=NO_AMOUNTS, units=None, threshold=5):
    return disclosure.suppressed_cells(outcomes, amounts, units or {"n_families": "n"}, Policy(threshold=threshold))


def test_a_lone_small_cohort_takes_the_next_smallest_with_it():
    assert hidden(families(y2021=3, y2022=8, y2023=9)) == {
        ("2021", "n_families"): PRIMARY, ("2022", "n_families"): SECONDARY}


def test_small_cohorts_that_add_up_to_a_small_number_take_another_with_them():
    assert hidden(families(y2021=1, y2022=2, y2023=9, y2024=12)) == {
        ("2021", "n_families"): PRIMARY, ("2022", "n_families"): PRIMARY, ("2023", "n_families"): SECONDARY}


def test_two_small_cohorts_that_add_up_to_the_threshold_hide_each_other():
    assert hidden(families(y2021=2, y2022=3, y2023=9)) == {
        ("2021", "n_families"): PRIMARY, ("2022", "n_families"): PRIMARY}


def test_a_single_small_cohort_hides_the_total():
    outcomes = [{"cohort": "ALL", "n_families": 7}, {"cohort": "2021", "n_families": 3}]  # 4 more in no cohort row
    assert hidden(outcomes) == {("2021", "n_families"): PRIMARY, ("ALL", "n_families"): SECONDARY}


def test_zero_is_shown_and_nothing_is_hidden_for_it():
    assert hidden(families(y2021=0, y2022=8, y2023=9)) == {}


def test_the_threshold_is_a_setting():
    assert hidden(families(y2021=3, y2022=8), threshold=3) == {}


def test_a_denominator_below_the_threshold_hides_its_indicator():
    outcomes = [{"cohort": "ALL", "n_families": 9, "x_pct": 50.0, "x_pct_denominator": 4}]
    assert hidden(outcomes, units={"x_pct": "pct"}) == {("ALL", "x_pct"): PRIMARY}


@pytest.mark.parametrize("amounts, dominated", [
    ([1_000_000, 900_000, *[10_000] * 8], True),   # two families: 96 % of the total
    ([300_000] * 10, False),
    ([500_000, 350_000, *[18_750] * 8], False),  # 85 % exactly is not more than 85 %
])
def test_dominance_of_two_families_hides_a_mean_cost(amounts, dominated):
    outcome = {"cohort": "ALL", "n_families": 10, "cost_per_family_year_before_dkk": sum(amounts) / 10,
               "cost_per_family_year_before_dkk_denominator": 10}
    frame = pd.DataFrame({"cohort": "2024", "cost_year_before_dkk": amounts, "cost_per_year_during_dkk": 0.0})
    result = hidden([outcome], frame, units={"cost_per_family_year_before_dkk": "dkk"})
    assert result == ({("ALL", "cost_per_family_year_before_dkk"): DOMINANCE} if dominated else {})


# --- what a manager can reach ---------------------------------------------------------------------------------

def outcomes_view(client, cohort) -> tuple[str, dict[str, tuple[str, str]]]:
    request = callback_request(
        [("outcomes-summary", "children"), ("outcomes-shares", "figure"), ("outcomes-cost", "figure"),
         ("outcomes-trend", "figure"), ("outcomes-table", "children")],
        [("outcomes-kommune", "value", "420"), ("outcomes-program", "value", "Job og Familie"),
         ("outcomes-cohort", "value", cohort), ("outcomes-from", "value", None), ("outcomes-to", "value", None)])
    response = json.loads(client.post("/_dash-update-component", json=request).data)["response"]
    table = response["outcomes-table"]["children"]["props"]["children"][0]["props"]["children"][1]
    cells = {}
    for row in table["props"]["children"]:
        label, value, denominator = (td["props"]["children"] for td in row["props"]["children"][:3])
        cells[label] = (value, denominator)
    return response["outcomes-summary"]["children"], cells


def number(text: str) -> int | None:
    return int(text.replace(".", "")) if re.fullmatch(r"[\d.]+", text) else None


def test_no_suppressed_count_can_be_worked_out_from_the_cohorts(client, login):
    login("mette")
    views = {cohort: outcomes_view(client, cohort) for cohort in ("ALL", "2022", "2023")}
    summaries = {c: dict(zip(("families", "adults", "children"),
                             re.fullmatch(r"(\S+) familier, (\S+) voksne, (\S+) børn", s).groups()))
                 for c, (s, _) in views.items()}
    # every count the attacker sees: the summary's, and every indicator's denominator
    seen = {c: {**summaries[c], **{label: d for label, (_, d) in views[c][1].items()}} for c in views}
    recovered = []
    for key, total in seen["ALL"].items():
        parts = [number(seen[c].get(key, "0") or "0") for c in ("2022", "2023")]
        if number(total) is not None and parts.count(None) == 1:
            recovered.append(key)  # the total less the shown cohort would give the hidden one
    assert recovered == []
    assert summaries["2022"]["families"] == "<5" and summaries["2023"]["families"] == "(s)"
    assert summaries["ALL"] == {"families": "10", "adults": "8", "children": "12"}
    assert views["ALL"][1]["Udgift pr. familie pr. år før start"][0] == "312.500 kr."


def test_a_cohort_already_hidden_on_nobody_is_not_taken_as_the_second():
    outcomes = [{"cohort": "ALL", "x_pct": 1.0, "x_pct_denominator": 12}, {"cohort": "2021", "x_pct_denominator": 0},
                {"cohort": "2022", "x_pct_denominator": 3}, {"cohort": "2023", "x_pct_denominator": 9}]
    for o in outcomes[1:]:
        o["x_pct"] = None
    assert hidden(outcomes, units={"x_pct": "pct"}) == {
        ("2021", "x_pct"): PRIMARY, ("2022", "x_pct"): PRIMARY, ("2023", "x_pct"): SECONDARY}


def test_parts_of_a_total_are_hidden_like_cohorts():
    counts = {"ALL": 30, "0": 12, "1": 3, "2": 9, "3": 6, "4": 0}
    assert disclosure.suppressed_parts(counts, Policy()) == {"1": PRIMARY, "3": SECONDARY}
