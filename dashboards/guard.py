"""Login, logout and the guard that every request to the app passes first.

Dash serves every callback at one endpoint anyone can POST to, so the guard
refuses any request without a valid session; callbacks check the role again.
"""

import math
import secrets
from urllib.parse import urlencode, urlsplit, urlunsplit

import flask

from dashboards import access_log, auth, registry
from dashboards.throttle import LoginThrottle

PUBLIC_PATHS = {"/login"}
CALLBACK_PATH = "/_dash-update-component"
PAGES_LOCATION_ID = "_pages_location"  # the dcc.Location of Dash's page router (dash._pages)
MAX_URL_LENGTH = 2000
WRONG_LOGIN = "Forkert brugernavn eller adgangskode."


def install(server: flask.Flask, throttle: LoginThrottle) -> None:
    server.extensions["helhed_login_throttle"] = throttle
    server.before_request(guard)
    server.add_url_rule("/login", "login", login, methods=["GET", "POST"])
    server.add_url_rule("/logout", "logout", logout, methods=["GET", "POST"])


def guard():
    path = flask.request.path
    if path in PUBLIC_PATHS:
        return None
    user = auth.current_user()
    if user is None:
        return _refuse_anonymous(path)
    if path == "/logout":
        return None
    if not user.pages:
        return _no_access(user)
    page = _page_at(path)
    if page is not None and not user.may_see(page):
        return _no_access(user)
    if path == "/":
        return flask.redirect(registry.BY_KEY[user.pages[0]].path)
    return None


def check_callback_request():
    """Registered after Dash's own hooks, which add the pages' callbacks on the first request: a callback request
    of another shape, or for a callback the app does not have, gets 400 here rather than a 500 inside Dash."""
    if flask.request.path == CALLBACK_PATH and not _is_callback_request(flask.request.get_json(silent=True)):
        flask.abort(400)


def _is_callback_request(body) -> bool:
    """The shape Dash's front end sends; anything else would fail inside Dash with a 500."""
    if not isinstance(body, dict):
        return False
    items = body.get("inputs"), body.get("state", [])
    callbacks = flask.current_app.extensions["helhed_dash"].callback_map
    return (isinstance(body.get("output"), str) and body["output"] in callbacks
            and isinstance(body.get("outputs"), dict | list)
            and all(isinstance(part, list) for part in items)
            and all(_is_callback_item(item) for part in items for item in part))


def _is_callback_item(item) -> bool:
    if not (isinstance(item, dict) and "id" in item and "property" in item):
        return False
    if item["id"] != PAGES_LOCATION_ID:
        return True  # the app's own callbacks check their values (dashboards/inputs.py)
    # Dash's page router takes the browser's location as it comes: a URL's parts, a path beginning with "/"
    value = item.get("value")
    return value is None or (isinstance(value, str) and len(value) <= MAX_URL_LENGTH
                             and (item["property"] != "pathname" or value.startswith("/")))


def _page_at(path: str) -> str | None:
    page = registry.BY_PATH.get(path.rstrip("/"))
    return page.key if page else None


def _is_browser_navigation(path: str) -> bool:
    request = flask.request
    return (request.method == "GET" and request.accept_mimetypes.accept_html
            and not path.startswith(("/_", "/assets/")))


def _refuse_anonymous(path: str):
    if _is_browser_navigation(path):
        return flask.redirect("/login?" + urlencode({"next": flask.request.full_path}))
    return flask.Response("Log ind først.", status=401, mimetype="text/plain")


def _no_access(user: auth.User):
    html = flask.render_template("no_access.html", user=user, token=flask.session.get("csrf_token", ""))
    return flask.Response(html, status=403)


def _safe_next(target: str | None) -> str:
    """Where to go after login: a page of the app (with its query), else the front page. Browsers drop tabs and
    newlines and read a backslash as a slash, so a path with a control character or a backslash could leave the
    site: such a target goes to the front page."""
    if not target or any(ord(c) < 0x21 or c in "\\\x7f" for c in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or parts.path not in {"/", *registry.BY_PATH}:
        return "/"
    return urlunsplit(("", "", parts.path, parts.query, ""))


def login():
    # One token per browser session, so parallel requests (a favicon) do not void the form; a new one after a failure.
    flask.session.setdefault("login_token", secrets.token_urlsafe(16))
    if flask.request.method == "GET":
        return _login_form(error=None)
    form = flask.request.form
    name = form.get("username", "")
    throttle: LoginThrottle = flask.current_app.extensions["helhed_login_throttle"]
    address = flask.request.remote_addr or ""
    wait = throttle.seconds_locked(name, address)
    if wait > 0:
        access_log.record("login_locked", user=name)
        minutes = math.ceil(wait / 60)
        return _login_form(error=f"For mange forkerte forsøg. Prøv igen om {minutes} min."), 429
    user = None
    if secrets.compare_digest(flask.session["login_token"], form.get("token", "")):
        user = auth.authenticate(flask.current_app.config["HELHED_USERS_FILE"], name, form.get("password", ""))
    if user is None:
        access_log.record("login_failed", user=name)
        throttle.failed(name, address)
        flask.session["login_token"] = secrets.token_urlsafe(16)
        return _login_form(error=WRONG_LOGIN), 401
    throttle.succeeded(name)
    auth.start_session(user)
    access_log.record("login")
    return flask.redirect(_safe_next(form.get("next")))


def _login_form(error: str | None) -> str:
    return flask.render_template("login.html", error=error,
                                 token=flask.session["login_token"],
                                 next=_safe_next(flask.request.values.get("next")))


def logout():
    """A POST with the session's form token ends every session of the user; a GET shows the button that posts."""
    if flask.request.method == "GET":
        return flask.render_template("logout.html", token=flask.session.get("csrf_token", ""))
    if not secrets.compare_digest(flask.session.get("csrf_token", ""), flask.request.form.get("token", "")):
        flask.abort(400)
    auth.end_sessions(flask.current_app.config["HELHED_USERS_FILE"], flask.session["user"])
    access_log.record("logout")
    flask.session.clear()
    return flask.redirect("/login")
