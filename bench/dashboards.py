"""Every dashboard page timed server-side on a published warehouse: the page's layout and each of its callbacks, as
the browser asks for them, through the app's own HTTP endpoints (login, guard and role checks included), as the
role each page is for.

    python bench/dashboards.py --warehouse bench/data/nightly/6000000/warehouse/helhed.duckdb

The views asked for are the heaviest a user can choose: the municipality and programme with the most families, every
cohort, the case manager with the most families, and their family with the most months.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboards import add_user, create_app  # noqa: E402

PASSWORD = "bench-password-not-secret"
TARGET_S = 1.0


@dataclass(frozen=True)
class View:
    kommunekode: str
    program: str
    casemanager_id: str
    family_id: str


@dataclass(frozen=True)
class Timing:
    page: str
    request: str
    seconds: list[float]

    @property
    def median_s(self) -> float:
        return statistics.median(self.seconds)


def heaviest_view(warehouse: Path) -> View:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        kommunekode, program = con.execute(
            "select kommunekode, program from analytics.program_families group by all order by count(*) desc, 1, 2 "
            "limit 1").fetchone()
        casemanager_id, = con.execute(
            "select casemanager_id::varchar from analytics.program_families where casemanager_id is not null "
            "group by all order by count(*) desc, 1 limit 1").fetchone()
        family_id, = con.execute(
            "select family_id from analytics.family_month where family_id in (select family_id from "
            "analytics.program_families where casemanager_id::varchar = ?) group by all order by count(*) desc, 1 "
            "limit 1", [casemanager_id]).fetchone()
    return View(kommunekode, program, casemanager_id, family_id)


def callback(outputs: list[tuple[str, str]], inputs: list[tuple[str, str, object]], state=()) -> dict:
    """The JSON body Dash's front end POSTs to /_dash-update-component."""
    ids = [{"id": i, "property": p} for i, p in outputs]
    joined = "...".join(f"{i}.{p}" for i, p in outputs)
    return {"output": f"..{joined}.." if len(outputs) > 1 else joined,
            "outputs": ids if len(outputs) > 1 else ids[0],
            "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
            "changedPropIds": [f"{i}.{p}" for i, p, _ in inputs],
            "state": [{"id": i, "property": p, "value": v} for i, p, v in state]}


def page_layout(path: str, search: str = "") -> dict:
    return callback([("_pages_content", "children"), ("_pages_store", "data")],
                    [("_pages_location", "pathname", path), ("_pages_location", "search", search)])


def whole_period(prefix: str) -> list[tuple[str, str, None]]:
    """The period filter's inputs, left empty: every year."""
    return [(f"{prefix}-from", "value", None), (f"{prefix}-to", "value", None)]


def requests(view: View) -> dict[tuple[str, str], list[tuple[str, dict]]]:
    """(page, user) -> the requests a browser makes to open the page on `view`, in order."""
    kommune = ("outcomes-kommune", "value", view.kommunekode)
    program = ("outcomes-program", "value", view.program)
    outcomes = [
        ("layout", page_layout("/programresultater", f"?kommune={view.kommunekode}&program={view.program}")),
        ("programmes", callback([("outcomes-program", "options"), ("outcomes-program", "value")], [kommune],
                                [("outcomes-program", "value", view.program)])),
        ("cohorts", callback([("outcomes-cohort", "options"), ("outcomes-cohort", "value")], [kommune, program],
                             [("outcomes-cohort", "value", "ALL")])),
        ("outcomes", callback([("outcomes-summary", "children"), ("outcomes-shares", "figure"),
                               ("outcomes-cost", "figure"), ("outcomes-trend", "figure"),
                               ("outcomes-table", "children")],
                              [kommune, program, ("outcomes-cohort", "value", "ALL"), *whole_period("outcomes")])),
        ("municipalities", callback([("outcomes-across", "children")], [program])),
    ]

    board = [
        ("layout", page_layout("/familietavle", f"?kommune={view.kommunekode}")),
        ("programmes", callback([("board-program", "options")], [("board-kommune", "value", view.kommunekode)])),
        ("board", callback([("board-table", "data"), ("board-family", "options")],
                           [("board-kommune", "value", view.kommunekode), ("board-program", "value", None)])),
        ("family timeline", callback(
            [("board-timeline", "figure"), ("board-goals", "children"), ("board-trend", "figure")],
            [("board-family", "value", view.family_id)])),
    ]
    def operations(page: str, path: str, figures: list[str]) -> list[tuple[str, dict]]:
        return [("layout", page_layout(path, f"?kommune={view.kommunekode}")),
                (page, callback([*((f, "figure") for f in figures), (f"{page}-note", "children")],
                                [(f"{page}-kommune", "value", view.kommunekode), *whole_period(page)]))]

    economy = [("layout", page_layout("/oekonomi", f"?kommune={view.kommunekode}&program={view.program}")),
               ("programmes", callback([("economy-program", "options"), ("economy-program", "value")],
                                       [("economy-kommune", "value", view.kommunekode)],
                                       [("economy-program", "value", view.program)])),
               ("economy", callback([("economy-saving", "children"), ("economy-event-study", "figure"),
                                     ("economy-components", "figure"), ("economy-note", "children"),
                                     ("economy-balance", "children")],
                                    [("economy-kommune", "value", view.kommunekode),
                                     ("economy-program", "value", view.program), *whole_period("economy")])),
               ("municipalities", callback([("economy-across", "children")],
                                           [("economy-program", "value", view.program)]))]
    return {("Programresultater", "manager"): outcomes, ("Økonomi", "manager"): economy,
            ("Familietavle", "casemanager"): board,
            ("Sagsbelastning", "manager"): operations("caseload", "/sagsbelastning",
                                                      ["caseload-figure", "caseload-per-family"]) + [
                ("municipalities", callback([("caseload-across", "children")], whole_period("caseload")))],
            ("Befolkning", "manager"): operations("population", "/befolkning", ["population-figure"]),
            ("Datakvalitet", "operator"): [("layout", page_layout("/datakvalitet"))],
            ("Brugere", "admin"): [("layout", page_layout("/brugere"))]}


def time_pages(warehouse: Path, repeats: int = 5) -> list[Timing]:
    view = heaviest_view(warehouse)
    with tempfile.TemporaryDirectory() as tmp:
        users = Path(tmp) / "users.json"
        for role in ("manager", "operator", "admin"):
            add_user(users, f"bench-{role}", PASSWORD, role)
        add_user(users, "bench-casemanager", PASSWORD, "casemanager", view.casemanager_id)
        app = create_app(warehouse, users, secret_key="bench")
        timings = []
        for (page, role), page_requests in requests(view).items():
            client = app.server.test_client()
            _log_in(client, f"bench-{role}")
            for name, body in page_requests:
                timings.append(Timing(page, name, [_post(client, body) for _ in range(repeats)]))
    return timings


def _log_in(client, name: str) -> None:
    client.get("/login")
    with client.session_transaction() as session:
        token = session["login_token"]
    response = client.post("/login", data={"username": name, "password": PASSWORD, "token": token, "next": "/"})
    if response.status_code != 302:
        raise SystemExit(f"bench login as {name} failed: {response.status_code}")


def _post(client, body: dict) -> float:
    started = time.perf_counter()
    response = client.post("/_dash-update-component", json=body)
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{body['output']} answered {response.status_code}: {response.get_data(as_text=True)[:300]}")
    return seconds


def report_lines(name: str, timings: list[Timing]) -> list[str]:
    """A table line per page: its slowest request's median, every request's median, and whether all are < 1 s."""
    lines = []
    for page in dict.fromkeys(t.page for t in timings):
        mine = [t for t in timings if t.page == page]
        slowest = max(t.median_s for t in mine)
        each = ", ".join(f"{t.request} {t.median_s * 1000:.0f}" for t in mine)
        lines.append(f"| {name} | {page} | {slowest * 1000:.0f} | {each} | "
                     f"{'yes' if slowest < TARGET_S else '**no**'} |")
    return lines


TABLE_HEADER = ["| landing | page | slowest request (ms) | each request (ms, median) | < 1 s |",
                "|---|---|---:|---|---|"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--name", default="warehouse", help="the landing's name in the table")
    args = parser.parse_args()
    print("\n".join(TABLE_HEADER + report_lines(args.name, time_pages(args.warehouse, args.repeats))))


if __name__ == "__main__":
    main()
