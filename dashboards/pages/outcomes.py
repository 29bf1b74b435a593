"""Programresultater: a programme's outcome indicators beside the seeds' figures (content: views/outcomes.py)."""

from dash import Input, Output, State, callback, dcc, html

from dashboards import access_log, auth, data, inputs, registry, shell
from dashboards.period import Period
from dashboards.views import outcomes as view

PAGE = "outcomes"
registry.register_page(__name__, PAGE)


def _pick(requested: str | None, options: list[str]) -> str | None:
    return requested if requested in options else (options[0] if options else None)


def _dropdown(id_: str, label: str, options: list[str], value: str | None, labels=None):
    items = [{"label": (labels or {}).get(o, o), "value": o} for o in options]
    return html.Label([label, dcc.Dropdown(id=id_, options=items, value=value,
                                           clearable=False)], className="filter")


def layout(kommune: str | None = None, program: str | None = None,
           kohorte: str | None = None, fra: str | None = None, til: str | None = None, **_query):
    """The query string (kommune, program, kohorte, fra, til) picks the view, so it can be bookmarked."""
    if shell.page_viewer(PAGE) is None:
        return shell.no_access()
    municipalities = data.municipalities()
    kommunekode = _pick(kommune, municipalities)
    programmes = data.programmes(kommunekode) if kommunekode else []
    programme = _pick(program, programmes)
    cohorts = data.cohorts(kommunekode, programme) if programme else []
    return html.Div([
        html.H1("Programresultater"),
        html.Div([
            _dropdown("outcomes-kommune", "Kommune", municipalities, kommunekode,
                      {k: shell.municipality_name(k) for k in municipalities}),
            _dropdown("outcomes-program", "Program", programmes, programme),
            _dropdown("outcomes-cohort", "Kohorte", cohorts, _pick(kohorte, cohorts),
                      {"ALL": "Alle"}),
        ], className="filters"),
        shell.period_filter("outcomes", fra, til),
        html.P(id="outcomes-summary", className="summary"),
        html.Div([dcc.Graph(id="outcomes-shares", className="graph-wide"),
                  dcc.Graph(id="outcomes-cost", className="graph-narrow")],
                 className="graphs"),
        dcc.Graph(id="outcomes-trend"),
        html.Div(id="outcomes-table"),
        html.Button("Hent tabellen som CSV", id="outcomes-download-button", className="download"),
        dcc.Download(id="outcomes-download"),
        html.Div(id="outcomes-across"),
        html.Div(id="outcomes-url-sink", hidden=True),
    ])


@callback(Output("outcomes-program", "options"), Output("outcomes-program", "value"),
          Input("outcomes-kommune", "value"), State("outcomes-program", "value"))
def update_programmes(kommunekode, current):
    auth.require(PAGE)
    return shell.programme_choice(kommunekode, current)


@callback(Output("outcomes-cohort", "options"), Output("outcomes-cohort", "value"),
          Input("outcomes-kommune", "value"), Input("outcomes-program", "value"),
          State("outcomes-cohort", "value"))
def update_cohorts(kommunekode, program, current):
    auth.require(PAGE)
    kommunekode, program, current = inputs.texts(kommunekode, program, current)
    options = data.cohorts(kommunekode, program) if kommunekode and program else []
    items = [{"label": "Alle" if c == "ALL" else c, "value": c} for c in options]
    return items, _pick(current, options)


@callback(Output("outcomes-summary", "children"), Output("outcomes-shares", "figure"),
          Output("outcomes-cost", "figure"), Output("outcomes-trend", "figure"), Output("outcomes-table", "children"),
          Input("outcomes-kommune", "value"), Input("outcomes-program", "value"),
          Input("outcomes-cohort", "value"), Input("outcomes-from", "value"), Input("outcomes-to", "value"))
def update_outcomes(kommunekode, program, cohort, first, last):
    auth.require(PAGE)
    kommunekode, program, cohort, first, last = inputs.texts(kommunekode, program, cohort, first, last)
    return view.outcomes(kommunekode, program, cohort, Period.from_texts(first, last))


@callback(Output("outcomes-download", "data"), Input("outcomes-download-button", "n_clicks"),
          State("outcomes-kommune", "value"), State("outcomes-program", "value"), State("outcomes-cohort", "value"),
          prevent_initial_call=True)
def download_table(clicks, kommunekode, program, cohort):
    """The indicator table as the page shows it; the export goes to the access log."""
    auth.require(PAGE)
    inputs.clicks(clicks)
    kommunekode, program, cohort = inputs.texts(kommunekode, program, cohort)
    text = view.indicator_csv(kommunekode, program, cohort)
    if text is None:
        return None
    access_log.record("export", f"csv: programresultater, kommune {kommunekode}, {program}, kohorte {cohort}")
    return {"content": text, "filename": f"programresultater-{kommunekode}-{cohort}.csv", "type": "text/csv"}


@callback(Output("outcomes-across", "children"), Input("outcomes-program", "value"))
def update_across(program):
    auth.require(PAGE)
    return view.across_municipalities(inputs.texts(program))


shell.url_sync("outcomes-url-sink", {"kommune": "outcomes-kommune", "program": "outcomes-program",
                                     "kohorte": "outcomes-cohort", "fra": "outcomes-from", "til": "outcomes-to"})
