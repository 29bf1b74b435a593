"""What an evaluator would check by hand: do the marts agree with each other, and are the figures possible?

Each row check is a SQL condition, true for a good row, over the row `t` of its mart; it may read the other
marts. The suite gets one column `check__<name>` per check: NULL where the row passes, otherwise the row's key
as text, so a failure's examples name the rows to look at. They run in the expectation suites (not as dbt
tests) so that their results are kept in audit.expectation_results with the rest, graded blocking or warning,
and shown by `helhed quality`; dbt's own tests stop the build without leaving a record in the warehouse.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from .marts import PUBLISHED_SCHEMA as SCHEMA

CHECK_PREFIX = "check__"
# A share is a count over its denominator: share × denominator / 100 is a whole number up to rounding.
WHOLE_TOLERANCE = 1e-6
UNIT_BY_SUFFIX = {"_pct": "pct", "_avg": "years", "_dkk": "dkk", "_n": "n"}
# A rate named by what it is per, wherever that stands in the name (`measures_per_child_month_before`).
UNIT_BY_INFIX = {"_per_child_month": "per_child_month", "_dkk_ci_": "dkk"}


@dataclass(frozen=True)
class RowCheck:
    name: str
    condition: str
    blocking: bool

    @property
    def column(self) -> str:
        return CHECK_PREFIX + self.name


def _same_family(other: str) -> str:
    return f"{other}.family_id = t.family_id and {other}.program = t.program"


_ENROLMENTS = f"from {SCHEMA}.program_families as p where {_same_family('p')}"
_ENROLMENT_MONTHS = (
    f"from {SCHEMA}.family_month as m where {_same_family('m')}"
    " and m.month between date_trunc('month', t.enrolment_start) and date_trunc('month', t.enrolment_end)"
)
_COHORT_ENROLMENTS = (
    f"from {SCHEMA}.program_families as p where p.kommunekode = t.kommunekode and p.program = t.program"
    " and t.cohort in ('ALL', cast(year(p.enrolment_start) as varchar))"
)



def _unit_by_name(column: str) -> str:
    """The unit an indicator's name implies (`n_families` is a count, like `adults_in_work_at_end_n`)."""
    cases = " ".join(f"when ends_with({column}, '{suffix}') then '{unit}'" for suffix, unit in UNIT_BY_SUFFIX.items())
    cases += "".join(f" when contains({column}, '{infix}') then '{unit}'" for infix, unit in UNIT_BY_INFIX.items())
    return f"case {cases} when starts_with({column}, 'n_') then 'n' end"


ROW_CHECKS = {
    "family_month": [
        RowCheck("enrolment_in_program_families", f"exists (select 1 {_ENROLMENTS})", True),
        # The month counts as enrolled when an enrolment covers its status date: its last day, or the extract
        # date (not published) in the month running on it. So: enrolled → an enrolment overlaps the month;
        # not enrolled → no enrolment covers its last day.
        RowCheck(
            "is_enrolled_agrees_with_program_families",
            f"""case when t.is_enrolled
                then exists (select 1 {_ENROLMENTS}
                             and p.enrolment_start <= last_day(t.month) and p.enrolment_end >= t.month)
                else not exists (select 1 {_ENROLMENTS}
                                 and last_day(t.month) between p.enrolment_start and p.enrolment_end)
            end""",
            True,
        ),
        RowCheck(
            "month_within_family_window",
            f"""t.month >= (select date_trunc('month', min(p.enrolment_start)) - interval 12 month {_ENROLMENTS})
            and t.month <= (select date_trunc('month', max(p.enrolment_end)) {_ENROLMENTS})""",
            True,
        ),
    ],
    "program_families": [
        RowCheck(
            "every_month_in_family_month",
            f"(select count(*) {_ENROLMENT_MONTHS})"
            " = datediff('month', t.enrolment_start, t.enrolment_end) + 1",
            True,
        ),
        # An enrolment is made of member rows, so each of its months has a member of the family.
        RowCheck("members_in_every_month", f"(select coalesce(min(m.n_members), 0) {_ENROLMENT_MONTHS}) >= 1", True),
        # Legitimate (a member over 64 alone), but such an enrolment adds nothing to any share.
        RowCheck("adults_or_children", "t.n_adults + t.n_children >= 1", False),
        RowCheck(
            "counted_in_program_outcomes",
            f"""(select count(*) from {SCHEMA}.program_outcomes as o
                 where o.kommunekode = t.kommunekode and o.program = t.program
                 and o.cohort in ('ALL', cast(year(t.enrolment_start) as varchar))) = 2""",
            True,
        ),
    ],
    "program_outcomes": [
        RowCheck(
            "counts_agree_with_program_families",
            f"""t.n_families = (select count(*) {_COHORT_ENROLMENTS})
            and t.n_adults = (select coalesce(sum(p.n_adults), 0) {_COHORT_ENROLMENTS})
            and t.n_children = (select coalesce(sum(p.n_children), 0) {_COHORT_ENROLMENTS})""",
            True,
        ),
    ],
    "indicators": [
        RowCheck("unit_agrees_with_name", f"t.unit = {_unit_by_name('t.indicator_id')}", True),
    ],
}


def share_checks(columns) -> list[RowCheck]:
    """A `<x>_pct` with a `<x>_pct_denominator` must be a whole count out of that denominator."""
    return [
        RowCheck(
            f"{column}_whole_count",
            f"{column} is null or abs({column} * {column}_denominator / 100"
            f" - round({column} * {column}_denominator / 100)) < {WHOLE_TOLERANCE}",
            True,
        )
        for column in columns
        if column.endswith("_pct") and f"{column}_denominator" in columns
    ]


def row_checks(table: str, columns) -> list[RowCheck]:
    return ROW_CHECKS.get(table, []) + share_checks(columns)


def checked_query(table: str, key, checks: list[RowCheck]) -> str:
    """The mart's rows with one `check__` column per check: NULL where it passes, else the row's key."""
    label = "concat_ws(' ', " + ", ".join(f't."{column}"' for column in key) + ")"
    selected = ["t.*"] + [
        f'case when coalesce(({check.condition}), false) then null else {label} end as "{check.column}"'
        for check in checks
    ]
    return f'select {", ".join(selected)} from {SCHEMA}."{table}" as t'


def checked_frame(con, table: str, key, checks: list[RowCheck]) -> pd.DataFrame:
    """The mart with its check columns; when a check cannot run (a column it reads is gone), every row of every
    check fails with the database's message, so the suite blocks and says why."""
    try:
        return con.execute(checked_query(table, key, checks)).df()
    except duckdb.Error as error:
        frame = con.execute(f'select * from {SCHEMA}."{table}"').df()
        return frame.assign(**{check.column: f"check failed to run: {error}" for check in checks})


def indicator_columns(con, key) -> list[str]:
    """The indicator columns of program_outcomes: all but its key and the denominators."""
    columns = con.execute(
        "select column_name from information_schema.columns"
        f" where table_schema = '{SCHEMA}' and table_name = 'program_outcomes' and data_type <> 'VARCHAR'"
        " order by ordinal_position"
    ).fetchall()
    return [c for (c,) in columns if c not in key and not c.endswith("_denominator")]
