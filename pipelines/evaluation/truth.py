"""The published saving per municipality × programme, beside the generator's truth if known (docs/evaluation.md)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class SavingAgainstTruth:
    kommunekode: str
    program: str
    enrolments: int
    comparison_families: int
    estimate_dkk: Decimal
    ci_low_dkk: Decimal
    ci_high_dkk: Decimal
    naive_dkk: Decimal
    true_dkk: Decimal | None

    @property
    def covers_truth(self) -> bool:
        return self.true_dkk is not None and self.ci_low_dkk <= self.true_dkk <= self.ci_high_dkk

    @property
    def excludes_zero(self) -> bool:
        return not self.ci_low_dkk <= 0 <= self.ci_high_dkk


def savings_against_truth(warehouse: Path, truth_file: Path | None = None) -> list[SavingAgainstTruth]:
    truth = json.loads(Path(truth_file).read_text(encoding="utf-8")) if truth_file else None
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "SELECT kommunekode, program, n_families, comparison_families_n, cost_saving_dkk, "
            "cost_saving_dkk_ci_low, cost_saving_dkk_ci_high, cost_saving_naive_dkk "
            "FROM analytics.program_outcomes WHERE cohort = 'ALL' ORDER BY kommunekode, program").fetchall()
    finally:
        con.close()
    return [SavingAgainstTruth(*row[:8], _true_saving(truth, row[0], row[1])) for row in rows]


def _true_saving(truth: dict | None, kommunekode: str, program: str) -> Decimal | None:
    if truth is None:
        return None
    programme = truth["municipalities"][kommunekode]["programmes"][program]
    return Decimal(str(programme["true_saving_dkk"]))


def _dkk(value: Decimal | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def format_savings(rows: list[SavingAgainstTruth]) -> str:
    """The saving against a comparison group; the generator's truth when known; the naive before/during figure."""
    lines = [f"{'kommune':8}{'programme':18}{'saving (DKK)':>14}{'95 % interval':>28}{'true saving':>14}"
             f"{'naive':>14}"]
    for r in rows:
        interval = f"[{_dkk(r.ci_low_dkk)}; {_dkk(r.ci_high_dkk)}]"
        lines.append(f"{r.kommunekode:8}{r.program:18}{_dkk(r.estimate_dkk):>14}{interval:>28}"
                     f"{_dkk(r.true_dkk):>14}{_dkk(r.naive_dkk):>14}")
    return "\n".join(lines)
