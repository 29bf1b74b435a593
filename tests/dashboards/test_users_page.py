"""Brugere (admin) and the access log, through Flask's test client."""

import json

from dashboards import access_log
from tests.dashboards.conftest import log_in
from tests.dashboards.test_access import callback_request, family_request, page_request


def change_user(action, name=None, role=None, casemanager_id=None, picked=None):
    buttons = ("users-add", "users-disable", "users-enable", "users-reset")
    request = callback_request(
        [("users-message", "children"), ("users-table", "children"), ("users-log", "children"),
         ("users-pick", "options")],
        [(button, "n_clicks", 1 if button == action else None) for button in buttons])
    request["changedPropIds"] = [f"{action}.n_clicks"]
    request["state"] = [{"id": i, "property": "value", "value": v} for i, v in (
        ("users-new-name", name), ("users-new-role", role), ("users-new-casemanager", casemanager_id),
        ("users-pick", picked))]
    return request


def message(response) -> str:
    return json.loads(response.data)["response"]["users-message"]["children"]


def log_in_as(app, name, password):
    client = app.server.test_client()
    return client, log_in(client, name, password).status_code


def test_admin_adds_a_user_who_logs_in_with_the_password_shown_once(app, client, login, users_file):
    login("anne")
    said = message(client.post("/_dash-update-component", json=change_user(
        "users-add", name="sanne", role="casemanager", casemanager_id="CM-B")))
    assert said.startswith("sanne er oprettet. Adgangskoden vises kun nu: ")
    password = said.rsplit(" ", 1)[1]
    assert password not in users_file.read_text()
    sanne, status = log_in_as(app, "sanne", password)
    assert status == 302
    assert sanne.get("/").headers["Location"] == "/familietavle"
    again = message(client.post("/_dash-update-component", json=change_user(
        "users-add", name="sanne", role="manager")))
    assert again == "Der er allerede en bruger ved navn sanne."


def test_admin_disables_resets_and_enables(app, client, login, password):
    login("anne")
    client.post("/_dash-update-component", json=change_user("users-add", name="rasmus", role="manager"))
    said = message(client.post("/_dash-update-component", json=change_user("users-reset", picked="rasmus")))
    new_password = said.rsplit(" ", 1)[1]
    rasmus, status = log_in_as(app, "rasmus", new_password)
    assert status == 302
    said = message(client.post("/_dash-update-component", json=change_user("users-disable", picked="rasmus")))
    assert said == "rasmus er deaktiveret, og alle sessioner er afsluttet."
    assert rasmus.get("/programresultater").status_code == 401
    assert log_in_as(app, "rasmus", new_password)[1] == 401
    client.post("/_dash-update-component", json=change_user("users-enable", picked="rasmus"))
    assert log_in_as(app, "rasmus", new_password)[1] == 302
    itself = message(client.post("/_dash-update-component", json=change_user("users-disable", picked="anne")))
    assert itself == "Du kan ikke deaktivere dig selv."


def test_only_the_admin_changes_users(client, login):
    login("mette")
    response = client.post("/_dash-update-component", json=change_user("users-add", name="x", role="admin"))
    assert response.status_code == 403
    assert client.get("/brugere").status_code == 403


def test_the_access_log_names_who_did_what(app, client, login, users_file):
    login("carl", "forkert-kodeord")
    login("carl")
    client.post("/_dash-update-component", json=page_request("/familietavle"))
    client.post("/_dash-update-component", json=family_request("420-F-1001"))
    entries = [e for e in access_log.read(users_file) if e["user"] == "carl"][-4:]
    assert [e["event"] for e in entries] == ["login_failed", "login", "page_view", "family_data"]
    assert entries[2]["detail"] == "/familietavle"
    assert entries[3]["detail"] == "timeline: family 420-F-1001"
    assert all(e["address"] == "127.0.0.1" for e in entries)
    assert access_log.log_path(users_file).stat().st_mode & 0o077 == 0
    login("anne")
    page = client.post("/_dash-update-component", json=page_request("/brugere")).get_data(as_text=True)
    assert "timeline: family 420-F-1001" in page and "login_failed" in page


def test_a_cpr_number_typed_as_user_name_is_masked_in_the_log(client, login, users_file):
    login("0707614285", "forkert-kodeord")  # a valid CPR number (python-stdnum's example)
    logged = access_log.log_path(users_file).read_text()
    assert "0707614285" not in logged
    assert access_log.read(users_file)[-1]["event"] == "login_failed"
