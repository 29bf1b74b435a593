"""Befolkning: families by the number of systems involved, month by month (content: views/population.py)."""

from dash import Input, Output, callback, dcc, html

from dashboards import auth, inputs, registry, shell
from dashboards.period import Period
from dashboards.views import population as view

PAGE = "population"
registry.register_page(__name__, PAGE)


def layout(kommune: str | None = None, fra: str | None = None, til: str | None = None, **_query):
    if shell.page_viewer(PAGE) is None:
        return shell.no_access()
    return html.Div([html.H1("Befolkning"), shell.municipality_filter("population-kommune", kommune),
                     shell.period_filter("population", fra, til),
                     dcc.Graph(id="population-figure"), html.P(id="population-note", className="footnote"),
                     html.Div(id="population-url-sink", hidden=True)])


@callback(Output("population-figure", "figure"), Output("population-note", "children"),
          Input("population-kommune", "value"), Input("population-from", "value"), Input("population-to", "value"))
def update_population(kommunekode, first, last):
    auth.require(PAGE)
    kommunekode, first, last = inputs.texts(kommunekode, first, last)
    return view.population(kommunekode, Period.from_texts(first, last))


shell.url_sync("population-url-sink", {"kommune": "population-kommune", "fra": "population-from",
                                       "til": "population-to"})
