"""Brugere: the admin adds users, disables and enables them, gives a new password, and reads the access log."""

import secrets

import flask
from dash import Input, Output, State, callback, ctx, dcc, html

from dashboards import access_log, auth, inputs, registry, shell

PAGE = "users"
registry.register_page(__name__, PAGE)
ROLE_LABELS = {"manager": "Leder", "casemanager": "Casemanager", "operator": "Drift", "admin": "Administrator"}
LOG_ROWS = 200


def layout(**_query):
    if shell.page_viewer(PAGE) is None:
        return shell.no_access()
    roles = [{"label": f"{ROLE_LABELS[r]} ({r})", "value": r} for r in auth.ROLES]
    return html.Div([
        html.H1("Brugere"),
        html.H2("Ny bruger"),
        html.Div([
            html.Label(["Brugernavn", dcc.Input(id="users-new-name", type="text", maxLength=60)], className="filter"),
            html.Label(["Rolle", dcc.Dropdown(id="users-new-role", options=roles, clearable=False)],
                       className="filter"),
            html.Label(["Casemanager-id (kun casemanagere)", dcc.Input(id="users-new-casemanager", type="text",
                                                                       maxLength=60)], className="filter"),
            html.Button("Opret", id="users-add", className="action"),
        ], className="filters"),
        html.H2("Skift en bruger"),
        html.Div([
            html.Label(["Bruger", dcc.Dropdown(id="users-pick", options=_names(), placeholder="Vælg en bruger")],
                       className="filter"),
            html.Button("Deaktivér", id="users-disable", className="action"),
            html.Button("Aktivér", id="users-enable", className="action"),
            html.Button("Ny adgangskode", id="users-reset", className="action"),
        ], className="filters"),
        html.P(id="users-message", role="status", className="summary"),
        *_tables(),
    ])


def _users_file():
    return flask.current_app.config["HELHED_USERS_FILE"]


def _names() -> list[str]:
    return [user["name"] for user in auth.list_users(_users_file())]


def _tables() -> list:
    """The users with their last login, and the access log, newest first: the log read once for both."""
    entries = access_log.read(_users_file())
    return [html.Div(_users_table(entries), id="users-table"), html.H2(f"Adgangslog (seneste {LOG_ROWS})"),
            html.Div(_log_table(entries), id="users-log")]


def _users_table(entries: list[dict]) -> html.Table:
    logins = access_log.last_logins(entries)
    header = html.Tr([html.Th(h) for h in ("Bruger", "Rolle", "Casemanager-id", "Status", "Seneste login")])
    rows = [html.Tr([html.Td(user["name"]), html.Td(ROLE_LABELS[user["role"]]), html.Td(user["casemanager_id"] or "–"),
                     html.Td("deaktiveret" if user["disabled"] else "aktiv",
                             className="tone-bad" if user["disabled"] else None),
                     html.Td(logins.get(user["name"], "aldrig"))])
            for user in auth.list_users(_users_file())]
    return html.Table([html.Thead(header), html.Tbody(rows)], className="report-table")


def _log_table(entries: list[dict]) -> html.Table:
    entries = entries[-LOG_ROWS:][::-1]
    header = html.Tr([html.Th(h) for h in ("Tid (UTC)", "Bruger", "Hændelse", "Detalje", "Adresse")])
    rows = [html.Tr([html.Td(e["at"]), html.Td(e["user"]), html.Td(e["event"]), html.Td(e["detail"]),
                     html.Td(e["address"])]) for e in entries]
    return html.Table([html.Thead(header), html.Tbody(rows)], className="report-table")


@callback(Output("users-message", "children"), Output("users-table", "children"), Output("users-log", "children"),
          Output("users-pick", "options"),
          Input("users-add", "n_clicks"), Input("users-disable", "n_clicks"), Input("users-enable", "n_clicks"),
          Input("users-reset", "n_clicks"),
          State("users-new-name", "value"), State("users-new-role", "value"), State("users-new-casemanager", "value"),
          State("users-pick", "value"), prevent_initial_call=True)
def change_user(add_clicks, disable_clicks, enable_clicks, reset_clicks, name, role, casemanager_id, picked):
    admin = auth.require(PAGE)
    inputs.clicks(add_clicks, disable_clicks, enable_clicks, reset_clicks)
    name, role, casemanager_id, picked = inputs.texts(name, role, casemanager_id, picked)
    action = {"users-add": lambda: _add_user(name, role, casemanager_id),
              "users-disable": lambda: _set_disabled(admin, picked, True),
              "users-enable": lambda: _set_disabled(admin, picked, False),
              "users-reset": lambda: _reset_password(picked)}.get(ctx.triggered_id)
    if action is None:
        flask.abort(400)
    message = action()
    entries = access_log.read(_users_file())
    return message, _users_table(entries), _log_table(entries), _names()


def _add_user(name: str | None, role: str | None, casemanager_id: str | None) -> str:
    name = (name or "").strip()
    if not name:
        return "Skriv et brugernavn."
    if name in _names():
        return f"Der er allerede en bruger ved navn {name}."
    password = secrets.token_urlsafe(12)
    try:
        auth.add_user(_users_file(), name, password, role or "", (casemanager_id or "").strip() or None)
    except ValueError as error:
        return f"Brugeren blev ikke oprettet: {error}."
    access_log.record("user_added", f"{name} ({role})")
    return f"{name} er oprettet. Adgangskoden vises kun nu: {password}"


def _set_disabled(admin: auth.User, name: str | None, disabled: bool) -> str:
    if name not in _names():
        return "Vælg en bruger."
    if disabled and name == admin.name:
        return "Du kan ikke deaktivere dig selv."
    auth.set_disabled(_users_file(), name, disabled)
    access_log.record("user_disabled" if disabled else "user_enabled", name)
    return f"{name} er deaktiveret, og alle sessioner er afsluttet." if disabled else f"{name} er aktiveret."


def _reset_password(name: str | None) -> str:
    if name not in _names():
        return "Vælg en bruger."
    user = auth.find_user(_users_file(), name)
    password = secrets.token_urlsafe(12)
    auth.add_user(_users_file(), name, password, user.role, user.casemanager_id)
    access_log.record("password_reset", name)
    return f"{name} har fået en ny adgangskode, og alle sessioner er afsluttet. Den vises kun nu: {password}"
