"""Økonomi: what a programme saved, with its 95 % interval, beside the comparison group it rests on (size, method,
balance, the costs around the start), and the enrolled families' cost by year and component."""

import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboards import auth, data, disclosure, figures, formatting, inputs, registry, settings, shell, tables

PAGE = "economy"
registry.register_page(__name__, PAGE)
COMPONENTS = list(figures.COST_COLUMNS)
BALANCED_SMD = 0.1  # a standardised mean difference under 0.1 is the usual mark of a balanced covariate


def layout(kommune: str | None = None, program: str | None = None, **_query):
    if shell.page_viewer(PAGE) is None:
        return shell.no_access()
    return html.Div([
        html.H1("Økonomi"),
        shell.municipality_filter("economy-kommune", kommune),
        html.Div(html.Label(["Program", dcc.Dropdown(id="economy-program", value=program, clearable=False)],
                            className="filter"), className="filters"),
        html.P(id="economy-saving", className="summary"),
        html.Div([dcc.Graph(id="economy-event-study", className="graph-wide"),
                  dcc.Graph(id="economy-components", className="graph-narrow")], className="graphs"),
        html.P(id="economy-note", className="footnote"),
        html.H2("Balance: de matchede grupper før og efter matchningen"),
        html.Div(id="economy-balance"),
    ])


@callback(Output("economy-program", "options"), Output("economy-program", "value"),
          Input("economy-kommune", "value"), State("economy-program", "value"))
def update_programmes(kommunekode, current):
    auth.require(PAGE)
    return shell.programme_choice(kommunekode, current)


@callback(Output("economy-saving", "children"), Output("economy-event-study", "figure"),
          Output("economy-components", "figure"), Output("economy-note", "children"),
          Output("economy-balance", "children"),
          Input("economy-kommune", "value"), Input("economy-program", "value"))
def update_economy(kommunekode, program):
    auth.require(PAGE)
    kommunekode, program = inputs.texts(kommunekode, program)
    outcome = next((o for o in data.program_outcomes(kommunekode, program) if o["cohort"] == disclosure.ALL_COHORTS),
                   None) if kommunekode and program else None
    if outcome is None:
        empty = figures.empty_figure("Ingen data for det valgte")
        return "Ingen data for det valgte.", empty, empty, "", None
    policy = settings.disclosure_policy()
    events, hidden_months = _event_study(data.event_study_costs(kommunekode, program), policy)
    years, hidden_cells = disclosure.family_totals(data.family_year_costs(kommunekode, program), "year", COMPONENTS,
                                                   policy)
    notes = []
    if hidden_months:
        notes.append(f"{hidden_months} måneder omkring start hviler på færre end {policy.threshold} familier og vises "
                     "ikke.")
    if hidden_cells:
        notes.append(f"{hidden_cells} årsudgifter vises ikke: færre end {policy.threshold} familier, eller to "
                     "familier står for over 85 % af beløbet.")
    return (tables.saving_sentence(outcome, policy), figures.event_study_figure(events),
            figures.component_costs_figure(years), " ".join(notes),
            _balance_table(data.comparison_balance(kommunekode, program)))


def _event_study(months: pd.DataFrame, policy: disclosure.Policy) -> tuple[pd.DataFrame, int]:
    enrolled, hidden_enrolled = disclosure.hide_small(months["enrolled_cost_per_family_month_dkk"],
                                                      months["enrolments_n"], policy)
    comparison, hidden_comparison = disclosure.hide_small(months["comparison_cost_per_family_month_dkk"],
                                                          months["matched_enrolments_n"], policy)
    frame = pd.DataFrame({"relative_month": months["relative_month"], "enrolled": enrolled, "comparison": comparison})
    return frame, hidden_enrolled + hidden_comparison


def _balance_table(balance: pd.DataFrame) -> html.Table:
    header = html.Tr([html.Th(h) for h in ("Kovariat", "Forløb", "SMD før", "SMD efter")])
    rows = [html.Tr([html.Td(r.covariate), html.Td(formatting.number(r.enrolled_n), className="numeric"),
                     html.Td(_smd(r.smd_before), className="numeric"),
                     html.Td(_smd(r.smd_after), className=f"numeric {_balance_tone(r.smd_after)}")])
            for r in balance.itertuples()]
    note = html.P(f"SMD: standardiseret forskel i gennemsnit; under {formatting.number(BALANCED_SMD, 1)} regnes for "
                  "balanceret.",
                  className="footnote")
    return html.Div([html.Table([html.Thead(header), html.Tbody(rows)], className="report-table"), note])


def _balance_tone(smd) -> str:
    return "tone-good" if pd.notna(smd) and abs(smd) < BALANCED_SMD else "tone-warning"


def _smd(value) -> str:
    return "–" if pd.isna(value) else formatting.number(value, 2)
