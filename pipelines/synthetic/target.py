"""The programme's target group: families with cases in the job centre, child welfare and adult care.

Each family has a reference date `start` (its enrolment start when it is enrolled). Its history
is drawn from member-level random streams, so the same family can be simulated with and without
the programme effect and differ only where the effect acts.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from pipelines.synthetic import adultcare, childwelfare, support
from pipelines.synthetic.calendar import between, weeks, years
from pipelines.synthetic.chunk import Chunk, Person
from pipelines.synthetic.model import ProgrammeEffect

# programme: (families per 1000 residents, earliest start, latest start (years before extract), duration)
# None: never-enrolled target families. Each mirrors a would-be enrolment of a programme drawn by the programmes'
# weights (its reference date and latent duration come from that programme's ranges), so the comparison pool has
# the enrolled families' crisis at reference dates spread over the same years; there are about 2.5 of them per
# enrolled family.
PROGRAMMES = {
    "Job og Familie": (1.3, 5.5, 3.0, (1.0, 2.5)),
    "Hel Familie": (0.5, 4.0, 1.5, (0.8, 2.0)),
    "CFU Casemanager": (1.0, 7.0, 0.3, (0.7, 3.0)),
    None: (7.0, None, None, None),
}
ENROLLED = [name for name in PROGRAMMES if name]
ENROLLED_WEIGHTS = [PROGRAMMES[name][0] for name in ENROLLED]
ON_SUPPORT = {"K": 0.77, "M": 0.59}
RUN_CHANCE, RETURN_CHANCE = 0.44, 0.55
OPEN_CASE, PLACED_AT_START, NEW_PLACEMENT = 0.84, 0.04, 0.06
# The crisis around the reference date, the same for enrolled and never-enrolled target families and independent of
# the programme effect: families come to a programme after a crisis that largely passes by itself.
# Adults off support: a crisis spell from 1-6 months before the reference date to 0.5-7 months after it.
CRISIS_SUPPORT, CRISIS_SUPPORT_BEFORE, CRISIS_SUPPORT_AFTER = 0.4, (1, 6), (0.5, 4)
CRISIS_BENEFITS, CRISIS_BENEFIT_WEIGHTS = ("KONTANTHJAELP", "SYGEDAGPENGE"), (60, 40)
# Children with an open case: an extra measure from 1-6 months before the reference date to 1-8 months after it.
CRISIS_CHILD, CRISIS_CHILD_BEFORE, CRISIS_CHILD_AFTER = 0.6, (1, 6), (0.5, 5)
CRISIS_MEASURES = ("AFLASTNING", "DAGBEHANDLING", "FAMILIEBEHANDLING", "KONTAKTPERSON")
CRISIS_MEASURE_WEIGHTS = (35, 15, 30, 20)
# The referral that the registers show: a renewed investigation (SEL § 50) in every child case open for 6 months
# or more, begun 1-3 months before the reference date and lasting 40-120 days.
RENEWED_INVESTIGATION_BEFORE, RENEWED_INVESTIGATION_DAYS, CASE_AGE_AT_RENEWAL = (1, 3), (40, 120), 6


@dataclass
class Family:
    programme: str | None
    start: date
    end: date
    adults: list[Person]
    children: list[Person]
    seed: str
    ref: str = ""
    runner: bool = False
    cprs: set[str] = field(default_factory=set)


def target_family(chunk: Chunk, programme: str | None) -> tuple[Family, list[Person]]:
    rng = chunk.rng
    _, earliest, latest, (short, long) = PROGRAMMES[programme or rng.choices(ENROLLED, ENROLLED_WEIGHTS)[0]]
    e = chunk.extract_date
    start = between(rng, e - years(earliest), e - years(latest))
    end = start + years(rng.uniform(short, long))
    mother_age = rng.uniform(30, 41) if rng.random() < 0.9 else rng.choice((rng.uniform(22, 30), rng.uniform(41, 50)))
    mother = chunk.person("K", start - years(mother_age))
    partner = chunk.person("M", mother.birth - years(abs(rng.gauss(2, 3))))
    single = rng.random() < 0.6
    count = rng.choices((1, 2, 3, 4), (45, 35, 15, 5))[0]
    oldest = min(17.5, mother_age - 19)
    children = [chunk.person(rng.choice("MK"), start - years(rng.uniform(0.5, oldest))) for _ in range(count)]
    address = chunk.new_id("ADR")
    arrival = None if rng.random() < 0.8 else start - years(rng.uniform(9, 11))
    arrival = arrival if arrival and arrival > chunk.history_start else None
    for person in [mother, partner, *children]:
        person.move_in = arrival if arrival and person.birth < arrival else None
        person.addresses.append([address, person.move_in or max(person.birth, start - years(rng.uniform(5, 15))), None])
        person.parents = [(mother, "MOR"), (partner, "FAR")] if person in children else []
    if single:
        split = start - years(rng.uniform(0.5, 6))
        partner.addresses = [[address, partner.addresses[0][1], split - timedelta(days=1)]] \
            if split > partner.addresses[0][1] else []
        partner.addresses.append([chunk.new_id("ADR"), split, None])
        if rng.random() < 0.08:  # a single father instead
            mother, partner = partner, mother
    adults = [mother] if single else [mother, partner]
    family = Family(programme, start, end if end <= e else e, adults, children,
                    f"{chunk.kommunekode}-{chunk.index}-{rng.getrandbits(64)}")
    family.cprs = {p.cpr for p in adults + children}
    return family, [mother, partner, *children]


def history(chunk: Chunk, family: Family, effect: ProgrammeEffect) -> None:
    """Support, child cases and adult measures of a target family around its reference date."""
    streams = [random.Random(f"{family.seed}-{i}") for i in range(len(family.adults) + len(family.children))]
    family.runner = False
    for adult, rng in zip(family.adults, streams):
        family.runner |= _adult(chunk, family, adult, rng, effect)
    referral = random.Random(f"{family.seed}-referral")
    investigated = family.start - months(referral.uniform(*RENEWED_INVESTIGATION_BEFORE))
    investigation = (investigated, investigated + timedelta(days=referral.randint(*RENEWED_INVESTIGATION_DAYS)))
    for child, rng in zip(family.children, streams[len(family.adults):]):
        _child(chunk, family, child, rng, effect, investigation)


def _adult(chunk: Chunk, family: Family, adult: Person, rng: random.Random, effect) -> bool:
    old = chunk.rng  # support.spell draws case holders from chunk.rng; use this adult's stream instead
    chunk.rng = rng
    try:
        return _adult_history(chunk, family, adult, rng, effect)
    finally:
        chunk.rng = old


def _adult_history(chunk: Chunk, family: Family, adult: Person, rng: random.Random, effect) -> bool:
    s = family.start
    if rng.random() < 0.35:
        adultcare.adult_measure(chunk, adult, s - years(rng.uniform(0, 2)), rng)
    on_support = rng.random() < ON_SUPPORT[adult.sex]
    crisis = not on_support and rng.random() < CRISIS_SUPPORT
    earliest = max(adult.arrives(), adult.birth + years(19.3))
    if on_support:
        attach = max(s - years(rng.uniform(0.3, 9.2)), earliest)
    elif crisis:
        attach = max(s - months(rng.uniform(*CRISIS_SUPPORT_BEFORE)), earliest)
    else:
        attach = s
    if rng.random() < 0.5:  # an earlier, separate spell: at least 10 weeks before the current period
        first = attach - weeks(rng.uniform(36, 150))
        if first > earliest:
            support.spell(chunk, adult, "KONTANTHJAELP", first, first + weeks(rng.uniform(10, 25)))
    if crisis:
        benefit = rng.choices(CRISIS_BENEFITS, CRISIS_BENEFIT_WEIGHTS)[0]
        support.spell(chunk, adult, benefit, attach, s + months(rng.uniform(*CRISIS_SUPPORT_AFTER)))
    if not on_support:
        return False
    return _support_path(chunk, family, adult, rng, effect, attach)


def _support_path(chunk, family, adult, rng, effect, attach) -> bool:
    s, end = family.start, family.end
    run = rng.random() < RUN_CHANCE + effect.support_exit * (1 - RUN_CHANCE)
    room = (end - s).days - 70
    exit_day = s + timedelta(days=max(7, round(rng.uniform(0.05, 0.6) * room * (1 - effect.support_exit))))
    back = rng.random() < RETURN_CHANCE * (1 - effect.support_exit)
    latest_back = end - timedelta(days=14)
    back_day = exit_day + weeks(6) + (latest_back - exit_day - weeks(6)) * rng.random()
    if not run or room < 30:
        support.chain(chunk, adult, attach, (end - attach) + years(rng.uniform(0.3, 3)))
        return False
    support.chain(chunk, adult, attach, exit_day - attach)
    if back and back_day <= end - timedelta(days=14):
        support.chain(chunk, adult, back_day, (end - back_day) + years(rng.uniform(0.3, 2)))
    return True


def _child(chunk: Chunk, family: Family, child: Person, rng: random.Random, effect,
           investigation: tuple[date, date]) -> None:
    s, end = family.start, family.end
    age = (s - child.birth).days / 365.25
    if rng.random() >= OPEN_CASE:
        if rng.random() < 0.4 and age > 3:
            opened = s - years(rng.uniform(1.5, min(age, 6)))
            childwelfare.case(chunk, child, opened, opened + years(rng.uniform(0.3, 1.2)), rng)
        return
    opened = s - years(min(rng.uniform(0.2, 3.4), max(age - 0.1, 0.1)))
    placed = rng.random() < PLACED_AT_START
    closes = rng.random() < (0.2 if placed else 0.55 if family.runner else 0.33)
    closed = between(rng, s + weeks(8), end - timedelta(days=1)) if closes and (end - s).days > 70 \
        else end + years(rng.uniform(0.2, 2.5))
    placement = (opened + years(0.25), closed) if placed and opened + years(0.25) < s else None
    new_start = between(rng, s + years(0.1), end - years(0.1)) if (end - s).days > 80 else None
    new_placement, avoided = rng.random() < NEW_PLACEMENT, rng.random() < effect.placement
    crisis = None
    if rng.random() < CRISIS_CHILD:
        kode = rng.choices(CRISIS_MEASURES, CRISIS_MEASURE_WEIGHTS)[0]
        begin = max(s - months(rng.uniform(*CRISIS_CHILD_BEFORE)), opened + timedelta(days=14))
        crisis = (kode, begin, s + months(rng.uniform(*CRISIS_CHILD_AFTER)))
    if not placement and not closes and new_start and new_placement:
        if avoided:
            chunk.truth["placements_avoided"] += 1
        else:
            placement = (new_start, closed)
    renewed = investigation if opened <= investigation[0] - months(CASE_AGE_AT_RENEWAL) else None
    childwelfare.case(chunk, child, opened, closed, rng, placement, rng.choice((1, 1, 2)), crisis, renewed)


def months(x: float) -> timedelta:
    return years(x / 12)
