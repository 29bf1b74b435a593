"""Sagsbelastning: open cases per caseworker against the seeds' marks (content: views/caseload.py)."""

from dash import Input, Output, callback, dcc, html

from dashboards import auth, inputs, registry, shell
from dashboards.period import Period
from dashboards.views import caseload as view

PAGE = "caseload"
registry.register_page(__name__, PAGE)


def layout(kommune: str | None = None, fra: str | None = None, til: str | None = None, **_query):
    if shell.page_viewer(PAGE) is None:
        return shell.no_access()
    return html.Div([html.H1("Sagsbelastning"), shell.municipality_filter("caseload-kommune", kommune),
                     shell.period_filter("caseload", fra, til),
                     dcc.Graph(id="caseload-figure"), dcc.Graph(id="caseload-per-family"),
                     html.P(id="caseload-note", className="footnote"), html.Div(id="caseload-across"),
                     html.Div(id="caseload-url-sink", hidden=True)])


@callback(Output("caseload-figure", "figure"), Output("caseload-per-family", "figure"),
          Output("caseload-note", "children"), Input("caseload-kommune", "value"),
          Input("caseload-from", "value"), Input("caseload-to", "value"))
def update_caseload(kommunekode, first, last):
    auth.require(PAGE)
    kommunekode, first, last = inputs.texts(kommunekode, first, last)
    return view.caseload(kommunekode, Period.from_texts(first, last))


@callback(Output("caseload-across", "children"), Input("caseload-from", "value"), Input("caseload-to", "value"))
def update_across(first, last):
    auth.require(PAGE)
    return view.across_municipalities(Period.from_texts(*inputs.texts(first, last)))


shell.url_sync("caseload-url-sink", {"kommune": "caseload-kommune", "fra": "caseload-from", "til": "caseload-to"})
