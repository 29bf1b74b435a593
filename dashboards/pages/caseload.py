"""Sagsbelastning: open cases per caseworker, for the municipality and each department, month by month, against
Herning's 20–25 and the usual 40–50 of the seed evaluations; and caseworkers per family."""

import pandas as pd
from dash import Input, Output, callback, dcc, html

from dashboards import auth, data, disclosure, figures, inputs, registry, settings, shell

PAGE = "caseload"
registry.register_page(__name__, PAGE)


def layout(kommune: str | None = None, **_query):
    if shell.page_viewer(PAGE) is None:
        return shell.no_access()
    return html.Div([html.H1("Sagsbelastning"), shell.municipality_filter("caseload-kommune", kommune),
                     dcc.Graph(id="caseload-figure"), dcc.Graph(id="caseload-per-family"),
                     html.P(id="caseload-note", className="footnote")])


@callback(Output("caseload-figure", "figure"), Output("caseload-per-family", "figure"),
          Output("caseload-note", "children"), Input("caseload-kommune", "value"))
def update_caseload(kommunekode):
    auth.require(PAGE)
    kommunekode = inputs.texts(kommunekode)
    months = data.operations_months(kommunekode) if kommunekode else pd.DataFrame()
    if months.empty:
        empty = figures.empty_figure("Ingen data for det valgte")
        return empty, empty, ""
    policy = settings.disclosure_policy()
    overall, hidden_overall = disclosure.hide_small(months["caseload_per_caseworker"],
                                                    months["caseload_per_caseworker_denominator"], policy)
    departments = data.department_caseloads(kommunekode)
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
    return (figure, figures.caseworkers_per_family_figure(pd.DataFrame(
        {"month": months["month"], "caseworkers_per_family": per_family})), " ".join(filter(None, notes)))
