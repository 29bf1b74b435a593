"""The pages' municipalities side by side, timed for the whole country as 98 municipalities.

The national bench landing is one municipality of 6 M residents; this spreads its enrolments (by family) and copies
its operations months over 98 municipality codes in a scratch warehouse, then times the three views that set the
municipalities side by side (Programresultater, Økonomi, Sagsbelastning), disclosure control included.

    python bench/municipalities.py --warehouse bench/data/nightly/6000000/warehouse/helhed.duckdb
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import flask

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboards.period import Period  # noqa: E402
from dashboards.views import caseload, economy, outcomes  # noqa: E402

MUNICIPALITIES = 98
CODE = f"lpad((100 + (hash(family_id) % {MUNICIPALITIES}) * 8)::varchar, 3, '0')"


def spread(source: Path, target: Path) -> str:
    """The scratch warehouse; returns the programme with the most enrolments."""
    with duckdb.connect(str(target)) as con:
        con.execute(f"attach '{source}' as national (read_only)")
        con.execute("create schema analytics")
        con.execute(f"create table analytics.program_families as select * replace ({CODE} as kommunekode) "
                    "from national.analytics.program_families")
        con.execute("create table codes as select distinct kommunekode as code from analytics.program_families")
        for table in ("program_outcomes", "operations_month"):
            con.execute(f"create table analytics.{table} as select * replace (codes.code as kommunekode) "
                        f"from national.analytics.{table}, codes")
        con.execute("create table analytics.indicators as select * from national.analytics.indicators")
        return con.execute("select program from analytics.program_families group by 1 order by count(*) desc "
                           "limit 1").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "helhed.duckdb"
        program = spread(args.warehouse, scratch)
        app = flask.Flask("bench")
        app.config["HELHED_WAREHOUSE"] = scratch
        views = {"Programresultater": lambda: outcomes.across_municipalities(program),
                 "Økonomi": lambda: economy.savings_across_municipalities(program),
                 "Sagsbelastning": lambda: caseload.across_municipalities(Period())}
        print(f"| page | {MUNICIPALITIES} municipalities side by side, median of {args.repeats} (ms) |\n|---|---:|")
        with app.app_context():
            for page, view in views.items():
                seconds = []
                for _ in range(args.repeats):
                    started = time.perf_counter()
                    view()
                    seconds.append(time.perf_counter() - started)
                print(f"| {page} | {statistics.median(seconds) * 1000:.0f} |")


if __name__ == "__main__":
    main()
