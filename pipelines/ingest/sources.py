"""Per source: for each municipality the newest snapshot that passes every file rule is loaded; the
outcome for every snapshot found (loaded, superseded, rejected, incomplete) is written to `audit.snapshots`."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from . import pseudonym
from .contracts import contracts_by_source
from .landing import Snapshot, SnapshotRejected, find_snapshots
from .loader import FileLoad, load_snapshot
from .tables import create_audit_tables, create_raw_tables


@dataclass
class SourceOutcome:
    source: str
    loaded: dict[str, date] = field(default_factory=dict)  # kommunekode -> extract date in force
    rejected: list[str] = field(default_factory=list)
    loads: list[FileLoad] = field(default_factory=list)

    @property
    def rows_quarantined(self) -> int:
        return sum(load.rows_quarantined for load in self.loads)


def prepare(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    create_raw_tables(con)
    create_audit_tables(con)
    pseudonym.install(con, key)


def _record(con, snapshot: Snapshot, status: str, reason: str = "") -> None:
    con.execute(
        "INSERT INTO audit.snapshots VALUES (?, ?, ?, ?, ?, ?)",
        [snapshot.kommunekode, snapshot.source, snapshot.extract_date, status, reason or None, datetime.now()],
    )


def _record_loads(con, snapshot: Snapshot, loads: list[FileLoad]) -> None:
    for load in loads:
        con.execute(
            "INSERT INTO audit.file_loads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [snapshot.kommunekode, snapshot.source, snapshot.extract_date, f"{snapshot.source}__{load.table}",
             load.file, load.rows_delivered, load.rows_loaded, load.rows_quarantined, load.warnings or None],
        )


def _load_newest(con, snapshots: list[Snapshot], outcome: SourceOutcome) -> None:
    in_force = None
    for snapshot in snapshots:
        if in_force:
            _record(con, snapshot, "superseded", f"{in_force.extract_date} is in force")
        elif not snapshot.is_complete:
            _record(con, snapshot, "incomplete", "no _manifest.json yet: still being written")
        else:
            try:
                loads = load_snapshot(con, snapshot, contracts_by_source()[snapshot.source])
            except SnapshotRejected as err:
                _record(con, snapshot, "rejected", str(err))
                outcome.rejected.append(f"{snapshot.path}: {err}")
                continue
            in_force = snapshot
            _record(con, snapshot, "loaded")
            _record_loads(con, snapshot, loads)
            outcome.loaded[snapshot.kommunekode] = snapshot.extract_date
            outcome.loads.extend(loads)


def ingest_source(con: duckdb.DuckDBPyConnection, landing: Path, source: str) -> SourceOutcome:
    outcome = SourceOutcome(source)
    for snapshots in find_snapshots(landing, source).values():
        _load_newest(con, snapshots, outcome)
    return outcome
