"""The operator's view of a warehouse: what was delivered, what is in force, what was set aside, what the
expectations said. Read from the audit tables (DECISIONS.md, issue 14) through a read-only connection and
returned as plain, JSON-ready data; render.py draws it.

Every text quoted from the audit tables is masked again for CPR-shaped numbers before it leaves this module.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import duckdb

from ..ingest.pseudonym import mask_cpr

TREND_RUNS = 30
EXAMPLES_PER_RULE = 3
AUDIT_COLUMNS = {
    "snapshots": ("kommunekode", "source", "extract_date", "status", "file", "rule", "reason"),
    "snapshots_in_force": ("kommunekode", "source", "extract_date", "delivered_date", "origin", "age_days",
                           "freshness"),
    "file_loads": ("kommunekode", "source", "extract_date", "table_name", "file", "rows_delivered", "rows_loaded",
                   "rows_quarantined", "warnings", "rows_erased"),
    "quarantine": ("kommunekode", "source", "extract_date", "file", "line", "rule", "column_name", "detail",
                   "row_json", "raw_line"),
    "expectation_results": ("run_id", "run_at", "table_name", "expectation", "column_name", "success", "observed",
                            "blocking"),
}

IN_FORCE = "select kommunekode, source, extract_date, delivered_date, origin, age_days, freshness " \
           "from audit.snapshots_in_force"
NEWEST_DELIVERY = """
select kommunekode, source, extract_date, status, file, rule, reason from audit.snapshots
qualify row_number() over (partition by kommunekode, source order by extract_date desc, status = 'rejected') = 1
"""
REJECTED = """
select kommunekode, source, extract_date, file, rule, reason from audit.snapshots
where status = 'rejected' order by extract_date desc, file
"""
# A file's quarantined rows need the operator once, the night its snapshot is loaded; a snapshot carried
# forward was reported then.
FILES = """
select f.kommunekode, f.source, f.extract_date, f.table_name, f.file,
       f.rows_delivered, f.rows_loaded, f.rows_quarantined, coalesce(f.rows_erased, 0) as rows_erased, f.warnings,
       exists (select 1 from audit.snapshots as s
               where s.kommunekode = f.kommunekode and s.source = f.source
               and s.extract_date = f.extract_date and s.status = 'loaded') as loaded_in_last_run
from audit.file_loads as f order by f.extract_date, f.table_name, f.file
"""
QUARANTINE_RULES = """
select kommunekode, source, rule, count(distinct (file, line)) as lines
from audit.quarantine group by all order by kommunekode, source, lines desc, rule
"""
QUARANTINE_EXAMPLES = f"""
select kommunekode, source, rule, file, line, column_name, detail, coalesce(raw_line, row_json) as text
from audit.quarantine
qualify row_number() over (partition by kommunekode, source, rule order by file, line, column_name)
    <= {EXAMPLES_PER_RULE}
order by file, line, column_name
"""
# Rows written before runs had an id (issue 14) are grouped by night.
RUN = "coalesce(run_id, cast(cast(run_at as date) as varchar))"
LAST_RUNS = f"""
select {RUN} as run_id, max(run_at) as run_at from audit.expectation_results
group by all order by run_at desc limit {TREND_RUNS}
"""
OUTCOMES = f"""
select {RUN} as run_id, table_name, expectation, column_name, blocking,
       bool_and(success) as success, string_agg(observed, '; ') filter (where not success) as observed
from audit.expectation_results group by all
"""


class WarehouseError(Exception):
    """The file is no warehouse this command can read: missing, locked, or with audit tables of an older schema."""


def read_report(path: Path) -> dict:
    con = _open(path)
    try:
        check_audit_tables(con)
        sources, expectations = read_sources(con), read_expectations(con)
    finally:
        con.close()
    attention = needs_operator(sources, expectations)
    return {"warehouse": str(path), "needs_operator": bool(attention), "attention": attention,
            "sources": sources, "expectations": expectations}


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.is_file():
        raise WarehouseError(f"no warehouse file at {path}")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise WarehouseError(f"cannot open {path} read-only: {error}") from error


def check_audit_tables(con) -> None:
    found = defaultdict(set)
    for table, column in con.execute(
            "select table_name, column_name from information_schema.columns where table_schema = 'audit'").fetchall():
        found[table].add(column)
    for table, columns in AUDIT_COLUMNS.items():
        missing = [c for c in columns if c not in found[table]]
        if missing:
            raise WarehouseError(
                f"audit.{table} lacks {', '.join(missing)}: the warehouse was built by an older Helhed "
                "(run `helhed run` to rebuild it)")


def _rows(con, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [{name: _plain(value) for name, value in zip(names, row)} for row in cursor.fetchall()]


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return mask_cpr(value)
    return value


def read_sources(con) -> list[dict]:
    """One entry per municipality × source named in any audit table, sorted."""
    sources = {}

    def entry(row: dict) -> dict:
        key = (row.pop("kommunekode"), row.pop("source"))
        return sources.setdefault(key, {
            "kommunekode": key[0], "source": key[1], "in_force": None, "newest_delivery": None,
            "rejected": [], "files": [], "quarantine": []})

    for row in _rows(con, IN_FORCE):
        entry(row)["in_force"] = row
    for row in _rows(con, NEWEST_DELIVERY):
        entry(row)["newest_delivery"] = row
    for row in _rows(con, REJECTED):
        entry(row)["rejected"].append(row)
    for row in _rows(con, FILES):
        row["balanced"] = row["rows_delivered"] == row["rows_loaded"] + row["rows_quarantined"] + row["rows_erased"]
        entry(row)["files"].append(row)
    for row in read_quarantine(con):
        entry(row)["quarantine"].append(row)
    return [sources[key] for key in sorted(sources)]


def read_quarantine(con) -> list[dict]:
    """Quarantined lines per municipality × source × rule, with the first few lines as examples."""
    examples = defaultdict(list)
    for row in _rows(con, QUARANTINE_EXAMPLES):
        examples[row.pop("kommunekode"), row.pop("source"), row.pop("rule")].append(row)
    rules = _rows(con, QUARANTINE_RULES)
    return [rule | {"examples": examples[rule["kommunekode"], rule["source"], rule["rule"]]} for rule in rules]


def read_expectations(con) -> dict:
    """The last run's results, each with its history over the last runs (oldest first), and a summary per run."""
    runs = list(reversed(_rows(con, LAST_RUNS)))
    if not runs:
        return {"last_run": None, "runs": [], "results": []}
    outcomes = defaultdict(dict)
    for row in _rows(con, OUTCOMES):
        outcomes[_expectation_key(row)][row["run_id"]] = row
    last = runs[-1]["run_id"]
    results = [
        by_run[last] | {"history": [by_run[r["run_id"]]["success"] if r["run_id"] in by_run else None for r in runs]}
        for by_run in outcomes.values() if last in by_run
    ]
    for row in results:
        del row["run_id"]
    results.sort(key=lambda r: (r["success"], not r["blocking"], r["table_name"], r["expectation"],
                                r["column_name"] or ""))
    return {"last_run": runs[-1], "runs": [_run_summary(run, outcomes) for run in runs], "results": results}


def _expectation_key(row: dict) -> tuple:
    return row["table_name"], row["expectation"], row["column_name"], row["blocking"]


def _run_summary(run: dict, outcomes: dict) -> dict:
    rows = [by_run[run["run_id"]] for by_run in outcomes.values() if run["run_id"] in by_run]
    return run | {
        "expectations": len(rows),
        "failed_blocking": sum(1 for r in rows if r["blocking"] and not r["success"]),
        "failed_warning": sum(1 for r in rows if not r["blocking"] and not r["success"]),
    }


def needs_operator(sources: list[dict], expectations: dict) -> list[dict]:
    """Why the operator must act; empty when all is well."""
    reasons = [reason for source in sources for reason in _source_attention(source)]
    for row in expectations["results"]:
        if row["blocking"] and not row["success"]:
            column = f"({row['column_name']})" if row["column_name"] else ""
            reasons.append({"kommunekode": None, "source": None, "reason":
                            f"{row['table_name']}: {row['expectation']}{column} failed: {row['observed']}"})
    return reasons


def _source_attention(source: dict) -> list[dict]:
    reasons = []
    in_force, newest = source["in_force"], source["newest_delivery"]
    if in_force and in_force["freshness"] == "error":
        reasons.append(f"the snapshot in force was delivered {in_force['delivered_date']}, "
                       f"{in_force['age_days']} days ago")
    if newest and newest["status"] == "rejected":
        reasons.append(f"the newest delivery ({newest['extract_date']}) was rejected: "
                       f"{newest['file']}: {newest['rule']}")
    for file in source["files"]:
        if not file["balanced"]:
            reasons.append(f"{file['file']} ({file['extract_date']}): {file['rows_delivered']} rows delivered but "
                           f"{file['rows_loaded']} loaded + {file['rows_quarantined']} quarantined")
        if file["loaded_in_last_run"] and file["rows_quarantined"]:
            reasons.append(f"{file['file']} ({file['extract_date']}): {file['rows_quarantined']} rows quarantined")
    return [{"kommunekode": source["kommunekode"], "source": source["source"], "reason": r} for r in reasons]
