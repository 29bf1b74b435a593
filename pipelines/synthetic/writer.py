"""Landing files: one folder per municipality, source and delivery, CSV plus manifest written last."""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from pipelines.synthetic.contracts import table_columns, tables_of
from pipelines.synthetic.cprnumbers import PendingCpr
from pipelines.synthetic.snapshot import as_of_filter

VARIANTS = {"utf-8", "utf-8-sig", "cp1252", "day-first", "decimal-comma"}


class Format:
    """How a delivery writes values: encoding, date format, decimal mark (`manifest_variant`)."""

    def __init__(self, variant: str = "utf-8"):
        self.variant, parts = variant, set(variant.split("+"))
        if parts - VARIANTS:
            raise ValueError(f"unknown manifest variant(s): {sorted(parts - VARIANTS)}; choose from {sorted(VARIANTS)}")
        self.bom = "utf-8-sig" in parts
        self.encoding = "cp1252" if "cp1252" in parts else "utf-8"
        self.date_format = "%d-%m-%Y" if "day-first" in parts else "%Y-%m-%d"
        self.decimal = "," if "decimal-comma" in parts else "."
        self._dates: dict[date, str] = {}

    def value(self, value) -> str:
        kind = type(value)
        if kind is str:
            return value
        if kind is PendingCpr:
            return value.number
        if kind is int:
            return str(value)
        if value is None:
            return ""
        if isinstance(value, date):
            text = self._dates.get(value)
            if text is None:
                text = self._dates[value] = value.strftime(self.date_format)
            return text
        if isinstance(value, float):
            if self.decimal == ",":
                return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
            return f"{value:.2f}"
        return str(value)

    def manifest_fields(self) -> dict:
        return {"encoding": self.encoding, "delimiter": ";", "date_format": self.date_format, "decimal": self.decimal}


def render(table: str, rows: list[tuple], fmt: Format, as_of: date) -> tuple[bytes, int]:
    """The lines of `rows` as a delivery made on `as_of` shows them, encoded, and how many there are."""
    kept, value = as_of_filter(table)(rows, as_of), fmt.value
    text = "\n".join([";".join(map(value, row)) for row in kept])
    return (text + "\n" if kept else "").encode(fmt.encoding), len(kept)


class TableFile:
    def __init__(self, path: Path, columns: list[str], fmt: Format):
        self.path, self.rows = path, 0
        self.handle = path.open("wb")
        self.digest = hashlib.sha256()
        self.append((("\ufeff" if fmt.bom else "") + ";".join(columns) + "\n").encode(fmt.encoding), 0)

    def append(self, data: bytes, rows: int) -> None:
        self.handle.write(data)
        self.digest.update(data)
        self.rows += rows


class Delivery:
    """One snapshot folder per source: `folder_date` names it, `as_of` is the day its content shows."""

    def __init__(self, root: Path, kommunekode: str, folder_date: date, as_of: date, fmt: Format, sources):
        self.kommunekode, self.folder_date, self.as_of, self.fmt = kommunekode, folder_date, as_of, fmt
        self.files: dict[str, TableFile] = {}
        for source in sources:
            folder = root / kommunekode / source / folder_date.isoformat()
            folder.mkdir(parents=True, exist_ok=True)
            for table in tables_of(source):
                columns = table_columns()[table]
                self.files[table] = TableFile(folder / f"{table.split('/')[1]}.csv", columns, fmt)

    def write(self, table: str, rows: list[tuple]) -> None:
        if table in self.files:
            self.append(table, *render(table, rows, self.fmt, self.as_of))

    def append(self, table: str, data: bytes, rows: int) -> None:
        self.files[table].append(data, rows)

    def close(self) -> dict[str, int]:
        """Close every file and write each source's manifest last."""
        counts, by_source = {}, {}
        for table, handle in self.files.items():
            handle.handle.close()
            source, name = table.split("/")
            by_source.setdefault(source, {})[name] = {"file": handle.path.name, "rows": handle.rows,
                                                      "sha256": handle.digest.hexdigest()}
            counts[table] = handle.rows
        for source, tables in by_source.items():
            manifest = {"kommunekode": self.kommunekode, "source": source,
                        "extract_date": self.folder_date.isoformat(), **self.fmt.manifest_fields(), "tables": tables}
            path = next(iter(self.files[f"{source}/{n}"] for n in tables)).path.parent / "_manifest.json"
            path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return counts

