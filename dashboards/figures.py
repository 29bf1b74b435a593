"""Plotly figures, built by pure functions from the rows the pages read."""

import pandas as pd
import plotly.graph_objects as go

from dashboards import formatting

OWN_COLOUR = "#1d4e89"
SEED_COLOUR = "#c9a227"
COST_COLUMNS = {
    "cost_income_support_dkk": ("Forsørgelse", "#1d4e89"),
    "cost_child_measures_dkk": ("Indsatser, børn", "#5b8fc7"),
    "cost_placements_dkk": ("Anbringelser", "#3a6ea5"),
    "cost_adult_measures_dkk": ("Indsatser, voksne", "#a9c6e8"),
}


def _layout(fig: go.Figure, title: str, **kwargs) -> go.Figure:
    fig.update_layout(title=title, template="plotly_white", font_family="system-ui, sans-serif",
                      margin=dict(l=10, r=10, t=50, b=10), separators=",.", **kwargs)
    return fig


def key_shares_figure(rows: pd.DataFrame) -> go.Figure:
    """The percentage indicators as bars, each with the seeds' figure beside it."""
    shares = rows[rows["unit"] == "pct"].iloc[::-1]
    fig = go.Figure([
        go.Bar(name="Evalueringernes tal", y=shares["label_da"], x=shares["seed_value"],
               orientation="h", marker_color=SEED_COLOUR, text=shares["seed_figure"],
               textposition="outside", customdata=shares["seed_source"],
               hovertemplate="%{customdata}: %{text}<extra></extra>"),
        go.Bar(name="Kommunen", y=shares["label_da"], x=shares["value"].fillna(0),
               orientation="h", marker_color=OWN_COLOUR, text=shares["value_text"],
               textposition="outside", hovertemplate="%{y}: %{text}<extra></extra>"),
    ])
    return _layout(fig, "Nøgletal i procent", barmode="group",
                   xaxis=dict(range=[0, 115], ticksuffix=" %"),
                   legend=dict(orientation="h", traceorder="reversed", y=-0.1),
                   height=120 + 60 * len(shares))


def cost_figure(rows: pd.DataFrame) -> go.Figure:
    """Mean cost per family-year before and during the enrolment, with the seeds' figure."""
    by_id = rows.set_index("indicator_id")
    periods = [("cost_per_family_year_before_dkk", "Året før start"),
               ("cost_per_family_year_during_dkk", "Under forløbet")]
    present = [(i, label) for i, label in periods if i in by_id.index]
    values = by_id.loc[[i for i, _ in present], "value"].fillna(0)
    fig = go.Figure(go.Bar(
        x=[label for _, label in present], y=list(values),
        text=[by_id.at[i, "value_text"] for i, _ in present], textposition="outside",
        marker_color=OWN_COLOUR, name="Kommunen"))
    seeds = by_id.loc[[i for i, _ in present]].dropna(subset=["seed_value"])
    if not seeds.empty:
        seed = seeds.iloc[0]
        fig.add_hline(y=seed["seed_value"], line_dash="dash", line_color=SEED_COLOUR,
                      annotation_position="top right",
                      annotation_bgcolor="rgba(255,255,255,0.9)",
                      annotation_text=f"{seed['seed_source']}: "
                                      f"{formatting.by_unit(seed['seed_value'], 'dkk')}")
    return _layout(fig, "Udgift pr. familie pr. år",
                   yaxis=dict(ticksuffix=" kr.", tickformat=",.0f"),
                   showlegend=False, height=380)


COHORT_TRENDS = {"cost_per_family_year_before_dkk": ("Året før start", SEED_COLOUR),
                 "cost_per_family_year_during_dkk": ("Under forløbet", OWN_COLOUR)}


def cohort_trend_figure(rows_by_cohort: dict[str, pd.DataFrame]) -> go.Figure:
    """Mean cost per family-year before and during, cohort by cohort; a suppressed cohort is a gap, its mark
    written above the axis."""
    cohorts = sorted(rows_by_cohort)
    cells = {c: rows_by_cohort[c].set_index("indicator_id") for c in cohorts}
    fig = go.Figure([
        go.Scatter(name=label, x=cohorts, mode="lines+markers", line_color=colour, connectgaps=False,
                   y=[None if cells[c].at[i, "suppressed"] else cells[c].at[i, "value"] for c in cohorts],
                   customdata=[cells[c].at[i, "value_text"] for c in cohorts],
                   hovertemplate="%{x}: %{customdata}<extra>" + label + "</extra>")
        for i, (label, colour) in COHORT_TRENDS.items()])
    for c in cohorts:
        marks = [f"{label}: {cells[c].at[i, 'value_text']}" for i, (label, _) in COHORT_TRENDS.items()
                 if cells[c].at[i, "suppressed"]]
        if marks:
            fig.add_annotation(x=c, y=0.02, yref="paper", text="<br>".join(marks), showarrow=False,
                               font_size=11, bgcolor="#fff6db")
    return _layout(fig, "Udgift pr. familie pr. år efter startår",
                   xaxis=dict(type="category", title="Startår"), yaxis=dict(ticksuffix=" kr.", tickformat=",.0f"),
                   legend=dict(orientation="h", y=-0.25), height=360)


def family_trend_figure(months: pd.DataFrame) -> go.Figure:
    """Monthly cost by kind for one family; the enrolled months are shaded."""
    fig = go.Figure([
        go.Bar(name=label, x=months["month"], y=months[column], marker_color=colour,
               xperiod="M1", xperiodalignment="middle")
        for column, (label, colour) in COST_COLUMNS.items() if column in months
    ])
    enrolled = pd.to_datetime(months.loc[months["is_enrolled"].astype(bool), "month"])
    if not enrolled.empty:
        fig.add_vrect(x0=enrolled.min(), x1=enrolled.max() + pd.DateOffset(months=1),
                      fillcolor="#e8f0fa", opacity=0.6, layer="below", line_width=0,
                      annotation_text="I forløb", annotation_position="top left")
    return _layout(fig, "Udgift pr. måned", barmode="stack",
                   xaxis=dict(tickformat="%m-%Y"),
                   yaxis=dict(ticksuffix=" kr.", tickformat=",.0f"),
                   legend=dict(orientation="h", y=-0.2), height=360)


TIMELINE_KINDS = {  # analytics.family_timeline's event_kind: label and colour; spells are bars, the rest points
    "support": ("Forsørgelse", "#1d4e89"),
    "child_case": ("Børnesag", "#c9a227"),
    "measure": ("Indsats", "#5b8fc7"),
    "screening": ("Screening (score)", "#b2493a"),
    "who5": ("WHO-5 (score)", "#3a8a5a"),
}
SPELL_KINDS = ("support", "child_case", "measure")
ROLE_LABELS = {"VOKSEN": "Voksen", "BARN": "Barn"}
DAY_MS = 24 * 3600 * 1000


def member_labels(events: pd.DataFrame) -> dict[str, str]:
    """'Voksen 1', 'Barn 2': members numbered within their role (adults first) in the order of their first event;
    a pseudonym is never shown."""
    first = events.groupby(["member_role", "person_id"], dropna=False)["start_date"].min().reset_index()
    first["role_order"] = first["member_role"].map({role: n for n, role in enumerate(ROLE_LABELS)}).fillna(9)
    labels, counts = {}, {}
    for row in first.sort_values(["role_order", "start_date", "person_id"]).itertuples():
        role = ROLE_LABELS.get(row.member_role, "Medlem")
        counts[role] = counts.get(role, 0) + 1
        labels[row.person_id] = f"{role} {counts[role]}"
    return labels


def _points(events: pd.DataFrame) -> pd.DataFrame:
    """One point per member row and day: the day's lowest score as its label, every domain's score on hover."""
    events = events.assign(part=[f"{c}: {s}" if c else str(s) for c, s in zip(events["event_code"].fillna(""),
                                                                             events["score"].astype("Int64"))])
    return (events.groupby(["row", "start_date"], as_index=False)
            .agg(score=("score", "min"), scores=("part", ", ".join))
            .assign(score=lambda frame: frame["score"].astype("Int64").astype(str)))


def family_timeline_figure(events: pd.DataFrame, enrolments: pd.DataFrame) -> go.Figure:
    """One family's timeline: one row per member and kind of event; spells as bars (an open one runs to the end of
    the chart), screenings and WHO-5 answers as points with their score; each enrolment shaded."""
    events = events.assign(start_date=pd.to_datetime(events["start_date"]), end_date=pd.to_datetime(events["end_date"]))
    chart_end = max(events[["start_date", "end_date"]].max().max(), pd.to_datetime(enrolments["enrolment_end"]).max())
    labels = member_labels(events)
    events["row"] = [f"{labels[p]} · {TIMELINE_KINDS[k][0].split(' (')[0]}"
                     for p, k in zip(events["person_id"], events["event_kind"])]
    rows = sorted(events["row"].unique(), key=lambda r: (list(labels.values()).index(r.split(" · ")[0]), r))
    fig = go.Figure()
    for kind, (label, colour) in TIMELINE_KINDS.items():
        kind_events = events[events["event_kind"] == kind]
        if kind_events.empty:
            continue
        codes = kind_events["event_code"].fillna("")
        if kind in SPELL_KINDS:
            ends = kind_events["end_date"].fillna(chart_end)
            fig.add_trace(go.Bar(name=label, orientation="h", y=kind_events["row"], base=kind_events["start_date"],
                                 x=((ends - kind_events["start_date"]).dt.days + 1) * DAY_MS, marker_color=colour,
                                 customdata=list(zip(kind_events["start_date"].dt.strftime("%d-%m-%Y"),
                                                     kind_events["end_date"].dt.strftime("%d-%m-%Y").fillna("åben"),
                                                     codes)),
                                 hovertemplate="%{y}<br>%{customdata[0]} – %{customdata[1]}<br>%{customdata[2]}"
                                               "<extra></extra>"))
        else:
            points = _points(kind_events)
            fig.add_trace(go.Scatter(name=label, mode="markers+text", y=points["row"], x=points["start_date"],
                                     text=points["score"], textposition="top center",
                                     marker=dict(color=colour, size=9), customdata=points["scores"],
                                     hovertemplate="%{y}<br>%{x|%d-%m-%Y}: %{customdata}<extra></extra>"))
    for enrolment in enrolments.itertuples():
        fig.add_vrect(x0=enrolment.enrolment_start, x1=enrolment.enrolment_end, fillcolor="#e8f0fa", opacity=0.6,
                      layer="below", line_width=0)
    programmes = ", ".join(sorted(enrolments["program"].unique()))
    return _layout(fig, f"Familiens forløb (skraveret: i forløb i {programmes})", barmode="overlay",
                   height=120 + 34 * len(rows),
                   xaxis=dict(type="date", tickformat="%m-%Y"),
                   yaxis=dict(categoryorder="array", categoryarray=rows[::-1], automargin=True),
                   legend=dict(orientation="h", y=-0.15))


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font_size=16)
    return _layout(fig, "", xaxis=dict(visible=False), yaxis=dict(visible=False), height=300)


CASELOAD_MARKS = ((20, 25, "#d7f0dd", "Herning 20–25"), (40, 50, "#eceff3", "typisk 40–50"))
SYSTEM_COLOURS = ("#dfe7f1", "#a9c6e8", "#5b8fc7", "#3a6ea5", "#1d4e89")


def caseload_figure(overall: pd.DataFrame, departments: pd.DataFrame,
                    title: str = "Sager pr. sagsbehandler") -> go.Figure:
    """Open cases per caseworker by month, for the municipality and each department (or each municipality), against
    the marks of the seeds. Each frame has `month`, `label` and `caseload` (none where it is suppressed)."""
    fig = go.Figure([go.Scatter(name=label, x=rows["month"], y=rows["caseload"], mode="lines", connectgaps=False,
                                line_width=3 if label == "Hele kommunen" else 1.5)
                     for label, rows in pd.concat([overall, departments]).groupby("label", sort=False)])
    for low, high, colour, text in CASELOAD_MARKS:
        fig.add_hrect(y0=low, y1=high, fillcolor=colour, opacity=0.6, layer="below", line_width=0,
                      annotation_text=text, annotation_position="top left")
    months = overall["month"].nunique()
    return _layout(fig, title, xaxis=dict(tickformat="%m-%Y", dtick="M1" if months <= 24 else None),
                   yaxis=dict(rangemode="tozero"), legend=dict(orientation="h", y=-0.2), height=420)


def systems_figure(months: pd.DataFrame, columns: dict[str, str]) -> go.Figure:
    """Families by the number of systems involved, month by month, stacked; `columns` maps a column of `months`
    (none where suppressed) to its label."""
    fig = go.Figure([go.Bar(name=label, x=months["month"], y=months[column], marker_color=colour,
                            xperiod="M1", xperiodalignment="middle")
                     for (column, label), colour in zip(columns.items(), SYSTEM_COLOURS)])
    return _layout(fig, "Familier efter antal systemer, de er i kontakt med", barmode="stack",
                   xaxis=dict(tickformat="%m-%Y"), legend=dict(orientation="h", y=-0.2), height=420)


def component_costs_figure(years: pd.DataFrame) -> go.Figure:
    """Mean cost per enrolled family by calendar year and component, stacked; a blanked component is missing."""
    fig = go.Figure([go.Bar(name=label, x=years["year"].astype(str), y=years[column], marker_color=colour)
                     for column, (label, colour) in COST_COLUMNS.items()])
    return _layout(fig, "Udgift pr. familie i forløb pr. år", barmode="stack", xaxis=dict(type="category"),
                   yaxis=dict(ticksuffix=" kr.", tickformat=",.0f"), legend=dict(orientation="h", y=-0.2), height=380)


def event_study_figure(months: pd.DataFrame) -> go.Figure:
    """Mean cost per family-month around the start, enrolled against comparison; columns `relative_month`,
    `enrolled` and `comparison` (none where blanked)."""
    fig = go.Figure([go.Scatter(name=label, x=months["relative_month"], y=months[column], mode="lines+markers",
                                line_color=colour, connectgaps=False)
                     for column, label, colour in (("enrolled", "Familier i forløb", OWN_COLOUR),
                                                   ("comparison", "Sammenligningsgruppen", SEED_COLOUR))])
    fig.add_vline(x=0, line_dash="dot", line_color="#52606d", annotation_text="Start")
    return _layout(fig, "Udgift pr. familie pr. måned omkring start", xaxis=dict(title="Måneder fra start", dtick=6),
                   yaxis=dict(ticksuffix=" kr.", tickformat=",.0f", rangemode="tozero"),
                   legend=dict(orientation="h", y=-0.25), height=380)


def caseworkers_per_family_figure(months: pd.DataFrame) -> go.Figure:
    """Caseworkers per family by month (`month`, `caseworkers_per_family`, none where suppressed): the many
    hands a family meets, which one case manager per family is meant to replace."""
    fig = go.Figure(go.Scatter(x=months["month"], y=months["caseworkers_per_family"], mode="lines+markers",
                               line_color=OWN_COLOUR, connectgaps=False, name="Sagsbehandlere pr. familie"))
    return _layout(fig, "Sagsbehandlere pr. familie", xaxis=dict(tickformat="%m-%Y", dtick="M1"),
                   yaxis=dict(rangemode="tozero"), showlegend=False, height=320)


def savings_figure(rows: pd.DataFrame, threshold: int) -> go.Figure:
    """The saving per family-year with its 95 % interval, one row per municipality; a municipality whose saving is
    not shown keeps its row with the reason."""
    shown = rows[rows["shown"]]
    saving = shown["cost_saving_dkk"].astype(float)
    fig = go.Figure(go.Scatter(
        x=saving.tolist(), y=shown["municipality"].tolist(), mode="markers", marker=dict(color=OWN_COLOUR, size=10),
        error_x=dict(type="data", symmetric=False,
                     array=(shown["cost_saving_dkk_ci_high"].astype(float) - saving).tolist(),
                     arrayminus=(saving - shown["cost_saving_dkk_ci_low"].astype(float)).tolist(), color=OWN_COLOUR),
        customdata=shown["matched"], hovertemplate="%{y}: %{x:,.0f} kr. (%{customdata} matchede forløb)"
                                                   "<extra></extra>"))
    for row in rows[~rows["shown"]].itertuples():
        fig.add_annotation(x=0, y=row.municipality, text=f"vises ikke: færre end {threshold} matchede forløb",
                           showarrow=False, xanchor="left", font_size=11, bgcolor="#fff6db")
    fig.add_vline(x=0, line_color="#888", line_dash="dot")
    return _layout(fig, "Besparelse pr. forløb med 95 %-interval", showlegend=False,
                   xaxis=dict(ticksuffix=" kr.", tickformat=",.0f"),
                   yaxis=dict(categoryorder="array", categoryarray=list(rows["municipality"])[::-1], type="category"),
                   height=140 + 40 * len(rows))
