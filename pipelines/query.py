"""Read-only SQL on the published warehouse, for analysts: `helhed query` and `helhed shell`.

The connection is read-only and cannot reach any file but the warehouse (`enable_external_access = false`, then the
configuration is locked): a `CREATE`, `INSERT`, `COPY … TO`, `ATTACH` or `read_csv` is refused with DuckDB's reason,
and the nightly job's rename of the file is not held up (a reader keeps the file it opened).
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import pandas as pd

FORMATS = ("table", "csv", "json")


class QueryRefused(Exception):
    """The statement cannot run on the published warehouse (or there is no warehouse): a message for the analyst."""


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    if not Path(warehouse).is_file():
        raise QueryRefused(f"no published warehouse at {warehouse} (run `helhed run` first, or give --warehouse)")
    con = duckdb.connect(str(warehouse), read_only=True, config={"enable_external_access": False})
    con.execute("SET lock_configuration = true")
    return con


def run(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame | None:
    """The statement's rows (none for a statement without any)."""
    try:
        result = con.execute(sql)
        return result.df() if result.description else None
    except (duckdb.PermissionException, duckdb.InvalidInputException) as error:
        raise QueryRefused(f"refused: the warehouse is read only and no file can be read or written "
                           f"({_first_line(error)})") from error
    except duckdb.Error as error:
        raise QueryRefused(_first_line(error)) from error


def render(frame: pd.DataFrame | None, output: str) -> str:
    if frame is None:
        return ""
    if output == "csv":
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False)
        return buffer.getvalue()
    if output == "json":
        return json.dumps(json.loads(frame.to_json(orient="records", date_format="iso")), ensure_ascii=False,
                          indent=1) + "\n"
    return frame.to_string(index=False, max_rows=200) + f"\n({len(frame)} rows)\n"


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0]
