"""Økonomi: what a programme saved and what the enrolled families cost (content: views/economy.py)."""

from dash import Input, Output, State, callback, dcc, html

from dashboards import auth, inputs, registry, shell
from dashboards.period import Period
from dashboards.views import economy as view

PAGE = "economy"
registry.register_page(__name__, PAGE)


def layout(kommune: str | None = None, program: str | None = None, fra: str | None = None, til: str | None = None,
           **_query):
    if shell.page_viewer(PAGE) is None:
        return shell.no_access()
    return html.Div([
        html.H1("Økonomi"),
        shell.municipality_filter("economy-kommune", kommune),
        html.Div(html.Label(["Program", dcc.Dropdown(id="economy-program", value=program, clearable=False)],
                            className="filter"), className="filters"),
        shell.period_filter("economy", fra, til),
        html.P(id="economy-saving", className="summary"),
        html.Div([dcc.Graph(id="economy-event-study", className="graph-wide"),
                  dcc.Graph(id="economy-components", className="graph-narrow")], className="graphs"),
        html.P(id="economy-note", className="footnote"),
        html.H2("Balance: de matchede grupper før og efter matchningen"),
        html.Div(id="economy-balance"),
        html.Div(id="economy-across"),
        html.Div(id="economy-url-sink", hidden=True),
    ])


@callback(Output("economy-program", "options"), Output("economy-program", "value"),
          Input("economy-kommune", "value"), State("economy-program", "value"))
def update_programmes(kommunekode, current):
    auth.require(PAGE)
    return shell.programme_choice(kommunekode, current)


@callback(Output("economy-saving", "children"), Output("economy-event-study", "figure"),
          Output("economy-components", "figure"), Output("economy-note", "children"),
          Output("economy-balance", "children"),
          Input("economy-kommune", "value"), Input("economy-program", "value"),
          Input("economy-from", "value"), Input("economy-to", "value"))
def update_economy(kommunekode, program, first, last):
    auth.require(PAGE)
    kommunekode, program, first, last = inputs.texts(kommunekode, program, first, last)
    return view.economy(kommunekode, program, Period.from_texts(first, last))


@callback(Output("economy-across", "children"), Input("economy-program", "value"))
def update_across(program):
    auth.require(PAGE)
    return view.savings_across_municipalities(inputs.texts(program))


shell.url_sync("economy-url-sink", {"kommune": "economy-kommune", "program": "economy-program",
                                    "fra": "economy-from", "til": "economy-to"})
