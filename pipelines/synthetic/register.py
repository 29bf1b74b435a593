"""CPR register rows (personer, relationer, husstande) for simulated persons."""
from __future__ import annotations

from datetime import timedelta

from pipelines.synthetic.calendar import years
from pipelines.synthetic.chunk import Chunk, Person


def register(chunk: Chunk, persons: list[Person]) -> None:
    for person in persons:
        leaves = person.leaves()
        chunk.add("cpr/personer", (person.cpr, person.sex, person.birth, person.move_in, person.move_out, person.death))
        for parent, relation in person.parents:
            since = person.birth + years(chunk.rng.uniform(0.5, 6)) if relation == "ADOPTIV" else person.birth
            chunk.add("cpr/relationer", (person.cpr, parent.cpr, relation, since, None))
        for address, since, until in person.addresses:
            if leaves and since >= leaves:
                continue
            if leaves and (until is None or until >= leaves):
                until = leaves - timedelta(days=1) if person.move_out == leaves else leaves
            chunk.add("cpr/husstande", (person.cpr, address, since, until))


def resident_on(person: Person, day) -> bool:
    leaves = person.leaves()
    return person.arrives() <= day and (leaves is None or leaves > day)
