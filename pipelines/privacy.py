"""Erasure on request and retention: a person's pseudonym on the erasure list, or of someone gone from every source
for more than the retention years, is removed from every raw and quarantine row of the night, so nothing derived
from them is built; each night writes a receipt.

The list (`erasure-requests.jsonl` beside the warehouse, readable by its owner only) holds the pseudonym, the
reason and the day, never the CPR number. A removed row is no lost row: the file's count of rows erased says
where it went (delivered = loaded + quarantined + erased).
"""
from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
from stdnum.dk import cpr as cpr_number

from .ingest.contracts import TableContract
from .ingest.pseudonym import PSEUDONYM_IN_TEXT, pseudonymise
from .ingest.rules import literal, quote


class InvalidCpr(ValueError):
    """The number is no CPR number: nothing is recorded."""


def requests_file(warehouse: Path) -> Path:
    return Path(warehouse).with_name("erasure-requests.jsonl")


def request_erasure(requests: Path, cpr: str, reason: str, key: bytes) -> str:
    """Records the request and returns the person's pseudonym."""
    if not cpr_number.is_valid(cpr):
        raise InvalidCpr("that is no valid CPR number (python-stdnum's rule): nothing was recorded")
    if not reason.strip():
        raise ValueError("give the reason for the erasure (the request or case it answers)")
    pseudonym = pseudonymise(cpr, key)
    entry = {"requested_at": datetime.now(UTC).isoformat(timespec="seconds"), "pseudonym": pseudonym,
             "reason": reason.strip()}
    requests.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(requests, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return pseudonym


def erased_pseudonyms(requests: Path) -> list[str]:
    if not requests.is_file():
        return []
    with requests.open(encoding="utf-8") as lines:
        return sorted({json.loads(line)["pseudonym"] for line in lines if line.strip()})


def people_gone(con: duckdb.DuckDBPyConnection, contracts: list[TableContract], years: int, today: date) -> list[str]:
    """The pseudonyms whose last day in any source lies more than `years` before `today`. A row's last day is the
    earliest of its presence-ending dates (`endsPresence` in the contract: end of a spell, moving out, death), or
    today when it has such columns and none is set; in a table without them, its latest date; in a table without
    dates (monthly school absence), the snapshot's extract date. A person in any row that still holds them stays."""
    last_days = [f"SELECT {quote(person.name)} AS pseudonym, {_last_day(contract, today)} AS last_day "
                 f"FROM raw.{contract.raw_table} WHERE {quote(person.name)} IS NOT NULL"
                 for contract in contracts for person in contract.columns if person.pseudonymise]
    return [p for (p,) in con.execute(
        f"SELECT pseudonym FROM ({' UNION ALL '.join(last_days)}) GROUP BY pseudonym "
        "HAVING max(last_day) < CAST(? AS DATE) - to_years(?) ORDER BY pseudonym", [today, years]).fetchall()]


def _last_day(contract: TableContract, today: date) -> str:
    ends = [quote(c.name) for c in contract.columns if c.ends_presence]
    dates = [quote(c.name) for c in contract.columns if c.logical_type == "date"]
    if ends:
        return f"coalesce(least({', '.join(ends)}), DATE {literal(today.isoformat())})"
    return f"greatest({', '.join(dates)})" if dates else "extract_date"


def erase(con: duckdb.DuckDBPyConnection, source: str, contracts: list[TableContract], pseudonyms: list[str],
          today: date, ground: str = "request") -> None:
    """Removes the pseudonyms' rows from the source's raw tables and quarantine, moves them to the files' rows
    erased, and writes one receipt per pseudonym to audit.erasures (`ground`: request or retention)."""
    if not pseudonyms:
        return
    con.execute("CREATE OR REPLACE TEMP TABLE erased_people AS SELECT unnest(?::VARCHAR[]) AS pseudonym",
                [pseudonyms])
    removed = {p: 0 for p in pseudonyms}
    for contract in contracts:
        for pseudonym, rows in _erase_raw(con, contract).items():
            removed[pseudonym] += rows
        for pseudonym, rows in _erase_quarantine(con, source, contract).items():
            removed[pseudonym] += rows
    checked = ", ".join(f"raw.{c.raw_table}" for c in contracts) + ", audit.quarantine"
    # a request is receipted per person; retention, which may remove many people every night, per source
    receipts = (sorted(removed.items()) if ground == "request" else [(None, sum(removed.values()))])
    con.executemany("INSERT INTO audit.erasures VALUES (?, ?, ?, ?, ?, ?)",
                    [(today, pseudonym, ground, source, checked, rows) for pseudonym, rows in receipts])


def _erase_raw(con, contract: TableContract) -> dict[str, int]:
    """A row goes when any of its person columns names an erased person (counted once)."""
    columns = [quote(c.name) for c in contract.columns if c.pseudonymise]
    if not columns:
        return {}
    matches = " UNION ALL ".join(
        f"SELECT t.kommunekode, t.extract_date, t.source_row, e.pseudonym FROM raw.{contract.raw_table} AS t "
        f"INNER JOIN erased_people AS e ON t.{c} = e.pseudonym" for c in columns)
    con.execute(f"CREATE OR REPLACE TEMP TABLE erased_rows AS SELECT kommunekode, extract_date, source_row, "
                f"min(pseudonym) AS pseudonym FROM ({matches}) GROUP BY kommunekode, extract_date, source_row")
    con.execute(f"DELETE FROM raw.{contract.raw_table} AS t USING erased_rows AS r WHERE t.kommunekode = r.kommunekode "
                "AND t.extract_date = r.extract_date AND t.source_row = r.source_row")
    _move_to_erased(con, contract, "rows_loaded")
    return dict(con.execute("SELECT pseudonym, count(*) FROM erased_rows GROUP BY ALL").fetchall())


def _erase_quarantine(con, source: str, contract: TableContract) -> dict[str, int]:
    """A quarantined line names the person only inside its text (the row as JSON, or the line as delivered): the
    pseudonyms in it are matched, a line counted once."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE erased_rows AS
        SELECT q.kommunekode, q.extract_date, q.file, q.line, min(e.pseudonym) AS pseudonym
        FROM (SELECT kommunekode, extract_date, file, line,
                     unnest(regexp_extract_all(coalesce(row_json, '') || ' ' || coalesce(raw_line, ''),
                                               {literal(PSEUDONYM_IN_TEXT)})) AS named
              FROM audit.quarantine
              WHERE source = {literal(source)} AND table_name = {literal(contract.raw_table)}) AS q
        INNER JOIN erased_people AS e ON q.named = e.pseudonym
        GROUP BY q.kommunekode, q.extract_date, q.file, q.line""")
    con.execute("DELETE FROM audit.quarantine AS q USING erased_rows AS r WHERE q.kommunekode = r.kommunekode "
                "AND q.extract_date = r.extract_date AND q.file = r.file AND q.line = r.line "
                f"AND q.source = {literal(source)}")
    _move_to_erased(con, contract, "rows_quarantined")
    return dict(con.execute("SELECT pseudonym, count(*) FROM erased_rows GROUP BY ALL").fetchall())


def _move_to_erased(con, contract: TableContract, count_column: str) -> None:
    """The file's `count_column` gives up what was erased from it, and its rows erased take it."""
    con.execute(f"""
        UPDATE audit.file_loads AS f
        SET {count_column} = f.{count_column} - e.n, rows_erased = coalesce(f.rows_erased, 0) + e.n
        FROM (SELECT kommunekode, extract_date, count(*) AS n FROM erased_rows GROUP BY ALL) AS e
        WHERE f.kommunekode = e.kommunekode AND f.extract_date = e.extract_date
          AND f.table_name = {literal(contract.raw_table)} AND f.source = {literal(contract.source)}""")
