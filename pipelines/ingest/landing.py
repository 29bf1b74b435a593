"""The landing folder: `<landing>/<kommunekode>/<source>/<extract_date>/` with `_manifest.json` written last."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .contracts import TableContract

MANIFEST = "_manifest.json"
ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "utf-8-sig": "utf-8-sig", "cp1252": "cp1252", "windows-1252": "cp1252"}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y")
DECIMAL_MARKS = (".", ",")


class SnapshotRejected(Exception):
    """A file-level rule failed: the snapshot is not loaded and the previous one stays in force."""

    def __init__(self, file: str, rule: str, detail: str):
        super().__init__(f"{file}: {rule}: {detail}")
        self.file, self.rule, self.detail = file, rule, detail


@dataclass(frozen=True)
class Manifest:
    encoding: str
    delimiter: str
    date_format: str
    decimal: str
    tables: dict[str, dict]


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
            if d.is_dir() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.name)
        ]
        found[kommunekode] = sorted(snapshots, key=lambda s: s.extract_date, reverse=True)
    return found


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _require(condition: bool, rule: str, detail: str) -> None:
    if not condition:
        raise SnapshotRejected(MANIFEST, rule, detail)


def read_manifest(snapshot: Snapshot) -> Manifest:
    try:
        doc = json.loads(snapshot.manifest_path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SnapshotRejected(MANIFEST, "manifest_unreadable", str(err)) from None
    _require(isinstance(doc, dict), "manifest_unreadable", "not a JSON object")
    _require(str(doc.get("kommunekode")) == snapshot.kommunekode, "manifest_mismatch", "kommunekode differs from the folder")
    _require(doc.get("source") == snapshot.source, "manifest_mismatch", "source differs from the folder")
    _require(doc.get("extract_date") == snapshot.extract_date.isoformat(), "manifest_mismatch", "extract_date differs from the folder")
    encoding = str(doc.get("encoding", "")).lower()
    _require(encoding in ENCODINGS, "manifest_encoding", f"unsupported encoding {doc.get('encoding')!r}")
    _require(doc.get("date_format") in DATE_FORMATS, "manifest_date_format", f"unsupported date_format {doc.get('date_format')!r}")
    _require(doc.get("decimal") in DECIMAL_MARKS, "manifest_decimal", f"unsupported decimal {doc.get('decimal')!r}")
    delimiter = doc.get("delimiter")
    _require(isinstance(delimiter, str) and len(delimiter) == 1, "manifest_delimiter", f"unsupported delimiter {delimiter!r}")
    _require(isinstance(doc.get("tables"), dict), "manifest_tables", "no tables listed")
    return Manifest(ENCODINGS[encoding], delimiter, doc["date_format"], doc["decimal"], doc["tables"])


def verify_file(snapshot: Snapshot, manifest: Manifest, contract: TableContract) -> tuple[Path, int]:
    """The delivered file of one table, checked against the manifest; returns its path and announced row count."""
    entry = manifest.tables.get(contract.table)
    _require(isinstance(entry, dict), "manifest_tables", f"table {contract.table} is not listed")
    path = snapshot.path / str(entry.get("file", contract.file_name))
    rows = entry.get("rows")
    if not path.is_file():
        raise SnapshotRejected(path.name, "file_missing", "listed in the manifest but not delivered")
    if not isinstance(rows, int) or rows < 0:
        raise SnapshotRejected(path.name, "manifest_rows", f"row count {rows!r} is not a whole number")
    if sha256_of(path) != str(entry.get("sha256", "")).lower():
        raise SnapshotRejected(path.name, "sha256_mismatch", "the file's sha256 differs from the manifest")
    return path, rows
