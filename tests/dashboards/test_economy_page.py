"""Økonomi (managers): the saving in a sentence, the comparison group's costs around the start, balance, and the cost
by year, all through disclosure control; on the rows of conftest."""

import json

from dashboards.disclosure import Policy
from dashboards.tables import saving_sentence
from tests.dashboards.test_access import callback_request


def economy_request(program, period=(None, None)):
    return callback_request(
        [("economy-saving", "children"), ("economy-event-study", "figure"), ("economy-components", "figure"),
         ("economy-note", "children"), ("economy-balance", "children")],
        [("economy-kommune", "value", "420"), ("economy-program", "value", program),
         ("economy-from", "value", period[0]), ("economy-to", "value", period[1])])


def answer(client, program, period=(None, None)):
    request = economy_request(program, period)
    return json.loads(client.post("/_dash-update-component", json=request).data)["response"]


def test_a_saving_told_apart_from_zero(client, login):
    login("mette")
    response = answer(client, "Job og Familie")
    assert response["economy-saving"]["children"] == (
        "Besparelse 1.200.000 kr. (95 %-interval 300.000 kr. til 2.100.000 kr.), kan skelnes fra nul. 10 forløb "
        "matchet med 40 sammenligningsfamilier; metode: matched difference in differences.")
    enrolled, comparison = response["economy-event-study"]["figure"]["data"]
    assert enrolled["y"] == [30000.0, None, 28000.0, 25000.0]  # month -1: 3 enrolments
    assert comparison["y"] == [29000.0, 30000.0, 30500.0, None]  # month +1: 4 matched
    # each year's costs rest on a single enrolled family: every component blanked
    note = response["economy-note"]["children"]
    assert "2 måneder omkring start" in note and "8 årsudgifter vises ikke" in note
    assert all(y is None for trace in response["economy-components"]["figure"]["data"] for y in trace["y"])
    assert "cost_12_months_before_dkk" in json.dumps(response["economy-balance"])


def test_a_saving_whose_interval_holds_zero_says_so(client, login):
    login("mette")
    saving = answer(client, "Hel Familie")["economy-saving"]["children"]
    assert "kan ikke skelnes fra nul: intervallet rummer 0" in saving


def test_a_saving_on_few_matched_enrolments_is_not_shown():
    outcome = {"cost_saving_dkk": 90_000.0, "cost_saving_dkk_ci_low": 10.0, "cost_saving_dkk_ci_high": 20.0,
               "cost_saving_dkk_denominator": 4}
    assert saving_sentence(outcome, Policy()) == "Besparelsen vises ikke: den hviler på færre end 5 matchede forløb."


def test_a_case_manager_is_refused(client, login):
    login("carl")
    assert client.post("/_dash-update-component", json=economy_request("Job og Familie")).status_code == 403
