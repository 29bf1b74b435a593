"""Four small published marts that agree with each other, written by hand, loaded into an in-memory DuckDB.

Municipality 0420, programme snapshot extracted 2023-03-20. Enrolments (program_families):
  F001 Hel Familie     2023-01-15 .. 2023-02-28  closed  2 adults, 1 child
  F001 Job og Familie  2023-02-01 .. 2023-03-20  open    1 adult,  1 child   (F001 in two programmes in February)
  F002 Hel Familie     2023-01-10 .. 2023-01-31  closed  1 adult,  0 children
family_month has the enrolled months, and for F001 in Hel Familie one month before (not enrolled).
program_outcomes: Hel Familie 2 enrolments, 3 adults, 1 child; Job og Familie 1, 1, 1; cohorts ALL and 2023.
"""
from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

HF, JF = "Hel Familie", "Job og Familie"


def program_families() -> pd.DataFrame:
    return pd.DataFrame({
        "kommunekode": ["0420", "0420", "0420"],
        "family_id": ["0420-F001", "0420-F001", "0420-F002"],
        "familie_ref": ["F001", "F001", "F002"],
        "program": [HF, JF, HF],
        "enrolment_start": [date(2023, 1, 15), date(2023, 2, 1), date(2023, 1, 10)],
        "enrolment_end": [date(2023, 2, 28), date(2023, 3, 20), date(2023, 1, 31)],
        "is_open": [False, True, False],
        "n_adults": [2, 1, 1],
        "n_children": [1, 1, 0],
        "goals_n": [4, 2, 1],
        "goals_open_n": [1, 2, 0],
        "goals_partly_reached_n": [0, 0, 0],
        "goals_reached_n": [3, 0, 1],
        "goals_given_up_n": [0, 0, 0],
        "cost_year_before_dkk": [420000.0, 0.0, 12000.0],
        "cost_per_year_during_dkk": [180000.5, 95000.0, 30000.0],
    })


def family_month() -> pd.DataFrame:
    return pd.DataFrame({
        "kommunekode": ["0420"] * 6,
        "family_id": ["0420-F001"] * 5 + ["0420-F002"],
        "program": [HF, HF, HF, JF, JF, HF],
        "month": [date(2022, 12, 1), date(2023, 1, 1), date(2023, 2, 1), date(2023, 2, 1), date(2023, 3, 1),
                  date(2023, 1, 1)],
        "is_enrolled": [False, True, True, True, True, True],
        "n_members": [3, 3, 3, 2, 2, 1],
        "n_adults": [2, 2, 2, 1, 1, 1],
        "n_children": [1, 1, 1, 1, 1, 0],
        "placement_days": [0, 0, 28, 28, 20, 0],
        # 0.1 + 0.2 is not exactly 0.3 in doubles; the check must allow for that.
        "cost_income_support_dkk": [0.1, 4000.0, 4000.0, 4000.0, 2600.0, 0.0],
        "cost_child_measures_dkk": [0.2, 0.0, 56000.0, 56000.0, 40000.0, 0.0],
        "cost_placements_dkk": [0.0] * 6,
        "cost_adult_measures_dkk": [0.0, 0.0, 1500.25, 0.0, 0.0, 0.0],
        "cost_total_dkk": [0.3, 4000.0, 61500.25, 60000.0, 42600.0, 0.0],
    })


def program_outcomes() -> pd.DataFrame:
    return pd.DataFrame({
        "kommunekode": ["0420"] * 4,
        "program": [HF, HF, JF, JF],
        "cohort": ["ALL", "2023", "ALL", "2023"],
        "n_families": [2, 2, 1, 1],
        "n_adults": [3, 3, 1, 1],
        "n_children": [1, 1, 1, 1],
        "adults_on_support_at_start_pct": [200 / 3, 200 / 3, 100.0, 100.0],  # 2 of 3, 1 of 1
        "adults_on_support_at_start_pct_denominator": [3, 3, 1, 1],
        "children_open_case_at_start_pct": [100.0, 100.0, 0.0, 0.0],
        "children_open_case_at_start_pct_denominator": [1, 1, 1, 1],
        "children_case_years_at_start_avg": [1.7, 1.7, None, None],  # no child with an open case: NULL over 0
        "children_case_years_at_start_avg_denominator": [1, 1, 0, 0],
        "families_single_adult_pct": [50.0, 50.0, 100.0, 100.0],
        "families_single_adult_pct_denominator": [2, 2, 1, 1],
        "cost_per_family_year_during_dkk": [105000.25, 105000.25, 95000.0, 95000.0],
        "cost_per_family_year_during_dkk_denominator": [2, 2, 1, 1],
        "adults_in_work_at_end_n": [1, 1, 0, 0],
    })


INDICATOR_UNITS = {
    "n_families": "n", "n_adults": "n", "n_children": "n", "adults_on_support_at_start_pct": "pct",
    "children_open_case_at_start_pct": "pct", "children_case_years_at_start_avg": "years",
    "families_single_adult_pct": "pct", "cost_per_family_year_during_dkk": "dkk", "adults_in_work_at_end_n": "n",
}


def indicators() -> pd.DataFrame:
    return pd.DataFrame({
        "indicator_id": list(INDICATOR_UNITS),
        "label_da": [f"Etiket {i}" for i in range(len(INDICATOR_UNITS))],
        "unit": list(INDICATOR_UNITS.values()),
        "seed_figure": ["15 familier"] + [None] * (len(INDICATOR_UNITS) - 1),
        "seed_source": ["Assens, Hel Familie"] + [None] * (len(INDICATOR_UNITS) - 1),
        "seed_program": [HF] + [None] * (len(INDICATOR_UNITS) - 1),
    })


TABLES = {
    "program_outcomes": program_outcomes, "program_families": program_families,
    "family_month": family_month, "indicators": indicators,
}


def warehouse(**replaced: pd.DataFrame) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema analytics")
    for name, make in TABLES.items():
        frame = replaced.get(name, make())
        con.register("frame", frame)
        con.execute(f"create table analytics.{name} as select * from frame")
        con.unregister("frame")
    return con
