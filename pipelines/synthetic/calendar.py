"""Date arithmetic used by the simulation."""
from __future__ import annotations

import random
from datetime import date, timedelta

YEAR_DAYS = 365.25


def years(x: float) -> timedelta:
    return timedelta(days=round(x * YEAR_DAYS))


def weeks(x: float) -> timedelta:
    return timedelta(days=round(x * 7))


def between(rng: random.Random, start: date, end: date) -> date:
    span = (end - start).days
    return start + timedelta(days=rng.randint(0, max(span, 0)))


def age_at(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def birthday(birth: date, age: int) -> date:
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # 29 February
        return date(birth.year + age, 3, 1)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())
