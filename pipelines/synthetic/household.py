"""Households of the general population and their CPR register history."""
from __future__ import annotations

from datetime import date, timedelta

from pipelines.synthetic.calendar import between, birthday, years
from pipelines.synthetic.chunk import Chunk, Person

# kind: (weight, adult age range, couple?, children?)
KINDS = {
    "young_single": (10, (18, 30), False, False),
    "single": (14, (30, 65), False, False),
    "couple": (12, (25, 65), True, False),
    "family": (22, (25, 52), True, True),
    "single_parent": (7, (22, 52), False, True),
    "elderly_single": (14, (65, 96), False, False),
    "elderly_couple": (12, (65, 92), True, False),
}
SHARE_LEFT = 0.10  # households that moved out during the history window


def household(chunk: Chunk) -> list[Person]:
    """One household: its members with births, moves, partners, children leaving home, deaths."""
    rng = chunk.rng
    kind = rng.choices(list(KINDS), [k[0] for k in KINDS.values()])[0]
    _, (low, high), couple, with_children = KINDS[kind]
    left = rng.random() < SHARE_LEFT
    ref = between(rng, chunk.history_start, chunk.extract_date) if left else chunk.extract_date
    arrival = None if rng.random() < 0.6 else between(rng, chunk.history_start, ref)
    first_sex = "K" if (with_children and not couple and rng.random() < 0.88) else rng.choice("MK")
    first = chunk.person(first_sex, ref - years(rng.uniform(low, high)))
    adults = [first]
    if couple or with_children:
        other_sex = "M" if first_sex == "K" else "K"
        adults.append(chunk.person(other_sex, first.birth - years(rng.gauss(2, 3))))
    children = _children(chunk, first if first_sex == "K" else adults[-1], ref) if with_children else []
    for child in children:
        mother, father = (first, adults[1]) if first_sex == "K" else (adults[1], first)
        child.parents = [(mother, "MOR"), (father, "FAR")]
    members = adults + children
    address = chunk.new_id("ADR")
    for person in members:
        _settle(chunk, person, address, arrival, ref)
    if with_children and len(adults) == 2 and (not couple or rng.random() < 0.15):
        _separate(chunk, adults, children, ref)
    members = adults + children
    for child in children:
        _leave_home(chunk, child, ref)
    if kind.startswith("elderly"):
        _deaths(chunk, adults, ref)
    if left:
        for person in members:
            if person.leaves() is None:
                person.move_out = ref
    return members


def _children(chunk: Chunk, mother: Person, ref: date) -> list[Person]:
    rng = chunk.rng
    mother_age = (ref - mother.birth).days / 365.25
    oldest = min(mother_age - 19, 23)
    if oldest < 0.1:
        return []
    count = rng.choices((1, 2, 3, 4), (35, 42, 18, 5))[0]
    return [chunk.person(rng.choice("MK"), ref - years(rng.uniform(0.05, oldest))) for _ in range(count)]


def _settle(chunk: Chunk, person: Person, address: str, arrival: date | None, ref: date) -> None:
    if person.birth >= (arrival or date.min):
        since = person.birth
    else:
        person.move_in = arrival
        since = arrival or max(person.birth, ref - years(chunk.rng.uniform(0, 30)))
    person.addresses.append([address, since, None])


def _separate(chunk: Chunk, adults: list[Person], children: list[Person], ref: date) -> None:
    """The second adult (the father) leaves the child's home; sometimes a new partner moves in."""
    rng = chunk.rng
    mother, father = (adults if adults[0].sex == "K" else adults[::-1])
    if rng.random() < 0.02 and children:
        children[0].parents[1] = (father, "ADOPTIV")
    youngest = max(c.birth for c in children) if children else ref - years(5)
    split = between(rng, youngest, ref)
    if split <= father.addresses[0][1]:
        return
    father.addresses[-1][2] = split - timedelta(days=1)
    if rng.random() < 0.65:
        father.addresses.append([chunk.new_id("ADR"), split, None])
    else:
        father.move_out = split
    if rng.random() < 0.4 and (ref - split).days > 200:
        moved_in = between(rng, split + timedelta(days=180), ref)
        partner = chunk.person("M" if mother.sex == "K" else "K", mother.birth - years(rng.gauss(2, 4)))
        partner.move_in = moved_in if rng.random() < 0.5 else None
        partner.addresses.append([mother.addresses[-1][0], moved_in, None])
        adults.append(partner)


def _leave_home(chunk: Chunk, child: Person, ref: date) -> None:
    rng = chunk.rng
    out = birthday(child.birth, 18) + years(rng.uniform(0, 2.5))
    if out >= ref or out <= child.addresses[-1][1]:
        return
    child.addresses[-1][2] = out - timedelta(days=1)
    if rng.random() < 0.65:
        child.addresses.append([chunk.new_id("ADR"), out, None])
    else:
        child.move_out = out


def _deaths(chunk: Chunk, adults: list[Person], ref: date) -> None:
    rng = chunk.rng
    for person in adults:
        age = (ref - person.birth).days / 365.25
        if rng.random() < min(0.9, 0.004 * 1.1 ** (age - 60)):
            person.death = between(rng, max(chunk.history_start, ref - years(6)), ref)
