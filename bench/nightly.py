"""The nightly job at municipal and national size: wall time, peak memory, each stage from Dagster's step events,
and DuckDB's bare read of the same files.

    python bench/nightly.py --quick        # Assens size (41,000 residents)
    python bench/nightly.py                # Odense size (205,000 residents)
    python bench/nightly.py --national     # also 6,000,000 residents (generation ≈ 5 min, a run ≈ 25 min)

Landings are generated once under bench/data/nightly/ (seed 1, the demo effect) and reused. Each size is run
`--repeats` times in a process of its own; the table gives medians. Writes bench/results/bench.md
(bench/results/bench-quick.md with --quick).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.dashboards import TABLE_HEADER  # noqa: E402
from bench.machine import machine_line  # noqa: E402
from pipelines.synthetic.generate import generate  # noqa: E402
from pipelines.synthetic.model import DEMO_EFFECT  # noqa: E402

DATA = ROOT / "bench" / "data" / "nightly"
RESULTS = ROOT / "bench" / "results" / "bench.md"
RESULTS_QUICK = ROOT / "bench" / "results" / "bench-quick.md"
EXTRACT_DATE = date(2026, 11, 30)
KEY = "bench-key-not-secret"
SIZES = {"Assens": 41_000, "Odense": 205_000, "Denmark": 6_000_000}
STAGES = ("start", "ingest", "dbt", "checks", "publish")


@dataclass(frozen=True)
class Run:
    wall_s: float
    peak_rss_gb: float
    stages_s: dict[str, float]
    sources_s: dict[str, float]


def landing_for(residents: int) -> Path:
    landing = DATA / str(residents) / "landing"
    if not (landing / ".generated").exists():
        generate(landing, residents=residents, seed=1, extract_date=EXTRACT_DATE, effect=DEMO_EFFECT,
                 truth_path=landing.parent / "truth.json", workers=os.cpu_count() or 1)
        (landing / ".generated").touch()
    return landing


def warehouse_of(landing: Path) -> Path:
    return landing.parent / "warehouse" / "helhed.duckdb"


def bare_read(landing: Path) -> tuple[float, int]:
    """Seconds for DuckDB to read every delivered file, all columns as text, and the rows read."""
    files = sorted(landing.glob("*/*/*/*.csv"))
    con = duckdb.connect()
    started = time.perf_counter()
    rows = sum(con.execute("select count(*) from read_csv(?, delim = ';', header = true, all_varchar = true)",
                           [str(f)]).fetchone()[0] for f in files)
    return time.perf_counter() - started, rows


def nightly_run(landing: Path) -> Run:
    """`helhed run` in a process of its own, fresh warehouse; its stages from the run's step events."""
    warehouse = warehouse_of(landing)
    warehouse.unlink(missing_ok=True)
    home = landing.parent / "dagster"
    env = os.environ | {"DAGSTER_HOME": str(home), "HELHED_PSEUDONYM_KEY": KEY}
    started = time.time()
    process = subprocess.Popen([str(Path(sys.executable).with_name("helhed")), "run", "--landing", str(landing),
                                "--warehouse", str(warehouse)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.time() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"helhed run failed on {landing}: see {warehouse.parent / 'last-run.log'}")
    first_step, stages, sources = step_times(home)
    return Run(wall, usage.ru_maxrss / 1024**2, {"start": first_step - started, **stages}, sources)


def step_times(home: Path) -> tuple[float, dict[str, float], dict[str, float]]:
    """The latest successful run in `home`: when its first step began, seconds per stage (steps run one after
    another) and per ingested source."""
    from dagster import DagsterInstance, DagsterRunStatus, RunsFilter

    instance = DagsterInstance.from_config(str(home))
    try:
        run = instance.get_runs(RunsFilter(statuses=[DagsterRunStatus.SUCCESS]), limit=1)[0]
        steps = instance.get_run_step_stats(run.run_id)
    finally:
        instance.dispose()
    stages = dict.fromkeys(STAGES[1:], 0.0)
    sources = {}
    for step in steps:
        seconds = step.end_time - step.start_time
        stages[stage_of(step.step_key)] += seconds
        if step.step_key.startswith("ingest_"):
            sources[step.step_key.removeprefix("ingest_")] = seconds
    return min(s.start_time for s in steps), stages, sources


def stage_of(step_key: str) -> str:
    if step_key == "dbt_models":
        return "dbt"
    if step_key == "published_warehouse":
        return "publish"
    if step_key.startswith(("ingest_", "warehouse_build")):
        return "ingest"
    return "checks"


def dashboard_lines(name: str, warehouse: Path) -> list[str]:
    """bench/dashboards.py's table lines for this warehouse, run in a process of its own (Dash keeps one callback
    registry per process)."""
    timed = subprocess.run([sys.executable, str(ROOT / "bench" / "dashboards.py"), "--warehouse", str(warehouse),
                            "--name", name], capture_output=True, text=True, check=True, cwd=ROOT)
    return [line for line in timed.stdout.splitlines() if line.startswith(f"| {name} |")]


def report_lines(name: str, residents: int, rows: int, read_s: float, runs: list[Run]) -> str:
    wall = statistics.median(r.wall_s for r in runs)
    stages = " | ".join(f"{statistics.median(r.stages_s[s] for r in runs):.1f}" for s in STAGES)
    return (f"| {name} | {residents:,} | {rows / 1e6:.2f} M | {len(runs)} | {wall:.1f} | "
            f"{max(r.peak_rss_gb for r in runs):.2f} | {stages} | {read_s:.2f} | {wall / read_s:.0f}× |")


def sources_line(name: str, runs: list[Run]) -> str:
    sources = sorted(runs[0].sources_s)
    return f"- {name}: " + ", ".join(f"{s} {statistics.median(r.sources_s[s] for r in runs):.1f} s" for s in sources)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="Assens size only")
    parser.add_argument("--national", action="store_true", help="also the whole country (6,000,000 residents)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--results", type=Path, help="the report to write (default bench/results/bench.md, "
                        "bench-quick.md with --quick)")
    args = parser.parse_args()
    args.results = args.results or (RESULTS_QUICK if args.quick else RESULTS)
    names = ["Assens"] if args.quick else ["Odense"] + (["Denmark"] if args.national else [])
    table, per_source, dashboards = [], [], []
    for name in names:
        landing = landing_for(SIZES[name])
        read_s, rows = bare_read(landing)
        runs = [nightly_run(landing) for _ in range(args.repeats)]
        table.append(report_lines(name, SIZES[name], rows, read_s, runs))
        per_source.append(sources_line(name, runs))
        timed = dashboard_lines(name, warehouse_of(landing))
        dashboards += timed
        print(table[-1], *timed, sep="\n", flush=True)
    report = [
        "# Nightly job bench", "",
        f"{machine_line()}; `python bench/nightly.py {' '.join(sys.argv[1:])}`. Medians of the runs "
        "(peak RSS: the largest); stages from Dagster's step events, `start` is Python, Dagster and `dbt parse` "
        "before the first step; bare read: DuckDB reading every delivered file as text.", "",
        "| landing | residents | rows | runs | whole job (s) | peak RSS (GB) | "
        + " | ".join(f"{s} (s)" for s in STAGES) + " | bare read (s) | job / bare read |",
        "|---|---:|---:|---:|---:|---:|" + "---:|" * len(STAGES) + "---:|---:|",
        *table, "", "Ingest per source (median seconds):", "", *per_source, "",
        "Dashboards, server-side on the last run's warehouse (`bench/dashboards.py`: each page's layout and "
        "callbacks as the browser asks for them, through login and role checks, on the heaviest view; median of 5):",
        "", *TABLE_HEADER, *dashboards, ""]
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text("\n".join(report), encoding="utf-8")
    print(f"written to {args.results}")


if __name__ == "__main__":
    main()
