"""Warehouse files holding only the audit tables of DECISIONS.md (issue 14), filled by hand.

The night of 2024-06-21 in municipality 0420 (`troubled`):
- boern: 2024-06-20 loaded and in force (fresh); 2024-06-21, the newest delivery, rejected (sager.csv,
  row_count_mismatch); 2024-06-19 superseded. indsatser.csv quarantined 2 of 10 lines: line 3 `invalid_date` in
  two columns, line 7 `too_many_fields`; both hold a CPR-shaped string the loader should have masked.
- cpr: carried forward from 2024-06-10, 11 days old: freshness error. personer.csv had 1 line quarantined
  the night it was loaded, not tonight.
- program: 2024-06-20 loaded; deltagelse.csv delivered 20 lines, 18 loaded, 0 quarantined: 2 lines lost.
  An older delivery, 2024-06-15, was rejected (maal.csv, sha256_mismatch).
Expectation results of three runs: a warning that fails from run 2, a blocking one that fails in run 3, and
one that only exists from run 2.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.ingest.tables import AUDIT_TABLES, create_audit_tables

LOOKALIKE = "321399-0000"  # day 32, month 13: shaped like a CPR number, not one
CHECKED = "2024-06-21 02:05:00"
UNIQUE = "expect_compound_columns_to_be_unique"
BETWEEN = "expect_column_values_to_be_between"
DUPLICATE = "2 of 9 rows unexpected, e.g. family_id=0420-F001, program=Hel Familie, month=2024-05-01"


def snapshot(source, extract_date, status, file=None, rule=None, reason=None):
    return ("0420", source, extract_date, status, file, rule, reason, "ghij", CHECKED)


def result(run, run_at, table, expectation, column, success, observed, blocking):
    return (run, run_at, f"analytics.{table}", f"{table}_suite", expectation, column, success, observed, blocking)


TROUBLED = {
    "snapshots": [
        snapshot("boern", "2024-06-19", "superseded"),
        snapshot("boern", "2024-06-20", "loaded"),
        snapshot("boern", "2024-06-21", "rejected", "sager.csv", "row_count_mismatch",
                 "manifest says 3 rows, file has 2"),
        snapshot("cpr", "2024-06-10", "carried_forward"),
        snapshot("program", "2024-06-15", "rejected", "maal.csv", "sha256_mismatch", "sha256 differs"),
        snapshot("program", "2024-06-20", "loaded"),
    ],
    "snapshots_in_force": [
        ("0420", "boern", "2024-06-20", "2024-06-20", "landing", "ghij", 1, "fresh"),
        ("0420", "cpr", "2024-06-10", "2024-06-10", "published", "ghij", 11, "error"),
        ("0420", "program", "2024-06-20", "2024-06-20", "landing", "ghij", 1, "fresh"),
    ],
    "file_loads": [
        ("0420", "boern", "2024-06-20", "indsatser", "indsatser.csv", 10, 8, 2, None),
        ("0420", "boern", "2024-06-20", "sager", "sager.csv", 5, 5, 0, None),
        ("0420", "cpr", "2024-06-10", "personer", "personer.csv", 100, 99, 1, None),
        ("0420", "program", "2024-06-20", "deltagelse", "deltagelse.csv", 20, 18, 0,
         "optional column casemanager_id missing: loaded as null"),
    ],
    "quarantine": [
        ("0420", "boern", "2024-06-20", "indsatser", "indsatser.csv", 2, 3, "invalid_date", "start",
         "'31-02-2024' is not a date", '{"start": "31-02-2024", "note": "ring ' + LOOKALIKE + '"}', None),
        ("0420", "boern", "2024-06-20", "indsatser", "indsatser.csv", 2, 3, "invalid_date", "slut",
         "'2024-13-01' is not a date", '{"start": "31-02-2024", "note": "ring ' + LOOKALIKE + '"}', None),
        ("0420", "boern", "2024-06-20", "indsatser", "indsatser.csv", 6, 7, "too_many_fields", None,
         "5 fields, the header has 4", None, f"B7;{LOOKALIKE};x;y;z"),
        ("0420", "cpr", "2024-06-10", "personer", "personer.csv", 41, 42, "invalid_cpr", "cpr",
         "not a valid CPR number", '{"cpr": "<masked>"}', None),
    ],
    "expectation_results": [
        result("run-1", "2024-06-19 02:10:00", "family_month", UNIQUE, "family_id,program,month", True, "", True),
        result("run-1", "2024-06-19 02:10:00", "family_month", BETWEEN, "cost_total_dkk", True, "", False),
        result("run-2", "2024-06-20 02:10:00", "family_month", UNIQUE, "family_id,program,month", True, "", True),
        result("run-2", "2024-06-20 02:10:00", "family_month", BETWEEN, "cost_total_dkk", False,
               "1 of 9 rows unexpected, e.g. 900000.0", False),
        result("run-2", "2024-06-20 02:11:00", "program_outcomes", BETWEEN, "families_single_adult_pct", True, "",
               True),
        result("run-3", "2024-06-21 02:10:00", "family_month", UNIQUE, "family_id,program,month", False,
               DUPLICATE, True),
        result("run-3", "2024-06-21 02:10:00", "family_month", BETWEEN, "cost_total_dkk", False,
               "1 of 9 rows unexpected, e.g. 900000.0", False),
        result("run-3", "2024-06-21 02:11:00", "program_outcomes", BETWEEN, "families_single_adult_pct", True, "",
               True),
    ],
}

# One source carried forward 3 days (freshness warning), balanced, one run with only a warning failed:
# worth a look, nothing the operator must do.
ALL_WELL = {
    "snapshots": [snapshot("program", "2024-06-18", "carried_forward")],
    "snapshots_in_force": [("0420", "program", "2024-06-18", "2024-06-18", "published", "ghij", 3, "warning")],
    "file_loads": [("0420", "program", "2024-06-18", "deltagelse", "deltagelse.csv", 20, 20, 0, None)],
    "quarantine": [],
    "expectation_results": [
        result("run-9", "2024-06-21 02:10:00", "family_month", UNIQUE, "family_id,program,month", True, "", True),
        result("run-9", "2024-06-21 02:10:00", "family_month", BETWEEN, "cost_total_dkk", False,
               "1 of 9 rows unexpected, e.g. 900000.0", False),
    ],
}


def audit_warehouse(path: Path, rows: dict[str, list[tuple]]) -> Path:
    with duckdb.connect(str(path)) as con:
        create_audit_tables(con)
        for table in AUDIT_TABLES:
            if rows.get(table):
                # the rows name the table's first columns; a later column (such as rows_erased) stays empty
                columns = [d[0] for d in con.execute(f"select * from audit.{table} limit 0").description]
                width = len(rows[table][0])
                con.executemany(f"insert into audit.{table} ({', '.join(columns[:width])}) "
                                f"values ({', '.join('?' * width)})", rows[table])
    return path
