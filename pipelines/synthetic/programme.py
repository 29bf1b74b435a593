"""Programme enrolment of target families: members, case manager, screenings, WHO-5, plan goals."""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from pipelines.synthetic import target
from pipelines.synthetic.calendar import weeks
from pipelines.synthetic.chunk import Chunk
from pipelines.synthetic.costs import family_cost
from pipelines.synthetic.model import NO_EFFECT

PREFIX = {"Job og Familie": "JF", "Hel Familie": "HF", "CFU Casemanager": "CFU"}
DOMAINS = ("TRIVSEL", "SKOLE_DAGTILBUD", "BESKAEFTIGELSE", "SUNDHED", "KRIMINALITET", "BOLIG", "NETVAERK")
SEVERE_FIRST, SEVERE_LAST_IF_SEVERE, SEVERE_LAST_IF_NOT = 0.5, 0.32, 0.04
GOAL_STATUSES = ("AABEN", "DELVIST_NAAET", "NAAET", "OPGIVET")


def simulate(chunk: Chunk, family: target.Family) -> None:
    """The family's history with the run's effect; for enrolled families also its cost during enrolment with and
    without the effect (the truth), from the same draws."""
    if not family.programme:
        target.history(chunk, family, NO_EFFECT)
        chunk.truth["never_enrolled_target_families"] += 1
        return
    without = None
    if not chunk.effect.is_zero:
        counters, real_rows = dict(chunk.counters), chunk.rows
        chunk.rows = defaultdict(list)
        target.history(chunk, family, NO_EFFECT)
        without = family_cost(chunk.rows, family.cprs, family.start, family.end, chunk.extract_date)
        counters_without = dict(chunk.counters)
        chunk.rows, chunk.counters = real_rows, defaultdict(int, counters)
    mark = {table: len(rows) for table, rows in chunk.rows.items()}
    target.history(chunk, family, chunk.effect)
    mine = {table: rows[mark.get(table, 0):] for table, rows in chunk.rows.items()}
    with_effect = family_cost(mine, family.cprs, family.start, family.end, chunk.extract_date)
    if without is None:
        without = with_effect
    else:
        for key, value in counters_without.items():  # later identifiers do not depend on the effect
            chunk.counters[key] = max(chunk.counters[key], value)
    chunk.truth[f"cost_without_effect_dkk:{family.programme}"] += without
    chunk.truth[f"cost_with_effect_dkk:{family.programme}"] += with_effect
    enrol(chunk, family)


def enrol(chunk: Chunk, family: target.Family) -> None:
    rng = random.Random(f"{family.seed}-programme")
    family.ref = chunk.new_id(PREFIX[family.programme] + "-")
    slut = family.end if family.end < chunk.extract_date else None
    manager = chunk.staff.assign("CASEMANAGER", rng, family.start)
    chunk.truth[f"enrolled:{family.programme}"] += 1
    for rolle, members in (("VOKSEN", family.adults), ("BARN", family.children)):
        for person in members:
            chunk.add("program/deltagelse", (family.ref, person.cpr, rolle, family.programme,
                                             family.start, slut, manager))
    if family.programme != "Job og Familie":
        _screenings(chunk, family, rng)
    _goals(chunk, family, rng)


def _screening_dates(family: target.Family, rng: random.Random) -> list[date]:
    dates, day = [], family.start + timedelta(days=rng.randint(0, 30))
    while day < family.end - timedelta(days=60):
        dates.append(day)
        day += timedelta(days=rng.randint(120, 200))
    return dates + [family.end - timedelta(days=rng.randint(0, 30))]


def _screenings(chunk: Chunk, family: target.Family, rng: random.Random) -> None:
    dates = _screening_dates(family, rng)
    for person in family.adults + family.children:
        severe_first = rng.random() < SEVERE_FIRST
        severe_last = rng.random() < (SEVERE_LAST_IF_SEVERE if severe_first else SEVERE_LAST_IF_NOT)
        for i, day in enumerate(dates):
            last = i == len(dates) - 1
            severe = severe_last if last else severe_first if i == 0 else rng.random() < 0.35
            worst = rng.choice(DOMAINS)
            for domain in DOMAINS:
                score = rng.randint(1, 2) if severe and domain == worst else rng.randint(3, 5)
                chunk.add("program/screeninger", (person.cpr, day, domain, score))
            if person in family.adults:
                who5 = min(100, max(0, round(rng.gauss(40 + 20 * i / len(dates), 15) / 4) * 4))
                chunk.add("program/who5", (person.cpr, day, who5))


def _goals(chunk: Chunk, family: target.Family, rng: random.Random) -> None:
    for _ in range(rng.randint(2, 5)):
        person = rng.choice(family.adults + family.children + [None])
        created = family.start + timedelta(days=rng.randint(0, 60))
        status = rng.choices(GOAL_STATUSES, (25, 30, 35, 10))[0]
        changed = None if status == "AABEN" else min(created + weeks(rng.uniform(8, 80)), family.end)
        chunk.add("program/maal", (family.ref, chunk.new_id("MAAL-"), person.cpr if person else None,
                                   rng.choice(DOMAINS), created, status, changed))
