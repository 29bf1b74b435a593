"""Delivery defects from the end of extracts.md and malformed lines, applied to the newest snapshot; each is recorded.

Every fault has a file of its own or rows no other fault touches, and no row fault sits in a snapshot a file-level
fault rejects, so one `--faults all` landing shows the effect of each.
"""
from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from pipelines.synthetic.writer import Format


@dataclass(frozen=True)
class Fault:
    source: str
    table: str | None
    rule: str  # what the warehouse reports: a quarantine rule, a file rule, or the snapshot's status
    level: str  # file: the snapshot of the day is not in force; row: the listed lines are quarantined; warning
    description: str


FAULTS = {
    "missing_manifest": Fault("voksen", None, "incomplete", "file", "snapshot without _manifest.json is incomplete"),
    "late": Fault("politi", None, "late", "file", "no snapshot for the extract date; the newest is the day before"),
    "duplicate_delivery": Fault("organisation", None, "duplicate", "file",
                                "the day's snapshot repeats the previous day's content"),
    "truncated": Fault("cpr", "husstande", "row_count_mismatch", "file",
                       "file has fewer data rows than the manifest states"),
    "reencoded": Fault("boern", "indsatser", "encoding", "file", "file encoding differs from the manifest's encoding"),
    "missing_column": Fault("skole", "fravaer", "missing_column", "file", "required column fravaersdage missing"),
    "unknown_codes": Fault("jobcenter", "maalgrupper", "unknown_code", "row", "kategori not in the code list"),
    "bad_dates": Fault("jobcenter", "indsatser", "invalid_date", "row", "fra_dato is not a calendar date"),
    "end_before_start": Fault("jobcenter", "sager", "end_before_start", "row", "til_dato before fra_dato"),
    "malformed_cpr": Fault("jobcenter", "ydelser", "invalid_cpr", "row", "cpr is not a valid personal number"),
    "duplicate_keys": Fault("program", "maal", "duplicate_key", "row", "maal_id is not unique"),
    "extra_column": Fault("program", "deltagelse", "extra_column", "warning", "column not in the contract"),
    "too_many_fields": Fault("jobcenter", "maalgrupper", "too_many_fields", "row", "a line has one field too many"),
    "too_few_fields": Fault("program", "who5", "too_few_fields", "row", "a line has one field too few"),
    "unterminated_quote": Fault("jobcenter", "sager", "malformed_quotes", "row",
                                "a field opens a quote that is never closed"),
    "invalid_byte": Fault("jobcenter", "indsatser", "invalid_encoding", "row",
                          "a byte not valid in the delivery's encoding"),
    "nul_byte": Fault("program", "screeninger", "nul_byte", "row", "a NUL byte inside a field"),
}
PLANNED = {"late", "duplicate_delivery"}  # shape the deliveries rather than edit a file
# a byte each encoding never produces: 0xFF is no UTF-8 lead byte, 0x81 is undefined in cp1252
INVALID_BYTE = {"utf-8": "\udcff", "cp1252": "\udc81"}


def resolve(names) -> tuple[str, ...]:
    """Fault names in the catalogue's order, so faults sharing a file are applied the same way whatever was asked."""
    names = [n.strip() for n in names if n.strip()]
    if "all" in names:
        return tuple(FAULTS)
    unknown = set(names) - set(FAULTS)
    if unknown:
        raise ValueError(f"unknown fault(s) {sorted(unknown)}; choose from {sorted(FAULTS)} or all")
    return tuple(f for f in FAULTS if f in names)


class Csv:
    """A delivered file as lines of text, written back in the delivery's format.

    Bytes not valid in the encoding survive a read and write as surrogates, so faults can share a file.
    """

    def __init__(self, path: Path, fmt: Format):
        self.path, self.fmt = path, fmt
        text = path.read_bytes().decode(fmt.encoding, errors="surrogateescape")
        self.bom = text.startswith("\ufeff")
        lines = text.lstrip("\ufeff").split("\n")[:-1]
        self.header, self.rows = lines[0].split(";"), [line.split(";") for line in lines[1:]]

    def save(self, encoding: str | None = None, manifest_rows: bool = True) -> None:
        lines = [";".join(self.header)] + [";".join(r) for r in self.rows]
        encoding = encoding or self.fmt.encoding
        text = ("\ufeff" if self.bom and encoding == "utf-8" else "") + "\n".join(lines) + "\n"
        data = text.encode(encoding, errors="surrogateescape")
        self.path.write_bytes(data)
        manifest_path = self.path.parent / "_manifest.json"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        entry = manifest["tables"][self.path.stem]
        entry["sha256"] = hashlib.sha256(data).hexdigest()
        if manifest_rows:
            entry["rows"] = len(self.rows)
        manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


class Edit:
    """One fault's edit of one file: picks rows no earlier fault in that file has touched."""

    def __init__(self, csv: Csv, fmt: Format, rng: random.Random, taken: set[int]):
        self.csv, self.fmt, self.rng, self.taken = csv, fmt, rng, taken

    def pick(self, usable=lambda row: True, n: int = 3) -> list[int]:
        candidates = [i for i, row in enumerate(self.csv.rows) if i not in self.taken and usable(row)]
        picked = sorted(self.rng.sample(candidates, min(n, len(candidates))))
        self.taken.update(picked)
        return picked

    def column(self, name: str) -> int:
        return self.csv.header.index(name)


def apply(fault: str, folder: Path, fmt: Format, rng: random.Random, taken: dict[Path, set[int]]) -> dict:
    """Break the file of `fault` in the snapshot `folder`; return the truth entry.

    `taken` holds, per file, the rows earlier faults edited (0-based), so that each row carries one defect."""
    spec = FAULTS[fault]
    file = f"{spec.table}.csv" if spec.table else None if fault in PLANNED else "_manifest.json"
    entry = {"fault": fault, "source": spec.source, "file": file, "rows": [], "rule": spec.rule, "level": spec.level,
             "description": spec.description}
    if fault == "missing_manifest":
        (folder / "_manifest.json").unlink()
    elif spec.table:
        path = folder / f"{spec.table}.csv"
        entry["rows"] = EDITS[fault](Edit(Csv(path, fmt), fmt, rng, taken.setdefault(path, set())))
    return entry


def _set(column: str, value_of, usable=lambda row, edit: True):
    def edit_rows(edit: Edit) -> list[int]:
        col = edit.column(column)
        picked = edit.pick(lambda row: usable(row, edit))
        for i in picked:
            edit.csv.rows[i][col] = value_of(edit.csv.rows[i], edit)
        edit.csv.save()
        return [i + 1 for i in picked]
    return edit_rows


def _lines(change, n: int = 3):
    """A parse fault: `change` rewrites the fields of each picked line; the line stays one line."""
    def edit_rows(edit: Edit) -> list[int]:
        picked = edit.pick(n=n)
        for i in picked:
            edit.csv.rows[i] = change(list(edit.csv.rows[i]), edit)
        edit.csv.save()
        return [i + 1 for i in picked]
    return edit_rows


def _inside(field: str, text: str) -> str:
    middle = len(field) // 2
    return field[:middle] + text + field[middle:]


def _truncated(edit: Edit) -> list[int]:
    total = len(edit.csv.rows)
    edit.csv.rows = edit.csv.rows[:-3]
    edit.csv.save(manifest_rows=False)
    return list(range(total - 2, total + 1))


def _reencoded(edit: Edit) -> list[int]:
    """The warehouse tells a re-encoded file from a stray byte by two or more lines holding non-ASCII text."""
    csv, fmt = edit.csv, edit.fmt
    non_ascii = [i for i, row in enumerate(csv.rows) if not ";".join(row).isascii()]
    for i in [i for i in range(len(csv.rows)) if i not in non_ascii][:max(0, 2 - len(non_ascii))]:
        csv.rows[i][edit.column("udbyder")] = "Døgninstitutionen Bøgely"
        non_ascii.append(i)
    if len(non_ascii) < 2:
        raise ValueError(f"{csv.path} has fewer than 2 rows to re-encode; generate more residents")
    csv.save(encoding="utf-8" if fmt.encoding == "cp1252" else "cp1252", manifest_rows=False)
    return sorted(i + 1 for i in non_ascii)


def _duplicate_keys(edit: Edit) -> list[int]:
    picked = edit.pick()
    edit.csv.rows += [list(edit.csv.rows[i]) for i in picked]
    edit.csv.save()
    total = len(edit.csv.rows)
    return [i + 1 for i in picked] + list(range(total - len(picked) + 1, total + 1))


def _extra_column(edit: Edit) -> list[int]:
    edit.csv.header.append("kommentar")
    for row in edit.csv.rows:
        row.append("")
    edit.csv.save()
    return []


def _missing_column(edit: Edit) -> list[int]:
    col = edit.column("fravaersdage")
    for row in [edit.csv.header, *edit.csv.rows]:
        del row[col]
    edit.csv.save()
    return []


def _before(row: list[str], edit: Edit) -> str:
    start = datetime.strptime(row[edit.column("fra_dato")], edit.fmt.date_format)
    return (start - timedelta(days=30)).strftime(edit.fmt.date_format)


def _impossible_date(row: list[str], edit: Edit) -> str:
    return "31-02-2020" if edit.fmt.date_format.startswith("%d") else "2020-02-31"


EDITS = {
    "truncated": _truncated,
    "reencoded": _reencoded,
    "missing_column": _missing_column,
    "unknown_codes": _set("kategori", lambda row, edit: "UKENDT_KATEGORI"),
    "bad_dates": _set("fra_dato", _impossible_date),
    "end_before_start": _set("til_dato", _before, lambda row, edit: row[edit.column("til_dato")] != ""),
    "malformed_cpr": _set("cpr", lambda row, edit: "32" + row[edit.column("cpr")][2:]),
    "duplicate_keys": _duplicate_keys,
    "extra_column": _extra_column,
    "too_many_fields": _lines(lambda fields, edit: fields + ["ekstra"]),
    "too_few_fields": _lines(lambda fields, edit: fields[:-1]),
    "unterminated_quote": _lines(lambda fields, edit: fields[:1] + ['"' + fields[1]] + fields[2:]),
    "invalid_byte": _lines(
        lambda fields, edit: fields[:1] + [_inside(fields[1], INVALID_BYTE[edit.fmt.encoding])] + fields[2:], n=1),
    "nul_byte": _lines(lambda fields, edit: fields[:2] + [_inside(fields[2], "\x00")] + fields[3:]),
}
