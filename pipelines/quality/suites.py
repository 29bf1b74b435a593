"""Great Expectations suites for the published marts, as code, and the function that runs one.

Every expectation carries `meta={"blocking": ...}`: a failed blocking expectation keeps the
night's build from being published, a failed warning is only recorded. The tables and their keys
come from dbt (marts.py); column groups are found by name (`*_pct`, `*_dkk`, ...), so a new
indicator is checked without editing this file; checks across the marts are in semantics.py.

Great Expectations takes seconds to import and Dagster imports this module on every start,
so it is imported on first use. Its SQL data source fails over DuckDB, so a table is read
into pandas and validated in memory by one ephemeral context per process.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

import pandas as pd

from pipelines.quality.marts import PUBLISHED_SCHEMA as SCHEMA
from pipelines.quality.marts import published_keys, tables_that_may_be_empty
from pipelines.quality.results import result_row
from pipelines.quality.semantics import RowCheck, checked_frame, indicator_columns, row_checks

# Above this a family's cost is implausible (the costliest cases in the calibration,
# court-ordered placements, cost about 5.7 M DKK a year): a warning, not a stop.
PLAUSIBLE_DKK_PER_FAMILY_YEAR = 10_000_000
# Money columns are per family-year except in the marts listed here.
PLAUSIBLE_DKK = {"family_month": PLAUSIBLE_DKK_PER_FAMILY_YEAR / 12}
COST_COMPONENTS = {
    "cost_total_dkk": ("cost_income_support_dkk", "cost_child_measures_dkk", "cost_placements_dkk",
                       "cost_adult_measures_dkk"),
}
# Totals are compared with a tolerance: a sum of doubles is not exact, and the marts may
# round each amount to øre.
SUM_TOLERANCE_DKK = 0.05
BOOLEAN_DTYPES = ["bool", "BooleanDtype"]
NOT_SMALLER_THAN = [("enrolment_end", "enrolment_start"), ("goals_n", "goals_reached_n")]
COHORT_PATTERN = r"^(?:ALL|[0-9]{4})$"


@dataclass
class Rule:
    expectation: str  # class name in great_expectations.expectations
    kwargs: dict
    blocking: bool
    only_where_zero: str | None = None  # check only the rows where this column is 0


@dataclass
class TableValidation:
    table: str  # schema-qualified, e.g. analytics.family_month
    suite: str
    success: bool  # every expectation passed, warnings included
    blocking_failures: list[str]
    warning_failures: list[str]
    rows: list[dict]


def minus_components_column(total: str) -> str:
    return f"{total}__minus_components"


def day_of_month_column(date_column: str) -> str:
    return f"{date_column}__day_of_month"


def rules_for(table: str, columns, key) -> list[Rule]:
    rules = [] if table in tables_that_may_be_empty() else [
        Rule("ExpectTableRowCountToBeBetween", {"min_value": 1}, True)]
    rules += [Rule("ExpectColumnValuesToNotBeNull", {"column": column}, True) for column in key]
    rules.append(_unique_rule(key))
    for column in columns:
        rules += _column_rules(column, PLAUSIBLE_DKK.get(table, PLAUSIBLE_DKK_PER_FAMILY_YEAR))
    return rules + _derived_column_rules(columns) + _warning_only_rules(columns)


def _unique_rule(key) -> Rule:
    if len(key) == 1:
        return Rule("ExpectColumnValuesToBeUnique", {"column": key[0]}, True)
    return Rule("ExpectCompoundColumnsToBeUnique", {"column_list": list(key)}, True)


def cross_table_rules(con, table: str, checks: list[RowCheck]) -> list[Rule]:
    rules = [Rule("ExpectColumnValuesToBeNull", {"column": check.column}, check.blocking) for check in checks]
    if table == "indicators":
        published = indicator_columns(con, published_keys()["program_outcomes"])
        kwargs = {"column": "indicator_id", "value_set": published}
        rules.append(Rule("ExpectColumnDistinctValuesToEqualSet", kwargs, True))
    return rules


# A saving is a difference of costs: negative when the programme cost more than it saved.
SIGNED_DKK = ("cost_saving",)


def _column_rules(column: str, plausible_dkk: float) -> list[Rule]:
    if column.endswith("_pct"):
        return [Rule("ExpectColumnValuesToBeBetween", {"column": column, "min_value": 0, "max_value": 100}, True)]
    if column.startswith(SIGNED_DKK):
        return [Rule("ExpectColumnValuesToBeBetween", {"column": column, "max_value": plausible_dkk}, False)]
    if column.endswith("_dkk"):
        return [
            Rule("ExpectColumnValuesToBeBetween", {"column": column, "min_value": 0}, True),
            Rule("ExpectColumnValuesToBeBetween", {"column": column, "max_value": plausible_dkk}, False),
        ]
    if column.endswith(("_denominator", "_avg", "_n", "_days")) or column.startswith("n_"):
        return [Rule("ExpectColumnValuesToBeBetween", {"column": column, "min_value": 0}, True)]
    if column.startswith("is_"):
        return [
            Rule("ExpectColumnValuesToBeInTypeList", {"column": column, "type_list": BOOLEAN_DTYPES}, True),
            Rule("ExpectColumnValuesToNotBeNull", {"column": column}, True),
        ]
    return []


def _derived_column_rules(columns) -> list[Rule]:
    rules = []
    for total, components in COST_COMPONENTS.items():
        if total in columns and all(c in columns for c in components):
            bounds = {"min_value": -SUM_TOLERANCE_DKK, "max_value": SUM_TOLERANCE_DKK}
            column = minus_components_column(total)
            rules.append(Rule("ExpectColumnValuesToBeBetween", {"column": column, **bounds}, True))
    if "month" in columns:
        first_day = {"column": day_of_month_column("month"), "value_set": [1]}
        rules.append(Rule("ExpectColumnValuesToBeInSet", first_day, True))
    return rules


def _warning_only_rules(columns) -> list[Rule]:
    """Consistency checks beyond the agreed blocking set: recorded, never a stop."""
    rules = [
        Rule("ExpectColumnValuesToBeNull", {"column": value}, False, only_where_zero=f"{value}_denominator")
        for value in columns
        if f"{value}_denominator" in columns
    ]
    rules += [
        Rule("ExpectColumnPairValuesAToBeGreaterThanB",
             {"column_A": larger, "column_B": smaller, "or_equal": True}, False)
        for larger, smaller in NOT_SMALLER_THAN
        if larger in columns and smaller in columns
    ]
    if "cohort" in columns:
        rules.append(Rule("ExpectColumnValuesToMatchRegex", {"column": "cohort", "regex": COHORT_PATTERN}, False))
    return rules


def with_derived_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the computed columns that row-wise rules check (GX has no tolerant sum check)."""
    derived = {}
    for total, components in COST_COMPONENTS.items():
        if total in frame.columns and all(c in frame.columns for c in components):
            parts = frame[list(components)].astype("float64").fillna(0).sum(axis=1)
            derived[minus_components_column(total)] = frame[total].astype("float64").fillna(0) - parts
    if "month" in frame.columns:
        derived[day_of_month_column("month")] = pd.to_datetime(frame["month"]).dt.day
    return frame.assign(**derived)


def build_suite(table: str, rules: list[Rule]):
    gx = _great_expectations()
    expectations = [_expectation(gx, rule) for rule in rules]
    return gx.ExpectationSuite(name=f"{table}_suite", expectations=expectations)


def _expectation(gx, rule: Rule):
    from great_expectations.expectations.row_conditions import Column

    kwargs = dict(rule.kwargs, meta={"blocking": rule.blocking})
    if rule.only_where_zero:
        kwargs["row_condition"] = Column(rule.only_where_zero) == 0
    return getattr(gx.expectations, rule.expectation)(**kwargs)


def validate_table(con, table_name: str) -> TableValidation:
    """Validate `analytics.<table>` as read through the DuckDB connection `con`."""
    table = table_name.removeprefix(f"{SCHEMA}.")
    keys = published_keys()
    if table not in keys:
        raise ValueError(f"no expectation suite for {table_name!r}; published marts: {sorted(keys)}")
    columns = [d[0] for d in con.execute(f'select * from {SCHEMA}."{table}" limit 0').description]
    checks = row_checks(table, columns)
    frame = checked_frame(con, table, keys[table], checks)
    suite = build_suite(table, rules_for(table, columns, keys[table]) + cross_table_rules(con, table, checks))
    batch = _batch_definition(table).get_batch(batch_parameters={"dataframe": with_derived_columns(frame)})
    result = batch.validate(suite, result_format="SUMMARY")
    rows = [result_row(r) for r in result.results]
    return TableValidation(
        table=f"{SCHEMA}.{table}",
        suite=suite.name,
        success=all(row["success"] for row in rows),
        blocking_failures=sorted(_label(row) for row in rows if row["blocking"] and not row["success"]),
        warning_failures=sorted(_label(row) for row in rows if not row["blocking"] and not row["success"]),
        rows=rows,
    )


def _label(row: dict) -> str:
    return f"{row['expectation']}({row['column_name']})" if row["column_name"] else row["expectation"]


def _great_expectations():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations

    return great_expectations


@functools.cache
def _context():
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = _great_expectations().get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.data_sources.add_pandas(SCHEMA)
    return context


@functools.cache
def _batch_definition(table: str):
    asset = _context().data_sources.get(SCHEMA).add_dataframe_asset(table)
    return asset.add_batch_definition_whole_dataframe("whole table")
