"""Familietavle: a case manager's own families with their indicators and goals; for one family its timeline
(support, cases, measures, screenings, WHO-5), the plan's goals by status and its cost month by month."""

import flask
import pandas as pd
from dash import Input, Output, callback, dash_table, dcc, html

from dashboards import access_log, auth, data, figures, formatting, inputs, registry, shell, tables

PAGE = "family_board"
registry.register_page(__name__, PAGE)
LIGHT_STYLES = [{"if": {"filter_query": f'{{traffic_light}} = "{light}"', "column_id": "traffic_light"},
                 "backgroundColor": colour, "fontWeight": "600"}
                for light, colour in zip(tables.TRAFFIC_LIGHTS, ("#f8d7d3", "#fdf0c4", "#d7f0dd"))]


def _options(values: list[str], labels: dict | None = None) -> list[dict]:
    return [{"label": (labels or {}).get(v, v), "value": v} for v in values]


def layout(kommune: str | None = None, program: str | None = None, **_query):
    if shell.page_viewer(PAGE) is None:
        return shell.no_access()
    municipalities = data.municipalities()
    kommunekode = kommune if kommune in municipalities else next(iter(municipalities), None)
    labels = {k: shell.municipality_name(k) for k in municipalities}
    return html.Div([
        html.H1("Familietavle"),
        html.Div([
            html.Label(["Kommune", dcc.Dropdown(id="board-kommune", value=kommunekode,
                                                options=_options(municipalities, labels),
                                                clearable=False)], className="filter"),
            html.Label(["Program", dcc.Dropdown(id="board-program", value=program, placeholder="Alle")],
                       className="filter"),
        ], className="filters"),
        dash_table.DataTable(id="board-table", columns=tables.FAMILY_BOARD_COLUMNS,
                             sort_action="native", page_size=25,
                             style_table={"overflowX": "auto"},
                             style_cell={"fontFamily": "system-ui, sans-serif",
                                         "fontSize": "0.85rem", "padding": "4px 8px"},
                             style_header={"fontWeight": "600", "whiteSpace": "normal"},
                             style_data_conditional=LIGHT_STYLES,
                             style_cell_conditional=[
                                 {"if": {"column_id": c}, "textAlign": "left"}
                                 for c in ("familie_ref", "program", "status", "casemanager_id")]),
        html.Div([html.Label(["Familie", dcc.Dropdown(id="board-family",
                                                      placeholder="Vælg en familie")],
                             className="filter")], className="filters"),
        dcc.Graph(id="board-timeline", figure=figures.empty_figure("Vælg en familie")),
        html.Div(id="board-goals"),
        dcc.Graph(id="board-trend", figure=figures.empty_figure("Vælg en familie")),
        html.Div(id="board-url-sink", hidden=True),
    ])


@callback(Output("board-program", "options"), Input("board-kommune", "value"))
def update_programmes(kommunekode):
    auth.require(PAGE)
    kommunekode = inputs.texts(kommunekode)
    return data.programmes(kommunekode) if kommunekode else []


@callback(Output("board-table", "data"), Output("board-family", "options"),
          Input("board-kommune", "value"), Input("board-program", "value"))
def update_board(kommunekode, program):
    user = auth.require(PAGE)
    kommunekode, program = inputs.texts(kommunekode, program)
    if not kommunekode:
        return [], []
    families = data.program_families(kommunekode, user.casemanager_id, program)
    access_log.record("family_data", f"board: kommune {kommunekode}, program {program or 'all'}, "
                      f"{families['family_id'].nunique()} families")
    refs = families.drop_duplicates("family_id")
    return (tables.family_board_rows(families),
            [{"label": r.familie_ref, "value": r.family_id} for r in refs.itertuples()])


@callback(Output("board-timeline", "figure"), Output("board-goals", "children"), Output("board-trend", "figure"),
          Input("board-family", "value"))
def update_family(family_id):
    user = auth.require(PAGE)
    family_id = inputs.texts(family_id)
    if not family_id:
        return figures.empty_figure("Vælg en familie"), None, figures.empty_figure("Vælg en familie")
    if not data.family_visible(family_id, user.casemanager_id):
        flask.abort(403)
    access_log.record("family_data", f"timeline: family {family_id}")
    events, months = data.family_timeline(family_id), data.family_month(family_id)
    timeline = (figures.family_timeline_figure(events, data.family_enrolments(family_id)) if not events.empty
                else figures.empty_figure("Ingen hændelser for familien"))
    trend = figures.family_trend_figure(months) if not months.empty else figures.empty_figure(
        "Ingen måneder for familien")
    return timeline, _goals(data.family_goals(family_id), data.goal_statuses()), trend


def _goals(goals: pd.DataFrame, statuses: pd.DataFrame) -> html.Div:
    """The plan's goals: how many have each status (every status of the code list, zeros included), then each
    goal."""
    counts = goals["goal_status"].value_counts()
    summary = " · ".join(f"{s.label_da}: {counts.get(s.code, 0)}" for s in statuses.itertuples())
    header = html.Tr([html.Th(h) for h in ("Program", "Mål", "Område", "Oprettet", "Status", "Statusdato")])
    rows = [html.Tr([html.Td(g.program), html.Td(g.goal_id), html.Td(g.domain),
                     html.Td(formatting.date(g.created_date)), html.Td(g.status_label or g.goal_status),
                     html.Td(formatting.date(g.status_date))]) for g in goals.itertuples()]
    return html.Div([html.H2("Planens mål"), html.P(summary, id="board-goal-counts", className="summary"),
                     html.Table([html.Thead(header), html.Tbody(rows)], className="report-table")])


shell.url_sync("board-url-sink", {"kommune": "board-kommune", "program": "board-program"})
