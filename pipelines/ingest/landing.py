"""The landing folder: `<landing>/<kommunekode>/<source>/<extract_date>/` with `_manifest.json` written last."""
from __future__ import annotations

import re
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


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
