"""Programme indicators worked out from the landing CSV files alone, as docs/indicators.md defines them."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd

DAYS_PER_UNIT = {"DAG": 1.0, "UGE": 7.0, "MAANED": 30.4375}


def read(landing: Path, kommunekode: str, source: str, table: str, extract_date: date) -> pd.DataFrame:
    path = landing / kommunekode / source / extract_date.isoformat() / f"{table}.csv"
    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    for column in frame.columns:
        if column in {"fra_dato", "til_dato", "aabnet", "lukket", "start", "slut", "dato", "foedselsdato",
                      "tilflytning", "fraflytning", "doedsdato", "modtaget"}:
            frame[column] = pd.Series([date.fromisoformat(v) if v else None for v in frame[column]],
                                      index=frame.index, dtype=object)
    return frame


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def age(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class Extracts:
    def __init__(self, landing: Path, kommunekode: str, extract_date: date):
        self.extract_date = extract_date
        get = lambda s, t: read(landing, kommunekode, s, t, extract_date)  # noqa: E731
        self.persons = get("cpr", "personer").set_index("cpr")
        self.enrolment = get("program", "deltagelse")
        self.support = get("jobcenter", "ydelser")
        self.cases = get("boern", "sager")
        self.child_measures = get("boern", "indsatser")
        self.adult_measures = get("voksen", "indsatser")
        self.screenings = get("program", "screeninger")
        enrolled = set(self.enrolment.cpr)
        self._weeks = self._support_weeks(self.support[self.support.cpr.isin(enrolled)])

    def _support_weeks(self, support: pd.DataFrame) -> dict[str, set[date]]:
        weeks: dict[str, set[date]] = {}
        for cpr, start, end in support[support.ydelse != "SU"][["cpr", "fra_dato", "til_dato"]].itertuples(index=False):
            week, last = monday(start), monday(end or self.extract_date)
            bucket = weeks.setdefault(cpr, set())
            while week <= last:
                bucket.add(week)
                week += timedelta(days=7)
        return weeks

    def families(self, programme: str) -> list[dict]:
        rows = self.enrolment[self.enrolment.program == programme].copy()
        rows["slut"] = rows["slut"].fillna(self.extract_date)
        out = []
        for ref, group in rows.groupby("familie_ref"):
            start, end = group.start.min(), group.slut.max()
            adults = [c for c in group[group.rolle == "VOKSEN"].cpr
                      if 18 <= age(self.persons.at[c, "foedselsdato"], start) <= 64]
            out.append({"ref": ref, "start": start, "end": end, "adults": adults,
                        "children": list(group[group.rolle == "BARN"].cpr), "members": list(group.cpr)})
        return out

    def on_support(self, cpr: str, day: date) -> bool:
        return monday(day) in self._weeks.get(cpr, ())

    def self_supporting(self, cpr: str, day: date) -> bool:
        person = self.persons.loc[cpr]
        resident = (person.tilflytning is None or person.tilflytning <= day) and \
            (person.fraflytning is None or person.fraflytning > day) and (person.doedsdato is None or person.doedsdato > day)
        return resident and 18 <= age(person.foedselsdato, day) <= 64 and not self.on_support(cpr, day)

    def attached_years(self, cpr: str, start: date) -> float:
        """Unbroken support period ending in the start week; gaps of up to 4 weeks do not break it."""
        weeks, week, first, gap = self._weeks.get(cpr, set()), monday(start), monday(start), 0
        while gap <= 4:
            week -= timedelta(days=7)
            if week in weeks:
                first, gap = week, 0
            else:
                gap += 1
        return ((monday(start) - first).days + 7) / 365.25

    def has_run(self, cpr: str, start: date, end: date) -> bool:
        week, streak = monday(start), 0
        while week <= monday(end):
            streak = streak + 1 if self.self_supporting(cpr, week + timedelta(days=6)) and \
                self.self_supporting(cpr, week) else 0
            if streak >= 4:
                return True
            week += timedelta(days=7)
        return False

    def open_case_opened(self, cpr: str, day: date) -> date | None:
        cases = self.cases[self.cases.cpr_barn == cpr]
        open_ = cases[(cases.aabnet <= day) & (cases.lukket.isna() | (cases.lukket.fillna(date.max) > day))]
        return None if open_.empty else min(open_.aabnet)

    def worst_score(self, cpr: str, start: date, end: date, first: bool) -> int | None:
        rows = self.screenings[(self.screenings.cpr == cpr) & (self.screenings.dato >= start) & (self.screenings.dato <= end)]
        if rows.empty:
            return None
        day = rows.dato.min() if first else rows.dato.max()
        return int(rows[rows.dato == day].score.astype(int).min())


RATES = Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "income_support_rates.csv"


def annual_cost(extracts: Extracts, family: dict) -> float:
    """Cost per year during enrolment: income support + child measures + adult measures."""
    rates = pd.read_csv(RATES).set_index(["ydelse", "year"]).dkk_per_week.to_dict()
    lo, hi, members = family["start"], family["end"], set(family["members"])
    overlap = lambda s, e: max(0, ((hi if e is None else min(e, hi)) - max(s, lo)).days + 1)  # noqa: E731
    total = 0.0
    support = extracts.support[extracts.support.cpr.isin(members) & (extracts.support.ydelse != "SU")]
    for ydelse, start, end in support[["ydelse", "fra_dato", "til_dato"]].itertuples(index=False):
        total += rates.get((ydelse, min(max(start.year, 2010), 2026)), 0) * overlap(start, end) / 7
    for frame, who in ((extracts.child_measures, "cpr_barn"), (extracts.adult_measures, "cpr")):
        for row in frame[frame[who].isin(members)].itertuples(index=False):
            start = pd.Timestamp(row.start).date() if not isinstance(row.start, date) else row.start
            price, unit = float(row.takst_kr), row.takst_enhed
            if unit == "ENGANG":
                total += price if lo <= start <= hi else 0
            elif unit == "TIME":
                total += price * float(row.timer_pr_uge) * overlap(start, row.slut) / 7
            else:
                total += price * overlap(start, row.slut) / DAYS_PER_UNIT[unit]
    return total / (((hi - lo).days + 1) / 365.25)
