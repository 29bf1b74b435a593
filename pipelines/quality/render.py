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
from .tables import ReportTable, attention_lines, delivery_tables, expectation_tables, expectation_trend

ALL_WELL, NEEDS_OPERATOR, UNREADABLE = 0, 1, 2
# A report piped to a file or a mail is not cut to 80 columns.
PIPED_WIDTH = 160
TONE_STYLE = {"good": "green", "warning": "yellow", "bad": "bold red"}


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
    _print_attention(attention_lines(report), console)
    for table in delivery_tables(report):
        if table.rows:
            console.print(_rich_table(table))
    _print_expectations(report["expectations"], console)


def _print_attention(lines: list[str], console: Console) -> None:
    if not lines:
        console.print(Text("All is well: nothing needs the operator.", style="bold green"))
        return
    console.print(Text(f"Needs the operator ({len(lines)}):", style="bold red"))
    for line in lines:
        console.print(Text(f"  - {line}"))


def _rich_table(report_table: ReportTable) -> Table:
    table = Table(title=report_table.title, title_justify="left", title_style="bold")
    for column in report_table.columns:
        table.add_column(column, justify="right" if column in report_table.numeric else "left", overflow="fold")
    for row in report_table.rows:
        table.add_row(*(Text(cell.text, style=TONE_STYLE.get(cell.tone, "")) for cell in row))
    return table


def _print_expectations(expectations: dict, console: Console) -> None:
    last = expectations["last_run"]
    if last is None:
        console.print(Text("No expectation results in this warehouse.", style="bold red"))
        return
    console.print(Text(f"Expectations, last run {last['run_id']} at {last['run_at']}", style="bold"))
    console.print(Text(f"Last {len(expectations['runs'])} runs, oldest first (✓ passed, ! warnings, "
                       f"✗ blocking failure): {expectation_trend(expectations)}"))
    per_table, failed = expectation_tables(expectations)
    console.print(_rich_table(per_table))
    if failed.rows:
        console.print(_rich_table(failed))
