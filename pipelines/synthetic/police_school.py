"""Optional sources: police/SSP events for young people, monthly school absence."""
from __future__ import annotations

from datetime import date

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
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        if month in SCHOOL_DAYS:
            days = SCHOOL_DAYS[month]
            absent = min(days, int(rng.expovariate(1 / (absence * days))))
            chunk.add("skole/fravaer", (child.cpr, f"{year}-{month:02d}", days, absent))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
