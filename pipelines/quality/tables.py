"""The quality report of report.py as titled tables of cells. The terminal (`helhed quality`, render.py) and the
dashboards' *Datakvalitet* page draw the same tables; a cell's tone (good, warning, bad) is how each colours it."""
from __future__ import annotations

from dataclasses import dataclass

FRESHNESS_TONE = {"fresh": "good", "warning": "warning", "error": "bad"}
HISTORY_MARK = {True: "✓", False: "✗", None: "·"}


@dataclass(frozen=True)
class Cell:
    text: str
    tone: str | None = None


@dataclass(frozen=True)
class ReportTable:
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    numeric: tuple[str, ...] = ()


def cell(value, tone: str | None = None) -> Cell:
    return Cell("–" if value is None else str(value), tone)


def attention_lines(report: dict) -> list[str]:
    """What needs the operator, one line each."""
    return [(f"{item['kommunekode']} {item['source']}: " if item["source"] else "") + item["reason"]
            for item in report["attention"]]


def delivery_tables(report: dict) -> list[ReportTable]:
    sources = report["sources"]
    return [_sources_table(sources), _files_table(sources), _rejected_table(sources), _quarantine_table(sources)]


def _sources_table(sources: list[dict]) -> ReportTable:
    rows = []
    for source in sources:
        force = source["in_force"] or {}
        newest = source["newest_delivery"] or {}
        freshness = Cell(force.get("freshness") or "none in force", FRESHNESS_TONE.get(force.get("freshness"), "bad"))
        rows.append((cell(source["kommunekode"]), cell(source["source"]), cell(force.get("extract_date")),
                     cell(force.get("delivered_date")), cell(force.get("age_days")), freshness,
                     cell(force.get("origin")),
                     cell(f"{newest['extract_date']} {newest['status']}" if newest else None)))
    return ReportTable("Snapshots in force", ("kommune", "source", "extract date", "delivered", "age", "freshness",
                                              "origin", "newest delivery"), rows, numeric=("age",))


def _files_table(sources: list[dict]) -> ReportTable:
    rows = []
    for source in sources:
        for file in source["files"]:
            check = Cell("ok", "good") if file["balanced"] else Cell("delivered ≠ loaded + quarantined", "bad")
            rows.append((cell(source["kommunekode"]), cell(source["source"]), cell(file["extract_date"]),
                         cell(file["file"]), cell(file["rows_delivered"]), cell(file["rows_loaded"]),
                         cell(file["rows_quarantined"]), check, cell(file["warnings"])))
    return ReportTable("Files in force", ("kommune", "source", "extract date", "file", "rows delivered",
                                          "rows loaded", "rows quarantined", "check", "warnings"), rows,
                       numeric=("rows delivered", "rows loaded", "rows quarantined"))


def _rejected_table(sources: list[dict]) -> ReportTable:
    rows = [(cell(source["kommunekode"]), cell(source["source"]), cell(rejected["extract_date"]),
             cell(rejected["file"]), cell(rejected["rule"]), cell(rejected["reason"]))
            for source in sources for rejected in source["rejected"]]
    return ReportTable("Rejected snapshots", ("kommune", "source", "extract date", "file", "rule", "reason"), rows)


def _quarantine_table(sources: list[dict]) -> ReportTable:
    rows = [(cell(source["kommunekode"]), cell(source["source"]), cell(rule["rule"]), cell(rule["lines"]),
             cell("\n".join(_example(e) for e in rule["examples"])))
            for source in sources for rule in source["quarantine"]]
    return ReportTable("Quarantined lines by rule", ("kommune", "source", "rule", "lines", "examples (file:line)"),
                       rows, numeric=("lines",))


def _example(example: dict) -> str:
    column = f" {example['column_name']}" if example["column_name"] else ""
    detail = f" {example['detail']}" if example["detail"] else ""
    return f"{example['file']}:{example['line']}{column}{detail}: {example['text']}"


def expectation_trend(expectations: dict) -> str:
    """One mark per run, oldest first: ✓ passed, ! warnings, ✗ a blocking failure."""
    return "".join("✗" if run["failed_blocking"] else "!" if run["failed_warning"] else "✓"
                   for run in expectations["runs"])


def expectation_tables(expectations: dict) -> list[ReportTable]:
    return [_per_table(expectations["results"]), _failed_table(expectations["results"])]


def _per_table(results: list[dict]) -> ReportTable:
    rows = []
    for name in sorted({r["table_name"] for r in results}):
        table_rows = [r for r in results if r["table_name"] == name]
        blocking = sum(1 for r in table_rows if r["blocking"] and not r["success"])
        warning = sum(1 for r in table_rows if not r["blocking"] and not r["success"])
        rows.append((cell(name), cell(len(table_rows)), Cell(str(blocking), "bad" if blocking else None),
                     Cell(str(warning), "warning" if warning else None)))
    return ReportTable("Last run per table", ("table", "expectations", "failed blocking", "failed warnings"), rows,
                       numeric=("expectations", "failed blocking", "failed warnings"))


def _failed_table(results: list[dict]) -> ReportTable:
    rows = []
    for row in results:
        if row["success"]:
            continue
        column = f"({row['column_name']})" if row["column_name"] else ""
        grade = Cell("blocking", "bad") if row["blocking"] else Cell("warning", "warning")
        history = "".join(HISTORY_MARK[success] for success in row["history"])
        rows.append((cell(row["table_name"]), cell(row["expectation"] + column), grade, cell(row["observed"]),
                     cell(history)))
    return ReportTable("Failed in the last run", ("table", "expectation", "grade", "observed", "history"), rows)
