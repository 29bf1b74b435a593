"""`helhed quality`: the report of report.py as rich tables in a terminal, or as JSON.

Exit status: 0 all is well, 1 something needs the operator (see report.needs_operator), 2 the warehouse
cannot be read (missing file, or audit tables of an older schema).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .report import WarehouseError, read_report

ALL_WELL, NEEDS_OPERATOR, UNREADABLE = 0, 1, 2
# A report piped to a file or a mail is not cut to 80 columns.
PIPED_WIDTH = 160
FRESHNESS_STYLE = {"fresh": "green", "warning": "yellow", "error": "bold red"}
HISTORY_MARK = {True: "✓", False: "✗", None: "·"}


def show_quality(path: Path, as_json: bool) -> int:
    try:
        report = read_report(path)
    except WarehouseError as error:
        print(f"helhed quality: {error}", file=sys.stderr)
        return UNREADABLE
    if as_json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        render(report, Console(width=None if sys.stdout.isatty() else PIPED_WIDTH))
    return NEEDS_OPERATOR if report["needs_operator"] else ALL_WELL


def render(report: dict, console: Console) -> None:
    console.print(Text(f"Warehouse {report['warehouse']}", style="bold"))
    _print_attention(report["attention"], console)
    sources = report["sources"]
    for table in (_sources_table(sources), _files_table(sources), _rejected_table(sources),
                  _quarantine_table(sources)):
        if table.row_count:
            console.print(table)
    _print_expectations(report["expectations"], console)


def _print_attention(attention: list[dict], console: Console) -> None:
    if not attention:
        console.print(Text("All is well: nothing needs the operator.", style="bold green"))
        return
    console.print(Text(f"Needs the operator ({len(attention)}):", style="bold red"))
    for item in attention:
        where = f"{item['kommunekode']} {item['source']}: " if item["source"] else ""
        console.print(Text(f"  - {where}{item['reason']}"))


def _table(title: str, *columns: str, numeric=()) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold")
    for column in columns:
        table.add_column(column, justify="right" if column in numeric else "left", overflow="fold")
    return table


def _cell(value) -> Text:
    return Text("–" if value is None else str(value))


def _sources_table(sources: list[dict]) -> Table:
    table = _table("Snapshots in force", "kommune", "source", "extract date", "delivered", "age", "freshness",
                   "origin", "newest delivery", numeric=("age",))
    for source in sources:
        force = source["in_force"] or {}
        newest = source["newest_delivery"] or {}
        freshness = Text(force.get("freshness") or "none in force",
                         style=FRESHNESS_STYLE.get(force.get("freshness"), "bold red"))
        table.add_row(_cell(source["kommunekode"]), _cell(source["source"]), _cell(force.get("extract_date")),
                      _cell(force.get("delivered_date")), _cell(force.get("age_days")), freshness,
                      _cell(force.get("origin")),
                      _cell(f"{newest['extract_date']} {newest['status']}" if newest else None))
    return table


def _files_table(sources: list[dict]) -> Table:
    table = _table("Files in force", "kommune", "source", "extract date", "file", "rows delivered", "rows loaded",
                   "rows quarantined", "check", "warnings",
                   numeric=("rows delivered", "rows loaded", "rows quarantined"))
    for source in sources:
        for file in source["files"]:
            check = Text("ok", style="green") if file["balanced"] else Text("delivered ≠ loaded + quarantined",
                                                                           style="bold red")
            table.add_row(_cell(source["kommunekode"]), _cell(source["source"]), _cell(file["extract_date"]),
                          _cell(file["file"]), _cell(file["rows_delivered"]), _cell(file["rows_loaded"]),
                          _cell(file["rows_quarantined"]), check, _cell(file["warnings"]))
    return table


def _rejected_table(sources: list[dict]) -> Table:
    table = _table("Rejected snapshots", "kommune", "source", "extract date", "file", "rule", "reason")
    for source in sources:
        for rejected in source["rejected"]:
            table.add_row(_cell(source["kommunekode"]), _cell(source["source"]), _cell(rejected["extract_date"]),
                          _cell(rejected["file"]), _cell(rejected["rule"]), _cell(rejected["reason"]))
    return table


def _quarantine_table(sources: list[dict]) -> Table:
    table = _table("Quarantined lines by rule", "kommune", "source", "rule", "lines", "examples (file:line)",
                   numeric=("lines",))
    for source in sources:
        for rule in source["quarantine"]:
            examples = "\n".join(_example(e) for e in rule["examples"])
            table.add_row(_cell(source["kommunekode"]), _cell(source["source"]), _cell(rule["rule"]),
                          _cell(rule["lines"]), _cell(examples))
    return table


def _example(example: dict) -> str:
    column = f" {example['column_name']}" if example["column_name"] else ""
    detail = f" {example['detail']}" if example["detail"] else ""
    return f"{example['file']}:{example['line']}{column}{detail}: {example['text']}"


def _print_expectations(expectations: dict, console: Console) -> None:
    last = expectations["last_run"]
    if last is None:
        console.print(Text("No expectation results in this warehouse.", style="bold red"))
        return
    console.print(Text(f"Expectations, last run {last['run_id']} at {last['run_at']}", style="bold"))
    trend = "".join(_run_mark(run) for run in expectations["runs"])
    console.print(Text(f"Last {len(expectations['runs'])} runs, oldest first (✓ passed, ! warnings, "
                       f"✗ blocking failure): {trend}"))
    console.print(_per_table(expectations["results"]))
    failed = _failed_table(expectations["results"])
    if failed.row_count:
        console.print(failed)


def _run_mark(run: dict) -> str:
    return "✗" if run["failed_blocking"] else "!" if run["failed_warning"] else "✓"


def _per_table(results: list[dict]) -> Table:
    table = _table("Last run per table", "table", "expectations", "failed blocking", "failed warnings",
                   numeric=("expectations", "failed blocking", "failed warnings"))
    for name in sorted({r["table_name"] for r in results}):
        rows = [r for r in results if r["table_name"] == name]
        blocking = sum(1 for r in rows if r["blocking"] and not r["success"])
        warning = sum(1 for r in rows if not r["blocking"] and not r["success"])
        table.add_row(_cell(name), _cell(len(rows)), Text(str(blocking), style="bold red" if blocking else ""),
                      Text(str(warning), style="yellow" if warning else ""))
    return table


def _failed_table(results: list[dict]) -> Table:
    table = _table("Failed in the last run", "table", "expectation", "grade", "observed", "history")
    for row in results:
        if row["success"]:
            continue
        column = f"({row['column_name']})" if row["column_name"] else ""
        grade = Text("blocking", style="bold red") if row["blocking"] else Text("warning", style="yellow")
        history = "".join(HISTORY_MARK[success] for success in row["history"])
        table.add_row(_cell(row["table_name"]), _cell(row["expectation"] + column), grade, _cell(row["observed"]),
                      _cell(history))
    return table
