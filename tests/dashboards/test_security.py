"""Sessions that end, throttled logins, security headers and malformed callback input, through Flask's test
client (and waitress for the server's own headers).

The app is shared by the whole test session, so each test here logs in as a user or from an address of its own.
"""

import subprocess
import sys
import urllib.request

import pytest

from dashboards import auth
from dashboards.throttle import LoginThrottle
from tests.dashboards.conftest import PASSWORD, REPO, log_in, serving
from tests.dashboards.test_access import outcomes_request


def form_token(client) -> str:
    with client.session_transaction() as session:
        return session["csrf_token"]


def sees_outcomes(client) -> bool:
    return client.post("/_dash-update-component", json=outcomes_request()).status_code == 200


@pytest.fixture
def new_manager(users_file):
    """A manager (or another role) of this test's own, so that ending their sessions touches no other test."""
    def add(name, role="manager", casemanager_id=None):
        auth.add_user(users_file, name, PASSWORD, role, casemanager_id)
        return name
    return add


def test_logout_ends_the_session_in_every_browser(app, new_manager):
    name = new_manager("lis")
    office, home = app.server.test_client(), app.server.test_client()
    log_in(office, name)
    log_in(home, name)
    assert sees_outcomes(office) and sees_outcomes(home)
    response = office.post("/logout", data={"token": form_token(office)})
    assert response.status_code == 302
    assert not sees_outcomes(office)
    assert not sees_outcomes(home)


def test_logout_needs_a_post_with_the_form_token(app, new_manager):
    name = new_manager("lene")
    client = app.server.test_client()
    log_in(client, name)
    assert client.get("/logout").status_code == 200  # a page with the button, no logout
    assert sees_outcomes(client)
    assert client.post("/logout", data={"token": "forged"}).status_code == 400
    assert client.post("/logout").status_code == 400
    assert sees_outcomes(client)


def test_a_new_password_ends_the_old_sessions(app, users_file, new_manager):
    name = new_manager("pia")
    client = app.server.test_client()
    log_in(client, name)
    assert sees_outcomes(client)
    auth.add_user(users_file, name, "et-nyt-kodeord", "manager")
    assert not sees_outcomes(client)
    assert log_in(client, name).status_code == 401
    assert log_in(client, name, "et-nyt-kodeord").status_code == 302


def test_a_disabled_user_is_logged_out_and_cannot_log_in(app, users_file, new_manager):
    name = new_manager("dorte")
    client = app.server.test_client()
    log_in(client, name)
    auth.set_disabled(users_file, name, True)
    assert not sees_outcomes(client)
    assert log_in(client, name).status_code == 401
    auth.set_disabled(users_file, name, False)
    assert log_in(client, name).status_code == 302
    assert sees_outcomes(client)


def test_repeated_wrong_passwords_lock_the_user_even_for_the_right_one(app, new_manager, monkeypatch):
    name = new_manager("tove")
    client = app.server.test_client()
    tokens = set()
    for _ in range(5):
        assert log_in(client, name, "forkert-kodeord", address="10.0.0.5").status_code == 401
        with client.session_transaction() as session:
            tokens.add(session["login_token"])
    assert len(tokens) == 5  # a new form token after each failure
    # locked: refused without hashing the password at all
    monkeypatch.setattr(auth, "authenticate", lambda *args: pytest.fail("a locked login was checked"))
    response = log_in(client, name, address="10.0.0.6")
    assert response.status_code == 429
    assert "Prøv igen om 15 min." in response.get_data(as_text=True)
    assert not sees_outcomes(client)


def test_many_failures_from_one_address_lock_that_address(app, new_manager):
    name = new_manager("ulla")
    client = app.server.test_client()
    for attempt in range(20):
        assert log_in(client, f"gaet-{attempt}", "forkert-kodeord", address="10.0.0.7").status_code == 401
    assert log_in(client, name, address="10.0.0.7").status_code == 429
    assert log_in(client, name, address="10.0.0.8").status_code == 302


def test_a_lock_lasts_until_the_failures_leave_the_window():
    throttle = LoginThrottle(failures_per_user=3, failures_per_address=100, window_seconds=600)
    for minute in (0, 1, 2):
        throttle.failed("a", "10.0.0.1", now=60 * minute)
    assert throttle.seconds_locked("a", "10.0.0.2", now=150) == 450  # the failure at 0 leaves the window at 600
    assert throttle.seconds_locked("b", "10.0.0.2", now=150) == 0
    assert throttle.seconds_locked("a", "10.0.0.2", now=600) == 0
    throttle.failed("a", "10.0.0.1", now=610)
    assert throttle.seconds_locked("a", "10.0.0.2", now=610) == 50
    throttle.succeeded("a")
    assert throttle.seconds_locked("a", "10.0.0.2", now=610) == 0


@pytest.mark.parametrize("path", ["/login", "/programresultater", "/_dash-layout"])
def test_security_headers(app, new_manager, path):
    client = app.server.test_client()
    log_in(client, new_manager("hanne"))
    response = client.get(path)
    assert response.status_code == 200
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cache-Control"] == "no-store"


BEHIND_PROXY = """
import sys
from dashboards import create_app
app = create_app(sys.argv[1], sys.argv[2], secret_key="test", behind_tls_proxy=True)
client = app.server.test_client()

def log_in(name, password, forwarded_for):
    headers = {"X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": "https"}
    client.get("/login", environ_base={"REMOTE_ADDR": "10.9.9.9"}, headers=headers)
    with client.session_transaction() as session:
        token = session["login_token"]
    return client.post("/login", data={"username": name, "password": password, "token": token},
                       environ_base={"REMOTE_ADDR": "10.9.9.9"}, headers=headers)

for attempt in range(20):  # every request reaches the app from the proxy's address
    log_in(f"gaet-{attempt}", "forkert", f"192.0.2.{attempt}")
response = log_in("carl", sys.argv[3], "192.0.2.200")
print(response.status_code, response.headers.get("Set-Cookie"))
"""


def test_behind_a_tls_proxy_the_cookie_is_secure_and_the_address_is_the_forwarded_one(warehouse, users_file):
    # an app of its own in a process of its own (Dash keeps one callback registry per process)
    done = subprocess.run([sys.executable, "-c", BEHIND_PROXY, str(warehouse), str(users_file), PASSWORD],
                          capture_output=True, text=True, check=True, cwd=REPO)
    status, cookie = done.stdout.strip().split(" ", 1)
    assert status == "302"  # the failures came from 20 forwarded addresses, not 20 from the proxy's one
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_the_production_server_names_no_software(warehouse, users_file):
    with serving(warehouse, users_file) as url, urllib.request.urlopen(url + "/login") as response:
        assert response.status == 200
        assert "Server" not in response.headers
        assert response.headers["X-Frame-Options"] == "DENY"


MALFORMED = [["420"], {"a": 1}, 4.2, "x" * 10_000]


def callback_requests(client):
    """One request per callback the manager may call, every input and state at a value, as Dash sends them."""
    for dependency in client.get("/_dash-dependencies").get_json():
        if dependency.get("clientside_function"):
            continue
        outputs = dependency["output"].strip(".").split("...")
        yield dependency, {
            "output": dependency["output"],
            "outputs": [dict(zip(("id", "property"), o.split("."))) for o in outputs]
            if len(outputs) > 1 else dict(zip(("id", "property"), outputs[0].split("."))),
            "inputs": [{**i, "value": 1 if i["property"] == "n_clicks" else None} for i in dependency["inputs"]],
            "state": [{**s, "value": None} for s in dependency["state"]],
            "changedPropIds": [f"{i['id']}.{i['property']}" for i in dependency["inputs"]],
        }


@pytest.mark.parametrize("value", MALFORMED, ids=["list", "dict", "number", "long"])
@pytest.mark.parametrize("role, casemanager_id, outputs", [
    ("manager", None, ("outcomes-", "_pages_")), ("casemanager", "CM-A", ("board-", "_pages_")),
    ("admin", None, ("users-",))])
def test_malformed_callback_input_gets_400_never_500(app, new_manager, value, role, casemanager_id, outputs):
    """Every callback of the role's pages and Dash's page router (another page's callbacks answer 403 first)."""
    client = app.server.test_client()
    log_in(client, new_manager(f"bo-{role}", role, casemanager_id))
    checked = 0
    for dependency, request in callback_requests(client):
        if not dependency["output"].strip(".").startswith(outputs):
            continue
        for part in ("inputs", "state"):
            for position in range(len(request[part])):
                bad = {**request, part: [dict(item) for item in request[part]]}
                bad[part][position]["value"] = value
                response = client.post("/_dash-update-component", json=bad)
                assert response.status_code == 400, (dependency["output"], part, position)
                checked += 1
    assert checked >= 6


@pytest.mark.parametrize("body", [
    {"output": "outcomes-summary.children"}, {"inputs": []}, [], "x",
    {"output": "no-such.children", "outputs": {"id": "no-such", "property": "children"}, "inputs": []}])
def test_malformed_callback_request_gets_400(app, new_manager, body):
    client = app.server.test_client()
    log_in(client, new_manager("bent"))
    assert client.post("/_dash-update-component", json=body).status_code == 400
