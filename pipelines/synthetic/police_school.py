"""Optional sources: police/SSP events for young people, monthly school absence."""
from __future__ import annotations

from datetime import date
from functools import cache

from pipelines.synthetic.calendar import birthday, years
from pipelines.synthetic.chunk import Chunk, Person

EVENT_TYPES = ("BEKYMRING", "ANTRAEFNING", "SIGTELSE", "DOM")
SCHOOL_DAYS = {1: 20, 2: 15, 3: 21, 4: 17, 5: 19, 6: 16, 8: 16, 9: 21, 10: 16, 11: 21, 12: 15}


def police(chunk: Chunk, person: Person, rate: float) -> None:
    """Events between age 12 and 30 at `rate` a year."""
    rng = chunk.rng
    day = max(birthday(person.birth, 12), chunk.history_start, person.arrives())
    stop = min(birthday(person.birth, 30), person.leaves() or chunk.extract_date, chunk.extract_date)
    while True:
        day += years(rng.expovariate(rate))
        if day >= stop:
            return
        kind = EVENT_TYPES[min(3, int(rng.expovariate(1.2)))]
        chunk.add("politi/haendelser", (person.cpr, day, kind))


def school(chunk: Chunk, child: Person, absence: float) -> None:
    """One row per school month from the August the child turns 6 until age 16."""
    rng = chunk.rng
    first = max(date(child.birth.year + 6, 8, 1), chunk.history_start, child.arrives())
    last = min(date(child.birth.year + 16, 6, 30), child.leaves() or chunk.extract_date, chunk.extract_date)
    rows, cpr = chunk.rows["skole/fravaer"], child.cpr
    for ordinal in range(first.year * 12 + first.month - 1, last.year * 12 + last.month):
        year, month = divmod(ordinal, 12)
        days = SCHOOL_DAYS.get(month + 1)
        if days:
            absent = min(days, int(rng.expovariate(1 / (absence * days))))
            rows.append((cpr, _month_label(year, month + 1), days, absent))


@cache
def _month_label(year: int, month: int) -> str:
    return f"{year}-{month:02d}"
