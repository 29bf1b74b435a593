"""The landing folder: `<landing>/<kommunekode>/<source>/<extract_date>/` with `_manifest.json` written last."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

MANIFEST = "_manifest.json"


@dataclass(frozen=True)
class Snapshot:
    kommunekode: str
    source: str
    extract_date: date
    path: Path

    @property
    def manifest_path(self) -> Path:
        return self.path / MANIFEST

    @property
    def is_complete(self) -> bool:
        return self.manifest_path.is_file()


def municipalities_in(landing: Path) -> set[str]:
    """The municipalities of a landing folder: its subfolders named by a kommunekode."""
    return {p.name for p in landing.iterdir() if p.is_dir() and p.name.isdigit()}


def find_snapshots(landing: Path, source: str) -> dict[str, list[Snapshot]]:
    """Snapshots of one source per municipality, newest first. Folders not named as dates are skipped."""
    found: dict[str, list[Snapshot]] = {}
    for source_dir in sorted(landing.glob(f"*/{source}")):
        kommunekode = source_dir.parent.name
        if not re.fullmatch(r"\d{3}", kommunekode):
            continue
        snapshots = [
            Snapshot(kommunekode, source, date.fromisoformat(d.name), d)
            for d in source_dir.iterdir()
            if d.is_dir() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.name) and _is_date(d.name)
        ]
        found[kommunekode] = sorted(snapshots, key=lambda s: s.extract_date, reverse=True)
    return found


def complete_deliveries(landing: Path, sources: Iterable[str]) -> dict[str, dict[str, str]]:
    """Per municipality and source: the extract date (ISO) of the newest snapshot whose manifest is written."""
    found: dict[str, dict[str, str]] = {}
    for source in sources:
        for kommunekode, snapshots in find_snapshots(landing, source).items():
            complete = next((s for s in snapshots if s.is_complete), None)
            if complete is not None:
                found.setdefault(kommunekode, {})[source] = complete.extract_date.isoformat()
    return found


def ready_for_a_night(deliveries: dict[str, dict[str, str]], required: set[str],
                      started_on: dict[str, dict[str, str]]) -> list[str]:
    """The municipalities where every required source has a complete snapshot and at least one source has a newer
    one than when the job was last started for it (`started_on`: the deliveries of that start)."""
    return sorted(kommunekode for kommunekode, newest in deliveries.items()
                  if required <= newest.keys()
                  and any(date_ > started_on.get(kommunekode, {}).get(source, "") for source, date_ in newest.items()))


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
