"""Every file-level rule of a snapshot, in one place: the manifest, each file's sha256, row count, header and encoding.

A failed rule raises `SnapshotRejected` naming the file and the rule; the snapshot is not loaded and the previous one
stays in force. What passes is a `DeliveredFile`: the file's scan, whose faulty lines are row faults for the loader.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .contracts import TableContract
from .landing import MANIFEST, Snapshot
from .lines import FileScan, scan_file

ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "utf-8-sig": "utf-8-sig", "cp1252": "cp1252", "windows-1252": "cp1252"}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y")
DECIMAL_MARKS = (".", ",")
# A file in another encoding than its manifest states shows it on every line that is not plain ASCII; one or two
# stray bytes in an otherwise readable file are row faults.
WRONG_ENCODING_MIN_LINES = 2
DIGITS_AS_LETTERS = str.maketrans("0123456789", "ghijklmnop")


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

    def content_fingerprint(self) -> str:
        """Same value for the same files delivered in the same format: a re-delivery is recognised by it.

        A sha256 written without digits (as pseudonyms are), so no scan for CPR numbers can mistake it for one.
        """
        shas = {name: str(entry.get("sha256", "")).lower() for name, entry in sorted(self.tables.items())
                if isinstance(entry, dict)}
        fmt = [self.encoding, self.delimiter, self.date_format, self.decimal]
        return hashlib.sha256(json.dumps([fmt, shas]).encode()).hexdigest().translate(DIGITS_AS_LETTERS)


@dataclass(frozen=True)
class DeliveredFile:
    contract: TableContract
    path: Path
    scan: FileScan
    missing_optional: tuple[str, ...]
    warnings: str


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
    _require(doc.get("extract_date") == snapshot.extract_date.isoformat(), "manifest_mismatch",
             "extract_date differs from the folder")
    encoding = str(doc.get("encoding", "")).lower()
    _require(encoding in ENCODINGS, "manifest_encoding", f"unsupported encoding {doc.get('encoding')!r}")
    _require(doc.get("date_format") in DATE_FORMATS, "manifest_date_format",
             f"unsupported date_format {doc.get('date_format')!r}")
    _require(doc.get("decimal") in DECIMAL_MARKS, "manifest_decimal", f"unsupported decimal {doc.get('decimal')!r}")
    delimiter = doc.get("delimiter")
    _require(isinstance(delimiter, str) and len(delimiter) == 1 and delimiter not in '"\r\n',
             "manifest_delimiter", f"unsupported delimiter {delimiter!r}")
    _require(isinstance(doc.get("tables"), dict), "manifest_tables", "no tables listed")
    return Manifest(ENCODINGS[encoding], delimiter, doc["date_format"], doc["decimal"], doc["tables"])


def check_snapshot(snapshot: Snapshot, contracts: list[TableContract]) -> tuple[Manifest, list[DeliveredFile]]:
    manifest = read_manifest(snapshot)
    return manifest, [check_file(snapshot, manifest, contract) for contract in contracts]


def check_file(snapshot: Snapshot, manifest: Manifest, contract: TableContract) -> DeliveredFile:
    entry = manifest.tables.get(contract.table)
    _require(isinstance(entry, dict), "manifest_tables", f"table {contract.table} is not listed")
    path = snapshot.path / str(entry.get("file", contract.file_name))
    rows = entry.get("rows")
    if not path.is_file():
        raise SnapshotRejected(path.name, "file_missing", "listed in the manifest but not delivered")
    if not isinstance(rows, int) or isinstance(rows, bool) or rows < 0:
        raise SnapshotRejected(path.name, "manifest_rows", f"row count {rows!r} is not a whole number")
    scan = scan_file(path, manifest.encoding, manifest.delimiter)
    if scan.sha256 != str(entry.get("sha256", "")).lower():
        raise SnapshotRejected(path.name, "sha256_mismatch", "the file's sha256 differs from the manifest")
    if scan.header is None:
        raise SnapshotRejected(path.name, "header_unreadable", scan.header_problem)
    _check_encoding(path.name, scan, manifest.encoding)
    missing_optional, warnings = _check_header(path.name, scan.header, contract)
    if scan.data_lines != rows:
        raise SnapshotRejected(path.name, "row_count_mismatch", f"manifest says {rows} rows, file has {scan.data_lines}")
    return DeliveredFile(contract, path, scan, missing_optional, warnings)


def _check_encoding(name: str, scan: FileScan, encoding: str) -> None:
    if encoding == "cp1252" and scan.non_ascii_lines and scan.valid_utf8:
        raise SnapshotRejected(name, "encoding", "the file is UTF-8, its manifest states cp1252")
    undecodable = scan.undecodable_lines
    if undecodable >= WRONG_ENCODING_MIN_LINES and undecodable == scan.non_ascii_lines:
        detail = f"the file is not valid {encoding.removesuffix('-sig')}, the encoding its manifest states"
        raise SnapshotRejected(name, "encoding", detail)


def _check_header(name: str, header: list[str], contract: TableContract) -> tuple[tuple[str, ...], str]:
    if len(set(header)) != len(header):
        raise SnapshotRejected(name, "duplicate_column", "a column name appears twice in the header")
    missing = [c for c in contract.columns if c.name not in header]
    required = [c.name for c in missing if c.required]
    if required:
        raise SnapshotRejected(name, "missing_column", ", ".join(required))
    optional = tuple(c.name for c in missing)
    extra = [c for c in header if c not in contract.column_names]
    warnings = ([f"optional columns missing, loaded as empty: {', '.join(optional)}"] if optional else []) + (
        [f"extra columns not loaded: {', '.join(extra)}"] if extra else [])
    return optional, "; ".join(warnings)
