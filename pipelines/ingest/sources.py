"""Per source and municipality, the snapshot in force: the newest that passes every file rule, whether it lies in the
landing folder or was in force in the published warehouse. Every snapshot found gets its outcome in
`audit.snapshots`; the one in force, its age and freshness, in `audit.snapshots_in_force`."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from . import pseudonym, published
from .contracts import contracts_by_source
from .file_rules import SnapshotRejected, check_snapshot, read_manifest
from .landing import Snapshot, find_snapshots
from .loader import FileLoad, load_snapshot
from .tables import create_audit_tables, create_raw_tables


@dataclass(frozen=True)
class FreshnessPolicy:
    """A source whose snapshot in force was delivered more than this many days ago is flagged (never blocks)."""

    warning_after_days: int = 1
    error_after_days: int = 7

    def classify(self, age_days: int) -> str:
        if age_days > self.error_after_days:
            return "error"
        return "warning" if age_days > self.warning_after_days else "fresh"


@dataclass
class SourceOutcome:
    source: str
    loaded: dict[str, date] = field(default_factory=dict)  # kommunekode -> extract date of the rows in force
    rejected: list[str] = field(default_factory=list)
    loads: list[FileLoad] = field(default_factory=list)

    @property
    def rows_quarantined(self) -> int:
        return sum(load.rows_quarantined for load in self.loads)


@dataclass
class _Night:
    """What one municipality × source comes to tonight."""

    statuses: dict[date, tuple] = field(default_factory=dict)  # extract date -> (status, file, rule, reason, sha)
    in_force: published.InForce | None = None
    origin: str = "landing"

    def keep_published(self, before: published.InForce, delivered: date | None = None) -> None:
        self.in_force = published.InForce(before.extract_date, delivered or before.delivered_date,
                                          before.content_fingerprint)
        self.origin = "published"
        self.statuses[before.extract_date] = ("carried_forward", None, None, "rows kept from the published warehouse",
                                              before.content_fingerprint)


def prepare(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    create_raw_tables(con)
    create_audit_tables(con)
    pseudonym.install(con, key)


def _reject(night: _Night, snapshot: Snapshot, err: SnapshotRejected, outcome: SourceOutcome) -> None:
    night.statuses[snapshot.extract_date] = ("rejected", err.file, err.rule, str(err), None)
    outcome.rejected.append(f"{snapshot.path}: {err}")


def _checked(night: _Night, snapshot: Snapshot, outcome: SourceOutcome):
    """The snapshot's manifest and files when it passes every file rule; otherwise None, with the reason recorded."""
    if not snapshot.is_complete:
        night.statuses[snapshot.extract_date] = ("incomplete", None, None, "no _manifest.json yet: still being written",
                                                 None)
        return None
    try:
        return check_snapshot(snapshot, contracts_by_source()[snapshot.source])
    except SnapshotRejected as err:
        _reject(night, snapshot, err, outcome)
        return None


def _first_delivery(older: list[Snapshot], content: str) -> list[Snapshot]:
    """The older snapshots delivering the same content, back to the first that differs."""
    same = []
    for snapshot in older:
        if not snapshot.is_complete:
            continue
        try:
            if read_manifest(snapshot).content_fingerprint() != content:
                break
        except SnapshotRejected:
            continue
        same.append(snapshot)
    return same


def _take(con, night: _Night, checked, same: list[Snapshot], before: published.InForce | None,
          outcome: SourceOutcome) -> None:
    """Puts the newest valid snapshot in force, dated by the first delivery of its content (`same`, newest first)."""
    (manifest, files), snapshot, content = checked, same[0], checked[0].content_fingerprint()
    if before is not None and before.content_fingerprint == content:
        night.keep_published(before, delivered=snapshot.extract_date)
        first_date = before.extract_date
    else:
        first_date = same[-1].extract_date
        outcome.loads.extend(load_snapshot(con, snapshot, manifest, files, first_date))
        night.statuses[first_date] = ("loaded", None, None, None, content)
        night.in_force = published.InForce(first_date, snapshot.extract_date, content)
    for duplicate in same:
        night.statuses.setdefault(duplicate.extract_date,
                                  ("duplicate", None, None, f"same content as {first_date}", content))


def _settle(con, snapshots: list[Snapshot], before: published.InForce | None, outcome: SourceOutcome) -> _Night:
    night = _Night()
    candidates = [s for s in snapshots if before is None or s.extract_date >= before.extract_date]
    for i, snapshot in enumerate(candidates):
        checked = _checked(night, snapshot, outcome)
        if checked is None:
            continue
        same = [snapshot, *_first_delivery(candidates[i + 1:], checked[0].content_fingerprint())]
        try:
            _take(con, night, checked, same, before, outcome)
        except SnapshotRejected as err:  # a safety net of the loader fired: the file is not what the scan saw
            _reject(night, snapshot, err, outcome)
            continue
        break
    else:
        if before is not None:
            night.keep_published(before)
    for snapshot in snapshots:
        superseded = ("superseded", None, None, "a newer snapshot is in force", None)
        night.statuses.setdefault(snapshot.extract_date, superseded)
    return night


def _record(con, source: str, kommunekode: str, night: _Night, today: date, policy: FreshnessPolicy) -> None:
    now = datetime.now()
    for extract_date, (status, file, rule, reason, sha) in sorted(night.statuses.items(), reverse=True):
        con.execute("INSERT INTO audit.snapshots VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [kommunekode, source, extract_date, status, file, rule, reason, sha, now])
    snapshot = night.in_force
    if snapshot is None:
        return
    if night.origin == "published":
        published.carry_forward(con, source, kommunekode, snapshot)
    age = (today - snapshot.delivered_date).days
    con.execute("INSERT INTO audit.snapshots_in_force VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [kommunekode, source, snapshot.extract_date, snapshot.delivered_date, night.origin,
                 snapshot.content_fingerprint, age, policy.classify(age)])


def ingest_source(con: duckdb.DuckDBPyConnection, landing: Path, source: str, *, today: date | None = None,
                  policy: FreshnessPolicy = FreshnessPolicy()) -> SourceOutcome:
    """Loads `source` for every municipality of the landing folder or of the published warehouse (if attached)."""
    outcome, today = SourceOutcome(source), today or date.today()
    delivered = find_snapshots(landing, source)
    before = published.in_force(con, source)
    for kommunekode in sorted(delivered.keys() | before.keys()):
        night = _settle(con, delivered.get(kommunekode, []), before.get(kommunekode), outcome)
        _record(con, source, kommunekode, night, today, policy)
        if night.in_force is not None:
            outcome.loaded[kommunekode] = night.in_force.extract_date
    return outcome
