"""Delivery defects from the end of extracts.md, applied to the newest snapshot; each is recorded."""
from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

from pipelines.synthetic.writer import Format

# fault: (source, table or None, rule the warehouse should report)
FAULTS = {
    "missing_manifest": ("voksen", None, "snapshot without _manifest.json is incomplete"),
    "late": ("politi", None, "no snapshot for the extract date; the newest is the day before"),
    "duplicate_delivery": ("organisation", None, "the day's snapshot repeats the previous day's content"),
    "truncated": ("program", "maal", "file has fewer data rows than the manifest states"),
    "reencoded": ("boern", "indsatser", "file encoding differs from the manifest's encoding"),
    "unknown_codes": ("jobcenter", "maalgrupper", "kategori not in the code list"),
    "bad_dates": ("jobcenter", "indsatser", "fra_dato is not a calendar date"),
    "end_before_start": ("jobcenter", "sager", "til_dato before fra_dato"),
    "malformed_cpr": ("jobcenter", "ydelser", "cpr is not a valid personal number"),
    "duplicate_keys": ("boern", "sager", "sag_id is not unique"),
    "extra_column": ("program", "who5", "column not in the contract"),
    "missing_column": ("skole", "fravaer", "required column fravaersdage missing"),
}
PLANNED = {"late", "duplicate_delivery"}  # shape the deliveries rather than edit a file


def resolve(names) -> tuple[str, ...]:
    names = [n.strip() for n in names if n.strip()]
    if "all" in names:
        return tuple(FAULTS)
    unknown = set(names) - set(FAULTS)
    if unknown:
        raise ValueError(f"unknown fault(s) {sorted(unknown)}; choose from {sorted(FAULTS)} or all")
    return tuple(dict.fromkeys(names))


class Csv:
    """A delivered file as lines of text, written back in the delivery's format."""

    def __init__(self, path: Path, fmt: Format):
        self.path, self.fmt = path, fmt
        text = path.read_bytes().decode(fmt.encoding)
        self.bom = text.startswith("\ufeff")
        lines = text.lstrip("\ufeff").split("\n")[:-1]
        self.header, self.rows = lines[0].split(";"), [line.split(";") for line in lines[1:]]

    def save(self, encoding: str | None = None, manifest_rows: bool = True) -> None:
        lines = [";".join(self.header)] + [";".join(r) for r in self.rows]
        data = (("\ufeff" if self.bom else "") + "\n".join(lines) + "\n").encode(encoding or self.fmt.encoding)
        self.path.write_bytes(data)
        manifest_path = self.path.parent / "_manifest.json"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        entry = manifest["tables"][self.path.stem]
        entry["sha256"] = hashlib.sha256(data).hexdigest()
        if manifest_rows:
            entry["rows"] = len(self.rows)
        manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def apply(fault: str, folder: Path, fmt: Format, rng: random.Random) -> dict:
    """Break the file of `fault` in the snapshot `folder`; return the truth entry."""
    source, table, rule = FAULTS[fault]
    entry = {"fault": fault, "source": source, "file": f"{table}.csv" if table else "_manifest.json",
             "rows": [], "rule": rule}
    if fault == "missing_manifest":
        (folder / "_manifest.json").unlink()
    elif table:
        entry["rows"] = EDITS[fault](Csv(folder / f"{table}.csv", fmt), fmt, rng)
    return entry


def _pick(csv: Csv, rng: random.Random, usable=lambda row: True, n: int = 3) -> list[int]:
    candidates = [i for i, row in enumerate(csv.rows) if usable(row)]
    return sorted(rng.sample(candidates, min(n, len(candidates))))


def _set(column: str, value_of, usable=lambda row, csv: True):
    def edit(csv: Csv, fmt: Format, rng: random.Random) -> list[int]:
        col = csv.header.index(column)
        picked = _pick(csv, rng, lambda row: usable(row, csv))
        for i in picked:
            csv.rows[i][col] = value_of(csv.rows[i], csv, fmt)
        csv.save()
        return [i + 1 for i in picked]
    return edit


def _truncated(csv: Csv, fmt, rng) -> list[int]:
    total = len(csv.rows)
    csv.rows = csv.rows[:-3]
    csv.save(manifest_rows=False)
    return list(range(total - 2, total + 1))


def _reencoded(csv: Csv, fmt, rng) -> list[int]:
    csv.save(encoding="utf-8" if fmt.encoding == "cp1252" else "cp1252", manifest_rows=False)
    return [i + 1 for i, row in enumerate(csv.rows) if not ";".join(row).isascii()]


def _duplicate_keys(csv: Csv, fmt, rng) -> list[int]:
    picked = _pick(csv, rng)
    csv.rows += [list(csv.rows[i]) for i in picked]
    csv.save()
    return [i + 1 for i in picked] + list(range(len(csv.rows) - len(picked) + 1, len(csv.rows) + 1))


def _extra_column(csv: Csv, fmt, rng) -> list[int]:
    csv.header.append("kommentar")
    for row in csv.rows:
        row.append("")
    csv.save()
    return []


def _missing_column(csv: Csv, fmt, rng) -> list[int]:
    col = csv.header.index("fravaersdage")
    for row in [csv.header, *csv.rows]:
        del row[col]
    csv.save()
    return []


def _before(row: list[str], csv: Csv, fmt: Format) -> str:
    from datetime import datetime, timedelta
    start = datetime.strptime(row[csv.header.index("fra_dato")], fmt.date_format)
    return (start - timedelta(days=30)).strftime(fmt.date_format)


EDITS = {
    "truncated": _truncated,
    "reencoded": _reencoded,
    "unknown_codes": _set("kategori", lambda row, csv, fmt: "UKENDT_KATEGORI"),
    "bad_dates": _set("fra_dato", lambda row, csv, fmt: "31-02-2020" if fmt.date_format.startswith("%d") else "2020-02-31"),
    "end_before_start": _set("til_dato", _before, lambda row, csv: row[csv.header.index("til_dato")] != ""),
    "malformed_cpr": _set("cpr", lambda row, csv, fmt: "32" + row[csv.header.index("cpr")][2:]),
    "duplicate_keys": _duplicate_keys,
    "extra_column": _extra_column,
    "missing_column": _missing_column,
}
