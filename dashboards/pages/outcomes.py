"""Programresultater: a programme's outcome indicators beside the seeds' figures."""

from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboards import auth, data, figures, inputs, registry, settings, shell, tables

PAGE = "outcomes"
registry.register_page(__name__, PAGE)


def _pick(requested: str | None, options: list[str]) -> str | None:
    return requested if requested in options else (options[0] if options else None)


def _dropdown(id_: str, label: str, options: list[str], value: str | None, labels=None):
    items = [{"label": (labels or {}).get(o, o), "value": o} for o in options]
    return html.Label([label, dcc.Dropdown(id=id_, options=items, value=value,
                                           clearable=False)], className="filter")


def layout(kommune: str | None = None, program: str | None = None,
           kohorte: str | None = None, **_query):
    """The query string (kommune, program, kohorte) picks the view, so it can be bookmarked."""
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
        html.P(id="outcomes-summary", className="summary"),
        html.Div([dcc.Graph(id="outcomes-shares", className="graph-wide"),
                  dcc.Graph(id="outcomes-cost", className="graph-narrow")],
                 className="graphs"),
        html.Div(id="outcomes-table"),
        html.Div(id="outcomes-url-sink", hidden=True),
    ])


@callback(Output("outcomes-program", "options"), Output("outcomes-program", "value"),
          Input("outcomes-kommune", "value"), State("outcomes-program", "value"))
def update_programmes(kommunekode, current):
    auth.require(PAGE)
    kommunekode, current = inputs.texts(kommunekode, current)
    options = data.programmes(kommunekode) if kommunekode else []
    return options, _pick(current, options)


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
          Output("outcomes-cost", "figure"), Output("outcomes-table", "children"),
          Input("outcomes-kommune", "value"), Input("outcomes-program", "value"),
          Input("outcomes-cohort", "value"))
def update_outcomes(kommunekode, program, cohort):
    auth.require(PAGE)
    kommunekode, program, cohort = inputs.texts(kommunekode, program, cohort)
    outcome = data.program_outcome(kommunekode, program, cohort)
    if outcome is None:
        empty = figures.empty_figure("Ingen data for det valgte")
        return "Ingen data for det valgte.", empty, empty, None
    min_cell = settings.min_cell()
    rows = tables.indicator_rows(outcome, data.indicators(), min_cell)
    summary = (f"{outcome['n_families']} familier, {outcome['n_adults']} voksne, "
               f"{outcome['n_children']} børn")
    return (summary, figures.key_shares_figure(rows), figures.cost_figure(rows),
            _indicator_table(rows, min_cell))


def _indicator_table(rows, min_cell: int) -> html.Div:
    header = html.Tr([html.Th(h) for h in
                      ("Indikator", "Værdi", "Nævner", "Evalueringernes tal", "Kilde")])
    body = [html.Tr([
        html.Td(r.label_da),
        html.Td(r.value_text, className="num suppressed" if r.suppressed else "num",
                title=f"Undertrykt: færre end {min_cell}" if r.suppressed else None),
        html.Td(r.denominator_text, className="num"),
        html.Td(r.seed_figure, className="num"),
        html.Td(r.seed_source),
    ], className="row-suppressed" if r.suppressed else None) for r in rows.itertuples()]
    note = html.P(f"<{min_cell}: nævneren er under {min_cell}; tallet vises ikke.",
                  className="footnote")
    return html.Div([html.Table([html.Thead(header), html.Tbody(body)],
                                className="indicator-table"), note])


clientside_callback(
    """function(kommune, program, kohorte) {
        const query = new URLSearchParams({kommune: kommune || '', program: program || '',
                                           kohorte: kohorte || ''});
        window.history.replaceState(null, '', window.location.pathname + '?' + query);
        return '';
    }""",
    Output("outcomes-url-sink", "children"),
    Input("outcomes-kommune", "value"), Input("outcomes-program", "value"),
    Input("outcomes-cohort", "value"),
)
