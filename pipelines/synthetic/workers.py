"""Chunks of one municipality simulated and rendered on several cores, returned in chunk order.

A chunk's households depend only on its own random stream, but its CPR numbers depend on how many numbers every
earlier chunk issued for the same birth date and sex. So each chunk goes through two steps: a worker simulates it and
sends back who was born when; the parent issues their numbers in chunk order and sends them back; the worker renders
the chunk's lines. While the parent writes one chunk, the workers simulate the next ones, and the files are the same
bytes whatever the number of workers.
"""
from __future__ import annotations

import math
import multiprocessing
import random
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from pipelines.synthetic.calendar import years
from pipelines.synthetic.chunk import HISTORY_YEARS, Chunk
from pipelines.synthetic.cprnumbers import CprAllocator
from pipelines.synthetic.model import ProgrammeEffect
from pipelines.synthetic.simulate import simulate_chunk
from pipelines.synthetic.staff import StaffPools
from pipelines.synthetic.writer import Format, render

RESIDENTS_PER_CHUNK = 5000


@dataclass(frozen=True)
class MunicipalityPlan:
    """What every chunk of one municipality shares; `deliveries` are (as-of date, tables delivered) pairs."""

    kommunekode: str
    residents: int
    seed: int
    extract_date: date
    effect: ProgrammeEffect
    manifest_variant: str
    deliveries: tuple[tuple[date, frozenset[str]], ...]

    @property
    def chunks(self) -> int:
        return max(1, math.ceil(self.residents / RESIDENTS_PER_CHUNK))

    @property
    def history_start(self) -> date:
        return self.extract_date - years(HISTORY_YEARS)

    def staff(self) -> StaffPools:
        return StaffPools(self.kommunekode, self.residents, self.seed, self.history_start, self.extract_date)


@dataclass(frozen=True)
class ChunkOutput:
    """One chunk's residents on the extract date, persons in the register, truth, and per delivery its lines."""

    residents: int
    persons: int
    truth: dict[str, float]
    lines: list[dict[str, tuple[bytes, int]]]


@dataclass(frozen=True)
class WorkerFailure:
    traceback: str


class Simulation:
    def __init__(self, plan: MunicipalityPlan):
        self.plan, self.staff, self.fmt = plan, plan.staff(), Format(plan.manifest_variant)

    def simulate(self, index: int) -> tuple[Chunk, int]:
        """The chunk's households and how many of them live in the municipality on the extract date."""
        plan = self.plan
        rng = random.Random(f"helhed-{plan.seed}-{plan.kommunekode}-{index}")
        chunk = Chunk(plan.kommunekode, index, rng, self.staff, plan.extract_date, plan.history_start, plan.effect)
        share = plan.residents // plan.chunks + (1 if index < plan.residents % plan.chunks else 0)
        return chunk, simulate_chunk(chunk, share)

    def render(self, chunk: Chunk, residents: int, numbers: list[str]) -> ChunkOutput:
        chunk.number_persons(numbers)
        lines = [{table: render(table, rows, self.fmt, as_of) for table, rows in chunk.rows.items() if table in tables}
                 for as_of, tables in self.plan.deliveries]
        return ChunkOutput(residents, len(chunk.cprs), dict(chunk.truth), lines)


def requests(chunk: Chunk) -> list[tuple[date, str]]:
    """(birth date, sex) of every person of the chunk, in the order they were created."""
    return [(cpr.birth, cpr.sex) for cpr in chunk.cprs]


def chunk_outputs(plan: MunicipalityPlan, cprs: CprAllocator, workers: int) -> Iterator[ChunkOutput]:
    """Every chunk of the municipality, in order, numbered by `cprs`, simulated by `workers` processes."""
    if workers <= 1 or plan.chunks == 1:
        simulation = Simulation(plan)
        for index in range(plan.chunks):
            chunk, residents = simulation.simulate(index)
            yield simulation.render(chunk, residents, cprs.issue_all(requests(chunk)))
        return
    context = multiprocessing.get_context("spawn")
    pool = []
    try:
        for _ in range(min(workers, plan.chunks)):
            parent_end, worker_end = context.Pipe()
            process = context.Process(target=_serve, args=(worker_end, plan), daemon=True)
            process.start()
            worker_end.close()
            pool.append((parent_end, process))
        for index, (connection, _) in enumerate(pool):
            connection.send((index, None))
        for index in range(plan.chunks):
            connection = pool[index % len(pool)][0]
            connection.send((index, cprs.issue_all(_receive(connection))))
            if index + len(pool) < plan.chunks:
                connection.send((index + len(pool), None))
            yield _receive(connection)
    finally:
        for connection, process in pool:
            connection.close()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()


def _serve(connection, plan: MunicipalityPlan) -> None:
    """A worker: (index, None) simulates chunk `index`, (index, numbers) renders it; stops when the parent closes."""
    held = {}
    try:
        simulation = Simulation(plan)
        while True:
            try:
                index, numbers = connection.recv()
            except EOFError:
                return
            if numbers is None:
                held[index] = simulation.simulate(index)
                connection.send(requests(held[index][0]))
            else:
                connection.send(simulation.render(*held.pop(index), numbers))
    except Exception:  # noqa: BLE001 - the parent raises it with the worker's traceback
        connection.send(WorkerFailure(traceback.format_exc()))


def _receive(connection):
    try:
        message = connection.recv()
    except EOFError:
        raise RuntimeError("a generator worker stopped without answering (killed, or out of memory?)") from None
    if isinstance(message, WorkerFailure):
        raise RuntimeError(f"a generator worker failed:\n{message.traceback}")
    return message
