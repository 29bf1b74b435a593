"""Login, logout and the guard that every request to the app passes first.

Dash serves every callback at one endpoint anyone can POST to, so the guard
refuses any request without a valid session; callbacks check the role again.
"""

import secrets
from urllib.parse import urlencode

import flask

from dashboards import auth

PUBLIC_PATHS = {"/login"}


def install(server: flask.Flask) -> None:
    server.before_request(guard)
    server.add_url_rule("/login", "login", login, methods=["GET", "POST"])
    server.add_url_rule("/logout", "logout", logout)


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
        return flask.redirect(auth.PAGE_PATHS[user.pages[0]])
    return None


def _page_at(path: str) -> str | None:
    return next((page for page, p in auth.PAGE_PATHS.items() if p == path.rstrip("/")), None)


def _is_browser_navigation(path: str) -> bool:
    request = flask.request
    return (request.method == "GET" and request.accept_mimetypes.accept_html
            and not path.startswith(("/_", "/assets/")))


def _refuse_anonymous(path: str):
    if _is_browser_navigation(path):
        return flask.redirect("/login?" + urlencode({"next": flask.request.full_path}))
    return flask.Response("Log ind først.", status=401, mimetype="text/plain")


def _no_access(user: auth.User):
    html = flask.render_template("no_access.html", user=user)
    return flask.Response(html, status=403)


def _safe_next(target: str | None) -> str:
    # Browsers read "/\\host" like "//host": only plain local paths are followed after login.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def login():
    # One token per browser session, so parallel requests (a favicon) do not void the form.
    flask.session.setdefault("login_token", secrets.token_urlsafe(16))
    if flask.request.method == "GET":
        return _login_form(error=None)
    form = flask.request.form
    user = None
    if secrets.compare_digest(flask.session["login_token"], form.get("token", "")):
        user = auth.authenticate(flask.current_app.config["HELHED_USERS_FILE"],
                                 form.get("username", ""), form.get("password", ""))
    if user is None:
        return _login_form(error="Forkert brugernavn eller adgangskode."), 401
    auth.start_session(user)
    return flask.redirect(_safe_next(form.get("next")))


def _login_form(error: str | None) -> str:
    return flask.render_template("login.html", error=error,
                                 token=flask.session["login_token"],
                                 next=_safe_next(flask.request.values.get("next")))


def logout():
    flask.session.clear()
    return flask.redirect("/login")
