"""Programresultater: a programme's outcome indicators beside the seeds' figures."""

from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboards import auth, data, disclosure, figures, inputs, registry, settings, shell, tables

PAGE = "outcomes"
SUPPRESSION_NOTES = {
    disclosure.PRIMARY: "tallet hviler på færre end {threshold} personer og vises ikke",
    disclosure.DOMINANCE: "to familier står for over 85 % af beløbet; det vises ikke",
    disclosure.SECONDARY: "skjult, så de skjulte tal ikke kan regnes ud fra totalen og de andre kohorter",
}
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
        dcc.Graph(id="outcomes-trend"),
        html.Div(id="outcomes-table"),
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
          Input("outcomes-cohort", "value"))
def update_outcomes(kommunekode, program, cohort):
    auth.require(PAGE)
    kommunekode, program, cohort = inputs.texts(kommunekode, program, cohort)
    outcomes = data.program_outcomes(kommunekode, program) if kommunekode and program else []
    outcome = next((o for o in outcomes if o["cohort"] == cohort), None)
    if outcome is None:
        empty = figures.empty_figure("Ingen data for det valgte")
        return "Ingen data for det valgte.", empty, empty, empty, None
    policy = settings.disclosure_policy()
    indicators = data.indicators()
    hidden = disclosure.suppressed_cells(outcomes, data.family_amounts(kommunekode, program),
                                         tables.indicator_units(outcome, indicators), policy)
    rows_by_cohort = {o["cohort"]: tables.indicator_rows(o, indicators, {i: r for (c, i), r in hidden.items()
                                                                         if c == o["cohort"]}, policy.threshold)
                      for o in outcomes}
    rows = rows_by_cohort[cohort]
    counts = rows.set_index("indicator_id")["value_text"]
    summary = f"{counts['n_families']} familier, {counts['n_adults']} voksne, {counts['n_children']} børn"
    trend = figures.cohort_trend_figure({c: r for c, r in rows_by_cohort.items() if c != disclosure.ALL_COHORTS})
    return (summary, figures.key_shares_figure(rows), figures.cost_figure(rows), trend,
            _indicator_table(rows, policy.threshold))


def _indicator_table(rows, threshold: int) -> html.Div:
    header = html.Tr([html.Th(h) for h in
                      ("Indikator", "Værdi", "Nævner", "Evalueringernes tal", "Kilde")])
    body = [html.Tr([
        html.Td(r.label_da),
        html.Td(r.value_text, className="num suppressed" if r.suppressed else "num",
                title=SUPPRESSION_NOTES[r.suppression].format(threshold=threshold) if r.suppressed else None),
        html.Td(r.denominator_text, className="num"),
        html.Td(r.seed_figure, className="num"),
        html.Td(r.seed_source),
    ], className="row-suppressed" if r.suppressed else None) for r in rows.itertuples()]
    notes = [html.Li(f"{tables.MARKS[rule].format(threshold=threshold)}: {note.format(threshold=threshold)}")
             for rule, note in SUPPRESSION_NOTES.items()]
    return html.Div([html.Table([html.Thead(header), html.Tbody(body)], className="indicator-table"),
                     html.Ul(notes, className="footnote")])


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
