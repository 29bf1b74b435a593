"""The frame around every page: header with app name, municipality, nav and user."""

import json

import dash
import flask
from dash import Input, Output, clientside_callback, dcc, html

from dashboards import access_log, auth, data, inputs, registry

MUNICIPALITY_NAMES = {"420": "Assens", "461": "Odense", "657": "Herning", "183": "Ishøj"}


def municipality_name(kommunekode: str) -> str:
    name = MUNICIPALITY_NAMES.get(kommunekode)
    return f"{name} Kommune ({kommunekode})" if name else f"Kommune {kommunekode}"


def _nav(user: auth.User) -> html.Nav:
    links = [dcc.Link(registry.BY_KEY[page].title, href=registry.BY_KEY[page].path, className="nav-link")
             for page in user.pages]
    return html.Nav(links, className="nav")


def app_layout() -> html.Div:
    """Built per request, so the nav shows only the pages the user may see."""
    user = auth.current_user()
    if user is None:
        return html.Div("Log ind først.")
    municipalities = ", ".join(municipality_name(k) for k in data.municipalities())
    header = html.Header([
        html.Div([html.Span("Helhed", className="brand"),
                  html.Span(municipalities, className="municipality", id="header-municipality")],
                 className="header-title"),
        _nav(user),
        html.Div([html.Span(f"{user.name} ({user.role})"), _logout_form()], className="header-user"),
    ], className="header")
    return html.Div([header, html.Main(dash.page_container, className="content")])


def _logout_form() -> html.Form:
    """Logout is a POST carrying the session's form token, so another site cannot log the user out."""
    return html.Form([
        dcc.Input(type="hidden", name="token", value=flask.session.get("csrf_token", "")),
        html.Button("Log ud", type="submit", className="logout"),
    ], action="/logout", method="POST", className="logout-form")


def municipality_filter(component_id: str, requested: str | None) -> html.Div:
    """The municipality dropdown of a page, set from the URL's `kommune` when it names one."""
    municipalities = data.municipalities()
    value = requested if requested in municipalities else next(iter(municipalities), None)
    options = [{"label": municipality_name(k), "value": k} for k in municipalities]
    return html.Div(html.Label(["Kommune", dcc.Dropdown(id=component_id, options=options, value=value,
                                                        clearable=False)], className="filter"), className="filters")


def period_filter(prefix: str, first: str | None, last: str | None) -> html.Div:
    """'Fra år' and 'Til år' dropdowns (ids `{prefix}-from`, `{prefix}-to`), set from the URL's `fra` and `til`."""
    years = data.period_years()
    options = [{"label": y, "value": y} for y in years]
    return html.Div([
        html.Label(["Fra år", dcc.Dropdown(id=f"{prefix}-from", options=options,
                                           value=first if first in years else None, placeholder="Første")],
                   className="filter"),
        html.Label(["Til år", dcc.Dropdown(id=f"{prefix}-to", options=options,
                                           value=last if last in years else None, placeholder="Seneste")],
                   className="filter"),
    ], className="filters")


def url_sync(sink_id: str, parameters: dict[str, str]) -> None:
    """Keeps the URL's query in step with the filters (URL parameter -> component id), so a view can be shared and
    bookmarked; the page's layout reads them back. The page holds a hidden element `sink_id`."""
    clientside_callback(
        f"""function(...values) {{
            const names = {json.dumps(list(parameters))};
            const query = new URLSearchParams();
            names.forEach((name, i) => {{ if (values[i]) {{ query.set(name, values[i]); }} }});
            window.history.replaceState(null, '', window.location.pathname + '?' + query);
            return '';
        }}""",
        Output(sink_id, "children"),
        *[Input(component_id, "value") for component_id in parameters.values()],
    )


def programme_choice(kommunekode, current) -> tuple[list[str], str | None]:
    """A programme dropdown's options in a municipality and the value it keeps: the current one if offered, else
    the first (the callbacks that call this have checked the role)."""
    kommunekode, current = inputs.texts(kommunekode, current)
    options = data.programmes(kommunekode) if kommunekode else []
    return options, current if current in options else next(iter(options), None)


def page_viewer(page: str) -> auth.User | None:
    """The user of this request if they may see `page` (the view goes to the access log), else none."""
    user = auth.current_user()
    if user is None or not user.may_see(page):
        return None
    access_log.record("page_view", registry.BY_KEY[page].path)
    return user


def no_access() -> html.Div:
    return html.Div("Din rolle har ikke adgang til denne side.", className="notice")
