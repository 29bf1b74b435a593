"""Writes hand-made snapshots in the layout of docs/extracts.md, for tests."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipelines.ingest.contracts import contracts_by_source


def _line(values: list, delimiter: str) -> str:
    return delimiter.join("" if v is None else str(v) for v in values) + "\n"


def write_snapshot(
    landing: Path, kommunekode: str, source: str, extract_date: str, tables: dict[str, list[dict]] | None = None,
    *, encoding: str = "utf-8", date_format: str = "%Y-%m-%d", decimal: str = ".", with_manifest: bool = True,
    manifest_rows: dict[str, int] | None = None, header_override: dict[str, list[str]] | None = None,
) -> Path:
    """Every table of the source gets a file (header only where no rows are given); rows are dicts by column."""
    folder = landing / kommunekode / source / extract_date
    folder.mkdir(parents=True, exist_ok=True)
    entries = {}
    for contract in contracts_by_source()[source]:
        header = (header_override or {}).get(contract.table, contract.column_names)
        rows = (tables or {}).get(contract.table, [])
        text = _line(header, ";") + "".join(_line([row.get(c) for c in header], ";") for row in rows)
        data = text.encode("utf-8-sig" if encoding == "utf-8-sig" else encoding)
        (folder / contract.file_name).write_bytes(data)
        entries[contract.table] = {
            "file": contract.file_name,
            "rows": (manifest_rows or {}).get(contract.table, len(rows)),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    if with_manifest:
        manifest = {"kommunekode": kommunekode, "source": source, "extract_date": extract_date, "encoding": encoding,
                    "delimiter": ";", "date_format": date_format, "decimal": decimal, "tables": entries}
        (folder / "_manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return folder
