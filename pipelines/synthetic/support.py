"""Job-centre history: income-support spells, target groups, activation and case holders."""
from __future__ import annotations

from datetime import date, timedelta

from pipelines.synthetic.calendar import between, birthday, weeks, years
from pipelines.synthetic.chunk import Chunk, Person

CATEGORY = {
    "DAGPENGE": "JOBPARAT", "KONTANTHJAELP": "AKTIVITETSPARAT", "UDDANNELSESHJAELP": "UDDANNELSESPARAT",
    "SYGEDAGPENGE": "SYGEMELDT", "JOBAFKLARING": "SYGEMELDT", "RESSOURCEFORLOEB": "AKTIVITETSPARAT",
    "LEDIGHEDSYDELSE": "OEVRIG", "REVALIDERING": "OEVRIG", "SELVFORSOERGELSESYDELSE": "JOBPARAT",
}
ACTIVATION = ("VIRKSOMHEDSPRAKTIK", "LOENTILSKUD", "MENTOR", "VEJLEDNING_OPKVALIFICERING", "NYTTEINDSATS")
SEASON = (16, 10, 8, 7, 6, 7, 9, 9, 7, 7, 6, 8)  # unemployment spells start mostly in winter
CHAINS = {"SYGEDAGPENGE": ("JOBAFKLARING", 0.12), "JOBAFKLARING": ("RESSOURCEFORLOEB", 0.35)}


def spell(chunk: Chunk, person: Person, ydelse: str, start: date, end: date | None) -> date | None:
    """Write one spell clipped to the person's residence; return its end (None = open)."""
    leaves = person.leaves()
    if leaves and (end is None or end >= leaves):
        end = leaves - timedelta(days=1)
    if end is not None and end > chunk.extract_date:
        end = None
    if (end is not None and end < start) or start > chunk.extract_date:
        return end
    chunk.add("jobcenter/ydelser", (person.cpr, ydelse, start, end))
    if ydelse in CATEGORY:
        chunk.add("jobcenter/maalgrupper", (person.cpr, CATEGORY[ydelse], start, end))
        chunk.add("jobcenter/sager", (person.cpr, chunk.staff.assign("JOBCENTER", chunk.rng, start), start, end))
        if chunk.rng.random() < 0.3 and (end is None or (end - start).days > 60):
            begin = start + timedelta(days=chunk.rng.randint(14, 50))
            stop = begin + weeks(chunk.rng.uniform(4, 26))
            chunk.add("jobcenter/indsatser", (person.cpr, chunk.rng.choice(ACTIVATION), begin,
                                              stop if end is None else min(end, stop)))
    return end


def general_history(chunk: Chunk, person: Person, births: list[date]) -> None:
    rng = chunk.rng
    adult = birthday(person.birth, 18)
    first = max(adult, chunk.history_start - years(3), person.arrives())
    last = min(person.leaves() or chunk.extract_date, chunk.extract_date, birthday(person.birth, 67))
    if first < last:
        _working_age(chunk, person, first, last)
    pension = birthday(person.birth, 67)
    if pension <= chunk.extract_date and (person.leaves() or date.max) > pension:
        spell(chunk, person, "FOLKEPENSION", max(pension, person.arrives()), None)
    if person.sex == "K":
        for born in births:
            spell(chunk, person, "BARSEL", born - weeks(4), born + weeks(rng.uniform(26, 46)))


def _working_age(chunk: Chunk, person: Person, first: date, last: date) -> None:
    rng = chunk.rng
    if rng.random() < 0.45 and first <= birthday(person.birth, 22):
        start = birthday(person.birth, 19) + timedelta(days=rng.randint(200, 240))
        spell(chunk, person, "SU", start, start + years(rng.uniform(2.5, 5.5)))
    profile = rng.random()
    if profile < 0.04 and (last - person.birth).days > 40 * 365:
        start = between(rng, max(first, birthday(person.birth, 40)), last)
        spell(chunk, person, "FOERTIDSPENSION", start, None)
    elif profile < 0.11:
        chain(chunk, person, between(rng, first, last), years(rng.uniform(0.5, 6)))
    elif profile < 0.38:
        _occasional(chunk, person, first, last)


def _occasional(chunk: Chunk, person: Person, first: date, last: date) -> None:
    rng = chunk.rng
    day = first + years(rng.expovariate(0.25))
    while day < last:
        month = rng.choices(range(1, 13), SEASON)[0]
        start = date(day.year, month, rng.randint(1, 28))
        if start < first or start > last:
            day += years(0.3)
            continue
        kind = rng.choices(("DAGPENGE", "SYGEDAGPENGE", "LEDIGHEDSYDELSE"), (60, 35, 5))[0]
        end = start + weeks(rng.uniform(3, 40))
        while kind in CHAINS:
            end = spell(chunk, person, kind, start, end)
            kind, chance = CHAINS[kind]
            if end is None or rng.random() > chance:
                break
            start, end = end + timedelta(days=1), end + weeks(rng.uniform(20, 80))
        else:
            end = spell(chunk, person, kind, start, end)
        if end is None:
            return
        day = end + years(rng.expovariate(0.3) + 0.2)


def chain(chunk: Chunk, person: Person, start: date, length, end_gap_ok: bool = True) -> date | None:
    """An unbroken support period from start over `length`: spells that chain with gaps under 4 weeks."""
    rng = chunk.rng
    stop = start + length
    kind = rng.choices(("KONTANTHJAELP", "SYGEDAGPENGE", "UDDANNELSESHJAELP"), (70, 20, 10))[0]
    end = None
    while start < stop:
        end = min(stop, start + weeks(rng.uniform(20, 120)))
        written = spell(chunk, person, kind, start, end)
        if written is None or written < end:
            return written
        kind = CHAINS.get(kind, ("RESSOURCEFORLOEB" if rng.random() < 0.25 else kind, 1))[0]
        start = end + timedelta(days=rng.choice((1, 1, 1, 8, 15)))
    return end
