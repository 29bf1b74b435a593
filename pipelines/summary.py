"""The operator's end-of-run summary, read from the published warehouse (read-only)."""
from __future__ import annotations

from pathlib import Path

import duckdb

HEADLINES = [
    ("n_families", "families", "{:.0f}"),
    ("adults_on_support_at_start_pct", "adults on support at start", "{:.0f} %"),
    ("adults_support_years_before_start_avg", "years on support before", "{:.1f}"),
    ("children_open_case_at_start_pct", "children with open case", "{:.0f} %"),
    ("adults_self_supporting_run_pct", "self-supporting run", "{:.0f} %"),
    ("children_case_closed_pct", "child cases closed", "{:.0f} %"),
    ("cost_per_family_year_during_dkk", "DKK per family-year", "{:,.0f}"),
]


def _cell(value, fmt: str) -> str:
    return "–" if value is None else fmt.format(value)


def outcomes_table(warehouse: Path) -> str:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns = ", ".join(column for column, _, _ in HEADLINES)
        rows = con.execute(
            f"SELECT kommunekode, program, {columns} FROM analytics.program_outcomes "
            "WHERE cohort = 'ALL' ORDER BY kommunekode, program"
        ).fetchall()
        loads = con.execute(
            "SELECT count(*) FILTER (status = 'loaded'), count(*) FILTER (status = 'rejected'), "
            "(SELECT coalesce(sum(rows_quarantined), 0) FROM audit.file_loads) FROM audit.snapshots"
        ).fetchone()
    finally:
        con.close()
    header = ["kommune", "programme"] + [label for _, label, _ in HEADLINES]
    body = [[r[0], r[1]] + [_cell(v, fmt) for v, (_, _, fmt) in zip(r[2:], HEADLINES)] for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *body)]
    lines = ["  ".join(str(x).ljust(w) for x, w in zip(line, widths)) for line in [header, *body]]
    lines.append(f"snapshots loaded: {loads[0]}, rejected: {loads[1]}; rows in quarantine: {loads[2]}")
    return "\n".join(lines)
