"""Sagsbelastning and Befolkning (managers), through Flask's test client, on the operations rows of conftest."""

import json

import pytest

from tests.dashboards.test_access import callback_request

FIGURES = {"population": ["population-figure"], "caseload": ["caseload-figure", "caseload-per-family"]}


def figure_request(page, period=(None, None)):
    return callback_request([*((f, "figure") for f in FIGURES[page]), (f"{page}-note", "children")],
                            [(f"{page}-kommune", "value", "420"), (f"{page}-from", "value", period[0]),
                             (f"{page}-to", "value", period[1])])


def answer(client, page, period=(None, None)):
    response = json.loads(client.post("/_dash-update-component", json=figure_request(page, period)).data)["response"]
    traces = {t["name"]: t["y"] for f in FIGURES[page] for t in response[f]["figure"]["data"]}
    return traces, response[f"{page}-note"]["children"]


def test_families_by_systems_hide_small_counts_and_what_the_total_would_give_back(client, login):
    login("mette")
    traces, note = answer(client, "population")
    assert traces["0 systemer"] == [60, 60, 50]
    assert traces["2 systemer"] == [10, None, 12]  # September's 11 would give back the hidden 4
    assert traces["3 systemer"] == [None, None, 8]
    assert traces["4 systemer"] == [None, 0, 0]
    assert note.startswith("4 tal vises ikke")


def test_caseload_leaves_out_a_department_of_few_caseworkers(client, login):
    login("mette")
    traces, note = answer(client, "caseload")
    assert traces["Hele kommunen"] == [22.0, 23.5, 41.0]
    assert traces["Afdeling A"] == [20.5, 20.5, 20.5]
    assert traces["Afdeling B"] == [None, None, None]
    assert traces["Sagsbehandlere pr. familie"] == [2.5, None, 2.0]  # September rests on 4 families
    assert note.startswith("3 måneder, hvor en afdeling havde færre end 5 sagsbehandlere")
    assert note.endswith("1 måneder med færre end 5 familier vises ikke for sagsbehandlere pr. familie.")


@pytest.mark.parametrize("page", ["population", "caseload"])
def test_only_managers_get_the_operations_pages(client, login, page):
    login("carl")
    assert client.post("/_dash-update-component", json=figure_request(page)).status_code == 403
