"""Municipalities side by side and the period filter, through Flask's test client on the rows of conftest: Assens
(420) and Odense (461) both run Job og Familie; only Assens runs Hel Familie."""

import json

from dashboards import access_log
from tests.dashboards.test_access import callback_request, page_request
from tests.dashboards.test_economy_page import answer as economy_answer
from tests.dashboards.test_operations_pages import answer as operations_answer


def across(client, output: str, inputs) -> dict | None:
    response = client.post("/_dash-update-component", json=callback_request([(output, "children")], inputs))
    assert response.status_code == 200
    return json.loads(response.data)["response"][output]["children"]


def table_cells(component) -> list[list[str]]:
    """The text of each body row's cells in a rendered html.Table (a cell's first text: its value)."""
    def text(node):
        if isinstance(node, dict):
            return text(node["props"].get("children"))
        if isinstance(node, list):
            return text(node[0]) if node else ""
        return "" if node is None else str(node)

    def find_body(node):
        if isinstance(node, dict):
            if node.get("type") == "Tbody":
                return node
            return find_body(node["props"].get("children"))
        if isinstance(node, list):
            return next((b for b in map(find_body, node) if b is not None), None)
        return None

    return [[text(cell) for cell in row["props"]["children"]] for row in find_body(component)["props"]["children"]]


def test_outcomes_set_the_municipalities_of_a_programme_side_by_side(client, login):
    login("mette")
    rows = table_cells(across(client, "outcomes-across", [("outcomes-program", "value", "Job og Familie")]))
    # Kommune, families, on support at start, self-supporting at end, case closed, cost before, cost during
    assert rows[0][:3] == ["Assens Kommune (420)", "10", "75 %"]
    assert rows[1][:4] == ["Odense Kommune (461)", "8", "50 %", "<5"]  # self-supporting rests on 3 adults
    assert rows[1][5] == "200.000 kr."
    assert across(client, "outcomes-across", [("outcomes-program", "value", "Hel Familie")]) is None


def test_savings_side_by_side_leave_out_one_resting_on_few_matched_enrolments(client, login):
    login("mette")
    section = across(client, "economy-across", [("economy-program", "value", "Job og Familie")])
    figure = section["props"]["children"][1]["props"]["figure"]
    (points,) = figure["data"]
    assert (points["x"], points["y"]) == ([1200000.0], ["Assens Kommune (420)"])
    assert (points["error_x"]["array"], points["error_x"]["arrayminus"]) == ([900000.0], [900000.0])
    (note,) = figure["layout"]["annotations"]
    assert (note["y"], note["text"]) == ("Odense Kommune (461)", "vises ikke: færre end 5 matchede forløb")


def test_caseload_side_by_side_hides_a_month_of_few_caseworkers(client, login):
    login("mette")
    section = across(client, "caseload-across", [("caseload-from", "value", None), ("caseload-to", "value", None)])
    traces = {t["name"]: t["y"] for t in section["props"]["children"][1]["props"]["figure"]["data"]}
    assert traces == {"Assens Kommune (420)": [22.0, 23.5, 41.0], "Odense Kommune (461)": [30.0, 31.0, None]}


def test_the_period_narrows_the_cost_by_year(client, login):
    login("mette")
    years = [t["x"] for t in economy_answer(client, "Job og Familie")["economy-components"]["figure"]["data"]]
    narrowed = [t["x"] for t in economy_answer(client, "Job og Familie", ("2023", "2023"))[
        "economy-components"]["figure"]["data"]]
    assert years[0] == ["2022", "2023"] and narrowed[0] == ["2023"]


def test_a_period_without_months_says_so_and_a_year_that_is_no_year_is_refused(client, login):
    login("mette")
    traces, note = operations_answer(client, "population", ("2027", None))
    assert (traces, note) == ({}, "")
    response = client.post("/_dash-update-component", json=callback_request(
        [("population-figure", "figure"), ("population-note", "children")],
        [("population-kommune", "value", "420"), ("population-from", "value", "2O26"),
         ("population-to", "value", None)]))
    assert response.status_code == 400


def values_by_id(node, found=None) -> dict:
    """Component id -> its `value`, for every component in a rendered layout."""
    found = {} if found is None else found
    if isinstance(node, dict):
        props = node.get("props", {})
        if "id" in props and "value" in props:
            found[props["id"]] = props["value"]
        values_by_id(props.get("children"), found)
    elif isinstance(node, list):
        for child in node:
            values_by_id(child, found)
    return found


def test_the_url_sets_the_filters(client, login):
    login("mette")
    response = client.post("/_dash-update-component", json=page_request(
        "/oekonomi", "?kommune=461&program=Job+og+Familie&fra=2023&til=2025"))
    values = values_by_id(response.json["response"]["_pages_content"]["children"])
    assert {k: values[k] for k in ("economy-kommune", "economy-program", "economy-from", "economy-to")} == {
        "economy-kommune": "461", "economy-program": "Job og Familie", "economy-from": "2023", "economy-to": "2025"}
    # a year the warehouse does not cover is no choice: the filter stays open
    response = client.post("/_dash-update-component", json=page_request("/sagsbelastning", "?fra=1999"))
    assert values_by_id(response.json["response"]["_pages_content"]["children"])["caseload-from"] is None


def download_request(cohort, clicks=1):
    request = callback_request([("outcomes-download", "data")], [("outcomes-download-button", "n_clicks", clicks)])
    request["state"] = [{"id": "outcomes-kommune", "property": "value", "value": "420"},
                        {"id": "outcomes-program", "property": "value", "value": "Job og Familie"},
                        {"id": "outcomes-cohort", "property": "value", "value": cohort}]
    return request


def test_the_indicator_table_downloads_as_shown_and_the_export_is_logged(client, login, users_file):
    login("mette")
    response = client.post("/_dash-update-component", json=download_request("2022"))
    download = response.json["response"]["outcomes-download"]["data"]
    assert download["filename"] == "programresultater-420-2022.csv"
    lines = download["content"].splitlines()
    assert lines[0] == "Kommune;Program;Kohorte;Indikator;Værdi;Nævner;Evalueringernes tal;Kilde"
    # 2022's 4 families are a count under 5: the mark, as on the page, never the number
    assert "420;Job og Familie;2022;Familier;<5;" in download["content"]
    assert not any(";4;" in line for line in lines if line.split(";")[3] == "Familier")
    (entry,) = [e for e in access_log.read(users_file) if e["event"] == "export"][-1:]
    assert (entry["user"], entry["detail"]) == ("mette", "csv: programresultater, kommune 420, Job og Familie, "
                                                         "kohorte 2022")


def test_only_a_manager_downloads_and_only_with_a_click_count(client, login):
    login("carl")
    assert client.post("/_dash-update-component", json=download_request("ALL")).status_code == 403
    login("mette")
    assert client.post("/_dash-update-component", json=download_request("ALL", "1")).status_code == 400
