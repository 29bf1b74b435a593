"""Datakvalitet: the operator's view of the last night, the same report and tables as `helhed quality`."""

import flask
from dash import html

from dashboards import registry, shell
from pipelines.quality.report import WarehouseError, read_report
from pipelines.quality.tables import (
    ReportTable,
    attention_lines,
    delivery_tables,
    expectation_tables,
    expectation_trend,
)

PAGE = "quality"
registry.register_page(__name__, PAGE)


def layout(**_query):
    if shell.page_viewer(PAGE) is None:
        return shell.no_access()
    try:
        report = read_report(flask.current_app.config["HELHED_WAREHOUSE"])
    except WarehouseError as error:
        return html.Div([html.H1("Datakvalitet"), html.P(str(error), className="notice tone-bad")])
    expectations = report["expectations"]
    return html.Div([
        html.H1("Datakvalitet"),
        _attention(attention_lines(report)),
        *(_table(table) for table in delivery_tables(report) if table.rows),
        html.H2("Forventninger (Great Expectations)"),
        _expectations(expectations),
    ])


def _attention(lines: list[str]) -> html.Div:
    if not lines:
        return html.P("Alt er i orden: intet kræver driften.", className="tone-good", id="quality-attention")
    return html.Div([html.P(f"Kræver driften ({len(lines)}):", className="tone-bad"),
                     html.Ul([html.Li(line) for line in lines])], id="quality-attention")


def _expectations(expectations: dict) -> html.Div:
    last = expectations["last_run"]
    if last is None:
        return html.P("Ingen resultater af forventninger i dette lager.", className="tone-bad")
    per_table, failed = expectation_tables(expectations)
    return html.Div([
        html.P(f"Seneste kørsel {last['run_id']} kl. {last['run_at']}. De seneste {len(expectations['runs'])} "
               f"kørsler, ældste først (✓ bestået, ! advarsler, ✗ blokerende fejl): {expectation_trend(expectations)}"),
        _table(per_table),
        *([_table(failed)] if failed.rows else []),
    ])


def _table(table: ReportTable) -> html.Div:
    def header(column: str) -> html.Th:
        return html.Th(column, className="numeric" if column in table.numeric else None)

    def row(cells) -> html.Tr:
        return html.Tr([html.Td(cell.text, className=" ".join(filter(None, (
            f"tone-{cell.tone}" if cell.tone else None, "numeric" if column in table.numeric else None))) or None)
            for column, cell in zip(table.columns, cells)])

    return html.Div([html.H2(table.title),
                     html.Table([html.Thead(html.Tr([header(c) for c in table.columns])),
                                 html.Tbody([row(cells) for cells in table.rows])], className="report-table")])
