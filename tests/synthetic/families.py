"""Target families simulated one by one, outside a landing: each with the rows its history wrote."""
from __future__ import annotations

import random
from datetime import date

from pipelines.synthetic import programme, target
from pipelines.synthetic.calendar import years
from pipelines.synthetic.chunk import HISTORY_YEARS, Chunk
from pipelines.synthetic.model import NO_EFFECT, ProgrammeEffect
from pipelines.synthetic.staff import StaffPools


def simulate_families(kind: str | None, count: int, extract_date: date, seed: int = 1,
                      effect: ProgrammeEffect = NO_EFFECT) -> tuple[Chunk, list[tuple[target.Family, dict]]]:
    """`count` target families of programme `kind` (None: never enrolled), each with its own rows."""
    history_start = extract_date - years(HISTORY_YEARS)
    staff = StaffPools("420", 100_000, seed, history_start, extract_date)
    chunk = Chunk("420", 0, random.Random(f"families-{seed}"), staff, extract_date, history_start, effect)
    families = []
    for _ in range(count):
        family, _ = target.target_family(chunk, kind)
        mark = {table: len(rows) for table, rows in chunk.rows.items()}
        programme.simulate(chunk, family)
        families.append((family, {table: rows[mark.get(table, 0):] for table, rows in chunk.rows.items()}))
    return chunk, families
