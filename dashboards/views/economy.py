"""Økonomi: what a programme saved, with its 95 % interval, beside the comparison group it rests on (size, method,
balance, the costs around the start), the enrolled families' cost by year and component, and the saving in every
municipality that runs the programme."""

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboards import data, disclosure, figures, formatting, settings, shell, tables
from dashboards.period import Period

COMPONENTS = list(figures.COST_COLUMNS)
BALANCED_SMD = 0.1  # a standardised mean difference under 0.1 is the usual mark of a balanced covariate


class Economy(NamedTuple):
    saving: str
    event_study: go.Figure
    components: go.Figure
    note: str
    balance: html.Div | None


def economy(kommunekode: str | None, program: str | None, period: Period) -> Economy:
    """The programme's economy in the municipality; the cost by year shows the years of the period."""
    outcome = _all_cohorts(data.program_outcomes(kommunekode, program)) if kommunekode and program else None
    if outcome is None:
        empty = figures.empty_figure("Ingen data for det valgte")
        return Economy("Ingen data for det valgte.", empty, empty, "", None)
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
    shown_years = years[years["year"].astype(int).map(period.holds).astype(bool)] if not years.empty else years
    return Economy(tables.saving_sentence(outcome, policy), figures.event_study_figure(events),
                   figures.component_costs_figure(shown_years), " ".join(notes),
                   _balance_table(data.comparison_balance(kommunekode, program)))


def _all_cohorts(outcomes: list[dict]) -> dict | None:
    return next((o for o in outcomes if o["cohort"] == disclosure.ALL_COHORTS), None)


def _event_study(months: pd.DataFrame, policy: disclosure.Policy) -> tuple[pd.DataFrame, int]:
    enrolled, hidden_enrolled = disclosure.hide_small(months["enrolled_cost_per_family_month_dkk"],
                                                      months["enrolments_n"], policy)
    comparison, hidden_comparison = disclosure.hide_small(months["comparison_cost_per_family_month_dkk"],
                                                          months["matched_enrolments_n"], policy)
    frame = pd.DataFrame({"relative_month": months["relative_month"], "enrolled": enrolled, "comparison": comparison})
    return frame, hidden_enrolled + hidden_comparison


def _balance_table(balance: pd.DataFrame) -> html.Div:
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


def savings_across_municipalities(program: str | None) -> html.Div | None:
    """The programme's saving with its 95 % interval in every municipality that runs it; a saving resting on fewer
    matched enrolments than the threshold is not drawn and says so. None when only one municipality runs it."""
    by_municipality = data.program_outcomes_everywhere(program) if program else {}
    if len(by_municipality) < 2:
        return None
    policy = settings.disclosure_policy()
    rows = []
    for kommunekode, outcomes in by_municipality.items():
        outcome = _all_cohorts(outcomes) or {}
        matched = outcome.get("cost_saving_dkk_denominator") or 0
        shown = matched >= policy.threshold and pd.notna(outcome.get("cost_saving_dkk"))
        rows.append({"municipality": shell.municipality_name(kommunekode), "matched": matched, "shown": shown,
                     **{k: outcome.get(k) if shown else None
                        for k in ("cost_saving_dkk", "cost_saving_dkk_ci_low", "cost_saving_dkk_ci_high")}})
    return html.Div([html.H2(f"Besparelsen i {program}, kommunerne side om side"),
                     dcc.Graph(id="economy-across-figure",
                               figure=figures.savings_figure(pd.DataFrame(rows), policy.threshold))])
