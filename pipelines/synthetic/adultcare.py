"""Adult social-services measures and VUM assessments."""
from __future__ import annotations

import random
from datetime import date, timedelta

from pipelines.synthetic.calendar import between, birthday, years
from pipelines.synthetic.chunk import Chunk, Person

# paragraf: (weight, takst_enhed, price range DKK, duration range in years)
PARAGRAPHS = {
    "SEL85": (40, "UGE", (2000, 3500), (0.5, 3)),
    "SEL97": (8, "MAANED", (2000, 4000), (0.5, 4)),
    "SEL101": (14, "MAANED", (5000, 9000), (0.3, 1.5)),
    "SUL141": (16, "MAANED", (3000, 6000), (0.3, 1.5)),
    "SEL103": (8, "MAANED", (4000, 7000), (1, 6)),
    "SEL107": (5, "DAG", (1200, 2000), (0.2, 1.5)),
    "SEL108": (3, "DAG", (1500, 2500), (2, 10)),
    "SEL110": (6, "DAG", (800, 1200), (0.05, 0.4)),
}
THEMES = ("PSYKISK_FUNKTION", "SOCIALT_LIV", "EGENOMSORG", "SUNDHED", "PRAKTISKE_OPGAVER")
SHARE_OF_ADULTS = 0.025


def adult_measure(chunk: Chunk, person: Person, start: date, rng: random.Random,
                  paragraf: str | None = None) -> None:
    paragraf = paragraf or rng.choices(list(PARAGRAPHS), [p[0] for p in PARAGRAPHS.values()])[0]
    _, unit, (low, high), (short, long) = PARAGRAPHS[paragraf]
    end = start + years(rng.uniform(short, long))
    leaves = person.leaves()
    if leaves and end >= leaves:
        end = leaves - timedelta(days=1)
    if start > chunk.extract_date or end < start:
        return
    chunk.add("voksen/indsatser", (chunk.new_id("VI"), person.cpr, paragraf, start,
                                   end if end <= chunk.extract_date else None,
                                   chunk.staff.assign("VOKSEN", rng, start) if rng.random() < 0.9 else None,
                                   round(rng.uniform(low, high) / 25) * 25.0, unit))
    assessed = start - timedelta(days=rng.randint(5, 40))
    for theme in rng.sample(THEMES, 3):
        chunk.add("voksen/vum", (person.cpr, assessed, theme, rng.choices(range(5), (10, 25, 35, 20, 10))[0]))


def general_adult(chunk: Chunk, person: Person) -> None:
    if chunk.rng.random() >= SHARE_OF_ADULTS:
        return
    first = max(birthday(person.birth, 18), person.arrives(), chunk.history_start - years(2))
    last = min(person.leaves() or chunk.extract_date, chunk.extract_date)
    if first < last:
        adult_measure(chunk, person, between(chunk.rng, first, last), chunk.rng)
