"""Programresultater: a programme's outcome indicators beside the seeds' figures, its cohorts over time, and the
same indicators in every municipality that runs the programme."""

import csv
import io
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
from dash import html

from dashboards import data, disclosure, figures, settings, shell, tables
from dashboards.period import Period

SUPPRESSION_NOTES = {
    disclosure.PRIMARY: "tallet hviler på færre end {threshold} personer og vises ikke",
    disclosure.DOMINANCE: "to familier står for over 85 % af beløbet; det vises ikke",
    disclosure.SECONDARY: "skjult, så de skjulte tal ikke kan regnes ud fra totalen og de andre kohorter",
}
# the indicators set side by side for the municipalities, each with its denominator
COMPARED = ("n_families", "adults_on_support_at_start_pct", "adults_self_supporting_at_end_pct",
            "children_case_closed_pct", "cost_per_family_year_before_dkk", "cost_per_family_year_during_dkk")


class Outcomes(NamedTuple):
    summary: str
    shares: go.Figure
    cost: go.Figure
    trend: go.Figure
    table: html.Div | None


def outcomes(kommunekode: str | None, program: str | None, cohort: str | None, period: Period) -> Outcomes:
    """A cohort's indicators; the trend shows the cohorts that started in the period."""
    all_outcomes = data.program_outcomes(kommunekode, program) if kommunekode and program else []
    if not any(o["cohort"] == cohort for o in all_outcomes):
        empty = figures.empty_figure("Ingen data for det valgte")
        return Outcomes("Ingen data for det valgte.", empty, empty, empty, None)
    policy = settings.disclosure_policy()
    rows_by_cohort = _rows_by_cohort(kommunekode, program, all_outcomes, data.indicators(), policy)
    rows = rows_by_cohort[cohort]
    counts = rows.set_index("indicator_id")["value_text"]
    summary = f"{counts['n_families']} familier, {counts['n_adults']} voksne, {counts['n_children']} børn"
    trend = figures.cohort_trend_figure({c: r for c, r in rows_by_cohort.items()
                                         if c != disclosure.ALL_COHORTS and period.holds(int(c))})
    return Outcomes(summary, figures.key_shares_figure(rows), figures.cost_figure(rows), trend,
                    indicator_table(rows, policy.threshold))


def indicator_csv(kommunekode: str | None, program: str | None, cohort: str | None) -> str | None:
    """The cohort's indicator table as the page shows it (suppressed cells as their marks), as CSV for a
    spreadsheet; none when there is nothing to show."""
    all_outcomes = data.program_outcomes(kommunekode, program) if kommunekode and program else []
    if not any(o["cohort"] == cohort for o in all_outcomes):
        return None
    rows = _rows_by_cohort(kommunekode, program, all_outcomes, data.indicators(), settings.disclosure_policy(),
                           shown={cohort})[cohort]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Kommune", "Program", "Kohorte", "Indikator", "Værdi", "Nævner", "Evalueringernes tal", "Kilde"])
    for r in rows.itertuples():
        writer.writerow([kommunekode, program, cohort, r.label_da, r.value_text, r.denominator_text, r.seed_figure,
                         r.seed_source])
    return out.getvalue()


def _rows_by_cohort(kommunekode: str, program: str, all_outcomes: list[dict], indicators: pd.DataFrame,
                    policy: disclosure.Policy, shown: set[str] | None = None) -> dict[str, pd.DataFrame]:
    """The indicator rows of the cohorts `shown` (default every one) as disclosure control leaves them: all cohorts
    are weighed together, whichever are shown."""
    amounts = data.family_amounts(kommunekode, program)
    hidden = disclosure.suppressed_cells(all_outcomes, amounts, tables.indicator_units(all_outcomes[0], indicators),
                                         policy)
    return {o["cohort"]: tables.indicator_rows(o, indicators, {i: r for (c, i), r in hidden.items()
                                                               if c == o["cohort"]}, policy.threshold)
            for o in all_outcomes if shown is None or o["cohort"] in shown}


def indicator_table(rows: pd.DataFrame, threshold: int) -> html.Div:
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
    return html.Div([html.Table([html.Thead(header), html.Tbody(body)], className="indicator-table"),
                     suppression_notes(threshold)])


def suppression_notes(threshold: int) -> html.Ul:
    return html.Ul([html.Li(f"{tables.MARKS[rule].format(threshold=threshold)}: {note.format(threshold=threshold)}")
                    for rule, note in SUPPRESSION_NOTES.items()], className="footnote")


def across_municipalities(program: str | None) -> html.Div | None:
    """The programme's key indicators (all cohorts) in every municipality that runs it, one row each, each value with
    its denominator; none when only one municipality runs it."""
    by_municipality = data.program_outcomes_everywhere(program) if program else {}
    if len(by_municipality) < 2:
        return None
    policy, indicators = settings.disclosure_policy(), data.indicators()
    amounts = data.family_amounts_everywhere(program)
    by_kommune = dict(tuple(amounts.groupby("kommunekode")))
    # only the compared indicators: each is suppressed on its own cells across the cohorts
    units = {i: u for i, u in tables.indicator_units(next(iter(by_municipality.values()))[0], indicators).items()
             if i in COMPARED}
    labels = indicators.set_index("indicator_id")["label_da"].to_dict()
    header = html.Tr([html.Th("Kommune")] + [html.Th(labels.get(i, i)) for i in COMPARED])
    body = []
    for kommunekode, all_outcomes in by_municipality.items():
        overall = next((o for o in all_outcomes if o["cohort"] == disclosure.ALL_COHORTS), None)
        if overall is None:
            continue
        hidden = disclosure.suppressed_cells(all_outcomes, by_kommune.get(kommunekode, amounts.iloc[0:0]), units,
                                             policy)
        compared = {c: v for c, v in overall.items()
                    if c in tables.KEY_COLUMNS or c.removesuffix(disclosure.DENOMINATOR_SUFFIX) in COMPARED}
        rows = tables.indicator_rows(compared, indicators, {i: r for (c, i), r in hidden.items()
                                                            if c == disclosure.ALL_COHORTS}, policy.threshold)
        by_id = rows.set_index("indicator_id")
        body.append(html.Tr([html.Td(shell.municipality_name(kommunekode))] + [
            _compared_cell(by_id.loc[i]) if i in by_id.index else html.Td("–") for i in COMPARED]))
    return html.Div([
        html.H2(f"{program} i kommunerne side om side"),
        html.P("Alle kohorter; samme definition i hver kommune. Nævneren står under hvert tal.", className="footnote"),
        html.Table([html.Thead(header), html.Tbody(body)], className="indicator-table", id="outcomes-across-table"),
        suppression_notes(policy.threshold),
    ])


def _compared_cell(row) -> html.Td:
    denominator = f"n = {row.denominator_text}" if row.denominator_text else ""
    return html.Td([row.value_text, html.Br(), html.Small(denominator)],
                   className="num suppressed" if row.suppressed else "num")
