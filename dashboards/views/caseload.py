"""Sagsbelastning: open cases per caseworker, for the municipality and each department, month by month, against
Herning's 20–25 and the usual 40–50 of the seed evaluations; caseworkers per family; and every municipality's
caseload side by side."""

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboards import data, disclosure, figures, settings, shell
from dashboards.period import Period


class Caseload(NamedTuple):
    caseload: go.Figure
    per_family: go.Figure
    note: str


def caseload(kommunekode: str | None, period: Period) -> Caseload:
    months = period.rows(data.operations_months(kommunekode)) if kommunekode else pd.DataFrame()
    if months.empty:
        empty = figures.empty_figure("Ingen data for det valgte")
        return Caseload(empty, empty, "")
    policy = settings.disclosure_policy()
    overall, hidden_overall = disclosure.hide_small(months["caseload_per_caseworker"],
                                                    months["caseload_per_caseworker_denominator"], policy)
    departments = period.rows(data.department_caseloads(kommunekode))
    by_department, hidden_departments = disclosure.hide_small(departments["caseload_per_caseworker"],
                                                              departments["caseworkers_n"], policy)
    figure = figures.caseload_figure(
        pd.DataFrame({"month": months["month"], "label": "Hele kommunen", "caseload": overall}),
        pd.DataFrame({"month": departments["month"], "label": "Afdeling " + departments["afdeling"].astype(str),
                      "caseload": by_department}))
    per_family, hidden_families = disclosure.hide_small(months["caseworkers_per_family"],
                                                        months["caseworkers_per_family_denominator"], policy)
    hidden = hidden_overall + hidden_departments
    notes = [f"{hidden} måneder, hvor en afdeling havde færre end {policy.threshold} sagsbehandlere, vises ikke."
             if hidden else "",
             f"{hidden_families} måneder med færre end {policy.threshold} familier vises ikke for sagsbehandlere "
             "pr. familie." if hidden_families else ""]
    return Caseload(figure, figures.caseworkers_per_family_figure(pd.DataFrame(
        {"month": months["month"], "caseworkers_per_family": per_family})), " ".join(filter(None, notes)))


def across_municipalities(period: Period) -> html.Div | None:
    """Every municipality's caseload per caseworker, month by month, on one chart; none for a single municipality."""
    months = period.rows(data.operations_months_everywhere())
    if months["kommunekode"].nunique() < 2:
        return None
    shown, _ = disclosure.hide_small(months["caseload_per_caseworker"], months["caseload_per_caseworker_denominator"],
                                     settings.disclosure_policy())
    lines = pd.DataFrame({"month": months["month"], "caseload": shown,
                          "label": months["kommunekode"].astype(str).map(shell.municipality_name)})
    return html.Div([html.H2("Kommunerne side om side"),
                     dcc.Graph(id="caseload-across-figure",
                               figure=figures.caseload_figure(lines, lines.iloc[0:0],
                                                              "Sager pr. sagsbehandler i kommunerne"))])
