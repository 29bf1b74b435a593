"""Simulate one chunk of households: every person's register entry and case history."""
from __future__ import annotations

from datetime import date

from pipelines.synthetic import adultcare, childwelfare, household, police_school, programme, support, target
from pipelines.synthetic.calendar import birthday
from pipelines.synthetic.chunk import Chunk, Person
from pipelines.synthetic.register import register, resident_on

TARGET_PER_1000 = sum(p[0] for p in target.PROGRAMMES.values())
NAMES = list(target.PROGRAMMES)
WEIGHTS = [p[0] for p in target.PROGRAMMES.values()]


def simulate_chunk(chunk: Chunk, residents: int) -> int:
    """Add households until `residents` live in the municipality on the extract date."""
    living, targets_due = 0, 0.0
    while living < residents:
        targets_due += TARGET_PER_1000 / 1000 * 2.1
        if targets_due >= 1:
            targets_due -= 1
            family, members = target.target_family(chunk, chunk.rng.choices(NAMES, WEIGHTS)[0])
            programme.simulate(chunk, family)
            _optional_sources(chunk, members, vulnerable=True)
        else:
            members = household.household(chunk)
            _general(chunk, members)
            _optional_sources(chunk, members, vulnerable=False)
        register(chunk, members)
        living += sum(resident_on(p, chunk.extract_date) for p in members)
    return living


def _general(chunk: Chunk, members: list[Person]) -> None:
    births: dict[str, list[date]] = {}
    for person in members:
        for parent, _ in person.parents:
            births.setdefault(parent.cpr, []).append(person.birth)
    for person in members:
        if birthday(person.birth, 18) > chunk.history_start:
            childwelfare.general_child(chunk, person)
        support.general_history(chunk, person, [b for b in births.get(person.cpr, []) if b >= chunk.history_start])
        adultcare.general_adult(chunk, person)


def _optional_sources(chunk: Chunk, members: list[Person], vulnerable: bool) -> None:
    for person in members:
        police_school.police(chunk, person, 0.35 if vulnerable else 0.03)
        police_school.school(chunk, person, 0.09 if vulnerable else 0.04)
