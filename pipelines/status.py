"""`helhed status`: the nightly job's last runs from Dagster's run history (DAGSTER_HOME) and, from the published
warehouse, the snapshot in force per municipality and source: what an operator looks at first in the morning."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from .quality.report import WarehouseError, check_audit_tables, read_sources
from .query import QueryRefused, connect

RUNS_SHOWN = 10


def last_runs(home: Path, limit: int = RUNS_SHOWN) -> list[dict]:
    """The nightly job's latest runs, newest first."""
    from dagster import DagsterInstance, RunsFilter

    instance = DagsterInstance.from_config(str(home))
    try:
        records = instance.get_run_records(RunsFilter(job_name="nightly"), limit=limit)
    finally:
        instance.dispose()
    return [{"run_id": r.dagster_run.run_id, "status": r.dagster_run.status.value, "started": _time(r.start_time),
             "seconds": round(r.end_time - r.start_time) if r.start_time and r.end_time else None}
            for r in records]


def snapshots_in_force(warehouse: Path) -> list[dict]:
    """Per municipality × source: the snapshot the published warehouse holds, its age and freshness."""
    with connect(warehouse) as con:
        check_audit_tables(con)
        return [{"kommunekode": s["kommunekode"], "source": s["source"], **(s["in_force"] or {})}
                for s in read_sources(con)]


def read_status(home: Path, warehouse: Path) -> dict:
    runs = last_runs(home) if (home / "dagster.yaml").exists() else []
    try:
        sources, problem = snapshots_in_force(warehouse), None
    except (QueryRefused, WarehouseError) as refusal:
        sources, problem = [], str(refusal)
    well = bool(runs) and runs[0]["status"] == "SUCCESS" and problem is None and all(
        s.get("freshness") == "fresh" for s in sources)
    return {"all_well": well, "runs": runs, "warehouse": str(warehouse), "warehouse_problem": problem,
            "sources": sources}


def render(status: dict, as_json: bool) -> str:
    if as_json:
        return json.dumps(status, ensure_ascii=False, indent=1) + "\n"
    lines = ["Last runs of the nightly job (newest first):"]
    lines += [f"  {r['started'] or '-':20} {r['status']:9} {_duration(r['seconds']):>9}  run {r['run_id']}"
              for r in status["runs"]] or ["  none yet"]
    lines.append(f"Snapshots in force in {status['warehouse']}:")
    if status["warehouse_problem"]:
        lines.append(f"  {status['warehouse_problem']}")
    lines += [f"  {s['kommunekode']:>4} {s['source']:13} {s.get('extract_date') or '-':10}  delivered "
              f"{s.get('delivered_date') or '-'}, {s.get('age_days')} days old, {s.get('freshness')}"
              for s in status["sources"]]
    lines.append("All well." if status["all_well"] else "Needs the operator: see above, and `helhed quality`.")
    return "\n".join(lines) + "\n"


def _time(seconds: float | None) -> str | None:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M:%S") if seconds else None


def _duration(seconds: int | None) -> str:
    return "-" if seconds is None else f"{seconds // 60} min {seconds % 60:02d} s"
