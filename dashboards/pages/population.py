"""Befolkning: the municipality's families by the number of systems involved with them (job centre, child, adult,
police), month by month: the programme's potential target group."""

import pandas as pd
from dash import Input, Output, callback, dcc, html

from dashboards import auth, data, disclosure, figures, inputs, registry, settings, shell

PAGE = "population"
registry.register_page(__name__, PAGE)
SYSTEMS = {f"families_systems_{n}_n": f"{n} systemer" if n != 1 else "1 system" for n in range(5)}


def layout(kommune: str | None = None, **_query):
    if shell.page_viewer(PAGE) is None:
        return shell.no_access()
    return html.Div([html.H1("Befolkning"), shell.municipality_filter("population-kommune", kommune),
                     dcc.Graph(id="population-figure"), html.P(id="population-note", className="footnote")])


@callback(Output("population-figure", "figure"), Output("population-note", "children"),
          Input("population-kommune", "value"))
def update_population(kommunekode):
    auth.require(PAGE)
    kommunekode = inputs.texts(kommunekode)
    months = data.operations_months(kommunekode) if kommunekode else pd.DataFrame()
    if months.empty:
        return figures.empty_figure("Ingen data for det valgte"), ""
    shown, hidden = _suppressed(months, settings.disclosure_policy())
    note = (f"{hidden} tal vises ikke: de hviler på færre end {settings.disclosure_policy().threshold} familier, "
            "eller de ville kunne regnes ud fra månedens i alt." if hidden else "")
    return figures.systems_figure(shown, SYSTEMS), note


def _suppressed(months: pd.DataFrame, policy: disclosure.Policy) -> tuple[pd.DataFrame, int]:
    """Each month's counts as disclosure control leaves them (they add up to the month's families_n)."""
    shown = months[["month", *SYSTEMS]].astype(object)
    hidden = 0
    for index, month in months.iterrows():
        counts = {disclosure.ALL_COHORTS: month["families_n"], **{column: month[column] for column in SYSTEMS}}
        for column in disclosure.suppressed_parts(counts, policy):
            if column in SYSTEMS:
                shown.at[index, column] = None
                hidden += 1
    return shown, hidden
