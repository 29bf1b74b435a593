"""Befolkning: the municipality's families by the number of systems involved with them (job centre, child, adult,
police), month by month: the programme's potential target group."""

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from dashboards import data, disclosure, figures, settings
from dashboards.period import Period

SYSTEMS = {f"families_systems_{n}_n": f"{n} systemer" if n != 1 else "1 system" for n in range(5)}


class Population(NamedTuple):
    figure: go.Figure
    note: str


def population(kommunekode: str | None, period: Period) -> Population:
    months = period.rows(data.operations_months(kommunekode)) if kommunekode else pd.DataFrame()
    if months.empty:
        return Population(figures.empty_figure("Ingen data for det valgte"), "")
    policy = settings.disclosure_policy()
    shown, hidden = _suppressed(months.reset_index(drop=True), policy)
    note = (f"{hidden} tal vises ikke: de hviler på færre end {policy.threshold} familier, "
            "eller de ville kunne regnes ud fra månedens i alt." if hidden else "")
    return Population(figures.systems_figure(shown, SYSTEMS), note)


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
