"""Everything one chunk of households shares while it is simulated."""
from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from pipelines.synthetic.cprnumbers import PendingCpr
from pipelines.synthetic.model import ProgrammeEffect
from pipelines.synthetic.staff import StaffPools

HISTORY_YEARS = 12


class Person:
    __slots__ = ("cpr", "sex", "birth", "move_in", "move_out", "death", "addresses", "parents")

    def __init__(self, cpr: PendingCpr, sex: str, birth: date):
        self.cpr, self.sex, self.birth = cpr, sex, birth
        self.move_in = self.move_out = self.death = None
        self.addresses: list[list] = []
        self.parents: list[tuple[Person, str]] = []

    def leaves(self) -> date | None:
        ends = [d for d in (self.move_out, self.death) if d]
        return min(ends) if ends else None

    def arrives(self) -> date:
        return self.move_in or self.birth


@dataclass
class Chunk:
    kommunekode: str
    index: int
    rng: random.Random
    staff: StaffPools
    extract_date: date
    history_start: date
    effect: ProgrammeEffect
    rows: dict[str, list[tuple]] = field(default_factory=lambda: defaultdict(list))
    truth: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    counters: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    cprs: list[PendingCpr] = field(default_factory=list)

    def new_id(self, prefix: str) -> str:
        """Identifiers whose digit runs letters keep apart, so no size of municipality makes them CPR-shaped.

        The loader masks CPR-shaped text in every column: `420-1023-12345` (chunk 1023 of a national run) reads as
        20-10-23-1234 and would be masked, and every such identifier would become the same value.
        """
        self.counters[prefix] += 1
        return f"{prefix}{self.kommunekode}c{self.index}n{self.counters[prefix]:04d}"

    def person(self, sex: str, birth: date) -> Person:
        self.cprs.append(PendingCpr(birth, sex))
        return Person(self.cprs[-1], sex, birth)

    def number_persons(self, numbers: list[str]) -> None:
        """Give every person the CPR number issued for them, in the order they were created."""
        for cpr, number in zip(self.cprs, numbers, strict=True):
            cpr.number = number

    def add(self, table: str, row: tuple) -> None:
        self.rows[table].append(row)
