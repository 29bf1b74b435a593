"""The true cost of a family's rows in a period, priced as docs/indicators.md prices them."""
from __future__ import annotations

import csv
from datetime import date
from functools import lru_cache
from pathlib import Path

RATES_FILE = Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "income_support_rates.csv"
DAYS_PER_UNIT = {"DAG": 1.0, "UGE": 7.0, "MAANED": 30.4375}


@lru_cache(maxsize=1)
def weekly_rates() -> dict[tuple[str, int], float]:
    with RATES_FILE.open(encoding="utf-8") as handle:
        return {(r["ydelse"], int(r["year"])): float(r["dkk_per_week"]) for r in csv.DictReader(handle)}


def weekly_rate(ydelse: str, year: int) -> float:
    rates = weekly_rates()
    years = sorted({y for (_, y) in rates})
    return rates.get((ydelse, min(max(year, years[0]), years[-1])), 0.0)


def _overlap(start: date, end: date | None, lo: date, hi: date) -> int:
    end = hi if end is None else min(end, hi)
    return max(0, (end - max(start, lo)).days + 1)


def _priced(price: float, unit: str, hours: float | None, start: date, days: int, lo: date, hi: date) -> float:
    if unit == "ENGANG":
        return price if lo <= start <= hi else 0.0
    if unit == "TIME":
        return price * (hours or 0.0) * days / 7
    return price * days / DAYS_PER_UNIT[unit]


def family_cost(rows: dict[str, list[tuple]], cprs: set[str], lo: date, hi: date) -> float:
    total = 0.0
    for cpr, ydelse, start, end in rows.get("jobcenter/ydelser", ()):
        if cpr in cprs and ydelse != "SU":
            total += weekly_rate(ydelse, start.year) * _overlap(start, end, lo, hi) / 7
    for row in rows.get("boern/indsatser", ()):
        if row[2] in cprs:
            total += _priced(row[8], row[9], row[10], row[5], _overlap(row[5], row[6], lo, hi), lo, hi)
    for row in rows.get("voksen/indsatser", ()):
        if row[1] in cprs:
            total += _priced(row[6], row[7], None, row[3], _overlap(row[3], row[4], lo, hi), lo, hi)
    return total
