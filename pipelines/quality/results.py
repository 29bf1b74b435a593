"""Expectation results as plain rows, and their store `audit.expectation_results`."""

from __future__ import annotations

from datetime import UTC, datetime

from ..ingest.pseudonym import mask_cpr
from ..ingest.tables import create_audit_tables

EXAMPLES_SHOWN = 3
DECIMALS_SHOWN = 4
OBSERVED_MAX_CHARS = 500

ROW_COLUMNS = ("expectation", "column_name", "success", "observed", "blocking")
INSERT_ROW = """
insert into audit.expectation_results
    (run_id, run_at, table_name, suite, expectation, column_name, success, observed, blocking)
values (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


def result_row(result) -> dict:
    """One GX `ExpectationValidationResult` as a row; expectations without `blocking` block."""
    config = result.expectation_config
    return {
        "expectation": config.type,
        "column_name": _column_name(config.kwargs),
        "success": bool(result.success),
        "observed": describe_observed(result.result, result.exception_info),
        "blocking": bool(config.meta.get("blocking", True)),
    }


def _column_name(kwargs: dict) -> str | None:
    columns = kwargs.get("column_list") or [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
    return ",".join(columns) or None


def describe_observed(result: dict, exception_info: dict) -> str:
    errors = _exception_messages(exception_info)
    if errors:
        text = "error: " + "; ".join(sorted(errors))
    elif "partial_missing_list" in result:
        text = _set_difference(result)
    elif "observed_value" in result:
        text = str(result["observed_value"])
    elif "unexpected_count" in result:
        text = f"{result['unexpected_count']} of {result['element_count']} rows unexpected"
        examples = result.get("partial_unexpected_list") or []
        if examples:
            text += ", e.g. " + "; ".join(_plain(value) for value in examples[:EXAMPLES_SHOWN])
    else:
        text = ""
    # A mart should never hold a CPR number, but `observed` quotes values, so mask any lookalike.
    return mask_cpr(text)[:OBSERVED_MAX_CHARS]


def _set_difference(result: dict) -> str:
    """A set expectation: which values are missing from the column and which should not be there."""
    parts = [
        f"{label}: " + ", ".join(_plain(value) for value in result.get(key) or [])
        for label, key in (("missing", "partial_missing_list"), ("unexpected", "partial_unexpected_list"))
        if result.get(key)
    ]
    return "; ".join(parts)


def _exception_messages(exception_info: dict) -> set[str]:
    """GX reports an exception either directly or per metric that failed to resolve."""
    if not exception_info:
        return set()
    if "raised_exception" in exception_info:
        return {exception_info["exception_message"]} if exception_info["raised_exception"] else set()
    return {m for info in exception_info.values() if isinstance(info, dict) for m in _exception_messages(info)}


def _plain(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{key}={item}" for key, item in value.items())
    if isinstance(value, tuple):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, float):
        # Ten digits in a row look like a CPR number to the mask: 133.33333333333334 would lose its digits.
        return str(round(value, DECIMALS_SHOWN))
    return str(value)


def store_results(con, validations, run_at: datetime, run_id: str) -> int:
    """Append every row of `validations` (TableValidation) to audit.expectation_results as run `run_id`."""
    if run_at.tzinfo is not None:
        run_at = run_at.astimezone(UTC).replace(tzinfo=None)
    rows = [
        (run_id, run_at, v.table, v.suite, *(r[c] for c in ROW_COLUMNS))
        for v in validations
        for r in v.rows
    ]
    create_audit_tables(con)
    if rows:
        con.executemany(INSERT_ROW, rows)
    return len(rows)
