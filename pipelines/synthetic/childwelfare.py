"""Child-welfare cases: notification -> case -> investigation -> measures, a minority placed."""
from __future__ import annotations

import random
from datetime import date, timedelta

from pipelines.synthetic.calendar import birthday, years
from pipelines.synthetic.chunk import Chunk, Person

# kode: (lovhjemmel, takst_enhed, price range DKK, hours per week range or None)
MEASURES = {
    "FOREBYGGENDE": ("SEL § 11, stk. 3", "ENGANG", (3000, 8000), None),
    "FAMILIEBEHANDLING": ("SEL § 52, stk. 3, nr. 3", "TIME", (550, 750), (1, 3)),
    "PRAKTISK_PAEDAGOGISK_STOETTE": ("SEL § 52, stk. 3, nr. 2", "TIME", (450, 600), (1, 3)),
    "AFLASTNING": ("BL § 32, stk. 1, nr. 4", "MAANED", (5000, 10000), None),
    "KONTAKTPERSON": ("BL § 32, stk. 1, nr. 6", "TIME", (400, 500), (1, 3)),
    "FAST_KONTAKTPERSON_FAMILIE": ("BL § 32, stk. 1, nr. 7", "TIME", (450, 550), (2, 4)),
    "DAGBEHANDLING": ("BL § 32, stk. 1, nr. 2", "MAANED", (20000, 32000), None),
    "ANBRINGELSE_NETVAERKSPLEJE": ("BL § 43, stk. 1, nr. 1", "MAANED", (9000, 15000), None),
    "ANBRINGELSE_FAMILIEPLEJE": ("BL § 43, stk. 1, nr. 2", "DAG", (1100, 1600), None),
    "ANBRINGELSE_OPHOLDSSTED": ("BL § 43, stk. 1, nr. 5", "DAG", (2400, 3400), None),
    "ANBRINGELSE_DOEGNINSTITUTION": ("BL § 43, stk. 1, nr. 6", "DAG", (3600, 4800), None),
    "ANBRINGELSE_EGET_VAERELSE": ("BL § 43, stk. 1, nr. 4", "MAANED", (10000, 16000), None),
    "EFTERVAERN": ("BL § 114", "MAANED", (6000, 10000), None),
}
SUPPORT = ("FAMILIEBEHANDLING", "PRAKTISK_PAEDAGOGISK_STOETTE", "AFLASTNING", "KONTAKTPERSON",
           "FAST_KONTAKTPERSON_FAMILIE", "DAGBEHANDLING", "FOREBYGGENDE")
SUPPORT_WEIGHTS = (30, 20, 10, 15, 10, 3, 12)
PLACEMENTS = ("ANBRINGELSE_NETVAERKSPLEJE", "ANBRINGELSE_FAMILIEPLEJE", "ANBRINGELSE_OPHOLDSSTED",
              "ANBRINGELSE_DOEGNINSTITUTION", "ANBRINGELSE_EGET_VAERELSE")
PLACEMENT_WEIGHTS = (12, 50, 20, 12, 6)
PROVIDERS = ("Familiehuset Ærtebjerg", "Opholdsstedet Åløkke", "Døgninstitutionen Bøgely",
             "Plejefamilie", "Netværksfamilie", "Kommunens familieteam", "Ungehuset Søndergård")
SOURCES = ("SKOLE", "DAGTILBUD", "SUNDHED", "POLITI", "BORGER", "ANDEN")
SOURCE_WEIGHTS = (30, 12, 15, 18, 15, 10)
# risk tier: (share of children, notifications a year, chance a case opens, chance of placement)
TIERS = ((0.86, 0.04, 0.15, 0.0), (0.115, 0.34, 0.35, 0.04), (0.025, 1.45, 0.6, 0.28))


def notification(chunk: Chunk, child: Person, day: date, rng: random.Random) -> None:
    chunk.add("boern/underretninger", (chunk.new_id("UR"), child.cpr, day,
                                      rng.choices(SOURCES, SOURCE_WEIGHTS)[0], "J" if rng.random() < 0.08 else "N"))


def measure(chunk: Chunk, child: Person, case_id: str, kode: str, start: date, end: date | None,
            rng: random.Random) -> None:
    if start > chunk.extract_date or (end is not None and end < start):
        return
    law, unit, (low, high), hours = MEASURES[kode]
    end = None if end is None or end > chunk.extract_date else end
    price = round(rng.uniform(low, high) / 25) * 25.0
    chunk.add("boern/indsatser", (chunk.new_id("BI"), case_id, child.cpr, kode, law, start, end,
                                  rng.choice(PROVIDERS), price, unit,
                                  float(rng.randint(*hours)) if hours else None))


def case(chunk: Chunk, child: Person, opened: date, closed: date | None, rng: random.Random,
         placement: tuple[date, date | None] | None = None, support_measures: int = 1,
         crisis: tuple[str, date, date] | None = None,
         renewed_investigation: tuple[date, date] | None = None) -> None:
    """One case with its notifications, investigation and measures; `closed` None = still open.

    `crisis`: an extra measure (kode, start, planned end) that ends at the latest when the case closes.
    `renewed_investigation`: a second investigation (start, end) in the open case."""
    leaves = child.leaves()
    if leaves and leaves <= opened:
        return  # gone from the municipality before the case would open
    if leaves and (closed is None or closed > leaves):
        closed = leaves
    if closed is not None and closed > chunk.extract_date:
        closed = None
    case_id = chunk.new_id("BS")
    for _ in range(rng.choice((1, 1, 2, 3))):
        notification(chunk, child, opened - timedelta(days=rng.randint(0, 40)), rng)
    reason = None if closed is None else rng.choice(("FORMAAL_OPNAAET", "FORMAAL_OPNAAET", "FRAFLYTNING", "ANDET"))
    chunk.add("boern/sager", (case_id, child.cpr, opened, closed,
                              chunk.staff.assign("BOERN_FAMILIE", rng, opened), reason))
    investigated = opened + timedelta(days=rng.randint(40, 120))
    chunk.add("boern/undersoegelser", (case_id, opened, investigated if investigated <= chunk.extract_date else None))
    if renewed_investigation and (closed is None or renewed_investigation[0] < closed):
        start, end = renewed_investigation
        chunk.add("boern/undersoegelser", (case_id, start, end if end <= chunk.extract_date else None))
    for _ in range(support_measures):
        kode = rng.choices(SUPPORT, SUPPORT_WEIGHTS)[0]
        start = investigated + timedelta(days=rng.randint(1, 60))
        stop = start + years(rng.uniform(0.3, 2.5))
        measure(chunk, child, case_id, kode, start, stop if closed is None else min(stop, closed), rng)
    if crisis:
        kode, start, stop = crisis
        measure(chunk, child, case_id, kode, start, stop if closed is None else min(stop, closed), rng)
    if placement:
        start, end = placement
        measure(chunk, child, case_id, rng.choices(PLACEMENTS, PLACEMENT_WEIGHTS)[0], start, end, rng)
        adult = birthday(child.birth, 18)
        if end is not None and end >= adult - timedelta(days=1) and rng.random() < 0.5:
            measure(chunk, child, case_id, "EFTERVAERN", adult, adult + years(rng.uniform(0.5, 4)), rng)


def general_child(chunk: Chunk, child: Person) -> None:
    """Notifications at the child's risk rate; some open a case, a few of those end in placement."""
    rng = chunk.rng
    draw, tier = rng.random(), TIERS[0]
    for tier in TIERS:
        if draw < tier[0]:
            break
        draw -= tier[0]
    _, rate, open_chance, place_chance = tier
    day = max(child.arrives(), chunk.history_start - years(4))
    adult = birthday(child.birth, 18)
    stop = min(adult, child.leaves() or chunk.extract_date, chunk.extract_date)
    while True:
        day += years(rng.expovariate(rate))
        if day >= stop:
            return
        if rng.random() >= open_chance:
            notification(chunk, child, day, rng)
            continue
        opened = day + timedelta(days=rng.randint(1, 20))
        placement, closed = None, opened + years(rng.uniform(0.3, 2.5))
        if rng.random() < place_chance:
            start = opened + years(rng.uniform(0.2, 1))
            end = min(start + years(rng.uniform(0.5, 9)), adult - timedelta(days=1))
            placement, closed = (start, end if end <= chunk.extract_date else None), end + timedelta(days=30)
        case(chunk, child, opened, closed, rng, placement, rng.choice((0, 1, 1, 2)))
        day = closed if closed else stop
