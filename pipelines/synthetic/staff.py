"""Caseworkers per department: slots held by successive workers over time."""
from __future__ import annotations

import bisect
import random
from datetime import date, timedelta

from pipelines.synthetic.calendar import years

RESIDENTS_PER_WORKER = {"JOBCENTER": 700, "BOERN_FAMILIE": 1100, "VOKSEN": 2500, "CASEMANAGER": 3000}
PREFIX = {"JOBCENTER": "SBJ", "BOERN_FAMILIE": "SBB", "VOKSEN": "SBV", "CASEMANAGER": "CM"}


class StaffPools:
    def __init__(self, kommunekode: str, residents: int, seed: int, first: date, last: date):
        rng = random.Random(f"staff-{seed}-{kommunekode}")
        self.rows: list[tuple] = []
        self._slots: dict[str, list[tuple[list[date], list[str]]]] = {}
        for afdeling, per in RESIDENTS_PER_WORKER.items():
            count = max(2, round(residents / per))
            self._slots[afdeling] = [self._slot(rng, afdeling, kommunekode, first, last) for _ in range(count)]

    def _slot(self, rng, afdeling, kommunekode, first, last):
        starts, ids = [], []
        day = first - years(rng.uniform(0, 6))
        while day <= last:
            worker = f"{PREFIX[afdeling]}{kommunekode}-{len(self.rows) + 1:04d}"
            end = day + years(rng.uniform(1.5, 9))
            self.rows.append((worker, afdeling, day, end if end <= last else None))
            starts.append(day)
            ids.append(worker)
            day = end + timedelta(days=1)
        return starts, ids

    def assign(self, afdeling: str, rng: random.Random, day: date) -> str:
        starts, ids = rng.choice(self._slots[afdeling])
        return ids[max(0, bisect.bisect_right(starts, day) - 1)]
