"""The true cost of a family's rows in a period, priced as docs/indicators.md prices them.

Income support is priced like the warehouse (int_support_weeks, int_spell_costs): a person is on support in an
ISO week when any spell of a benefit other than SU overlaps the week (an open spell runs to the extract date);
the week is priced at the benefit's rate for the week's ISO year (years outside the rates table take the nearest
year), at the highest rate when two benefits overlap the week, and a week cut by the period's edge by its days
inside the period. Measures are priced per day of the spell inside the period (ENGANG once, on its start).
"""
from __future__ import annotations

import csv
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

RATES_FILE = Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "income_support_rates.csv"
DAYS_PER_UNIT = {"DAG": 1.0, "UGE": 7.0, "MAANED": 30.4375}
NOT_SUPPORT = frozenset({"SU"})
WEEK = timedelta(days=7)


@lru_cache(maxsize=1)
def weekly_rates() -> dict[tuple[str, int], float]:
    with RATES_FILE.open(encoding="utf-8") as handle:
        return {(r["ydelse"], int(r["year"])): float(r["dkk_per_week"]) for r in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _rate_years() -> tuple[int, int]:
    years = [y for (_, y) in weekly_rates()]
    return min(years), max(years)


def weekly_rate(ydelse: str, year: int) -> float:
    first, last = _rate_years()
    return weekly_rates().get((ydelse, min(max(year, first), last)), 0.0)


def _overlap(start: date, end: date | None, lo: date, hi: date) -> int:
    end = hi if end is None else min(end, hi)
    return max(0, (end - max(start, lo)).days + 1)


def _priced(price: float, unit: str, hours: float | None, start: date, days: int, lo: date, hi: date) -> float:
    if unit == "ENGANG":
        return price if lo <= start <= hi else 0.0
    if unit == "TIME":
        return price * (hours or 0.0) * days / 7
    return price * days / DAYS_PER_UNIT[unit]


def support_cost(spells, lo: date, hi: date, extract_date: date | None = None) -> float:
    """One person's income support in [lo, hi]: spells are (ydelse, start, end or None = open)."""
    first_week, last_week = lo - timedelta(days=lo.weekday()), hi - timedelta(days=hi.weekday())
    weeks: dict[date, float] = {}
    for ydelse, start, end in spells:
        if ydelse in NOT_SUPPORT:
            continue
        end = end or extract_date or hi
        week = max(start - timedelta(days=start.weekday()), first_week)
        last = min(end - timedelta(days=end.weekday()), last_week)
        while week <= last:
            rate = weekly_rate(ydelse, week.isocalendar()[0])
            if rate > weeks.get(week, -1.0):
                weeks[week] = rate
            week += WEEK
    total = 0.0
    for week, rate in weeks.items():
        total += rate * _overlap(week, week + timedelta(days=6), lo, hi) / 7
    return total


def family_cost(rows: dict[str, list[tuple]], cprs: set[str], lo: date, hi: date,
                extract_date: date | None = None) -> float:
    """Income support + child measures (incl. placements) + adult measures of `cprs` in [lo, hi]."""
    spells: dict[str, list[tuple]] = {}
    for cpr, ydelse, start, end in rows.get("jobcenter/ydelser", ()):
        if cpr in cprs:
            spells.setdefault(cpr, []).append((ydelse, start, end))
    total = sum(support_cost(person, lo, hi, extract_date) for person in spells.values())
    for row in rows.get("boern/indsatser", ()):
        if row[2] in cprs:
            total += _priced(row[8], row[9], row[10], row[5], _overlap(row[5], row[6], lo, hi), lo, hi)
    for row in rows.get("voksen/indsatser", ()):
        if row[1] in cprs:
            total += _priced(row[6], row[7], None, row[3], _overlap(row[3], row[4], lo, hi), lo, hi)
    return total
