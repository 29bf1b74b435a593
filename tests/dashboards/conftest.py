"""A small hand-written warehouse, test users, and one app per test session.

Dash collects page callbacks into a process-wide registry that the first app
to serve a request takes, so the session builds a single app for all tests.
"""

import datetime as dt
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboards import add_user, create_app
from tests.quality.audit_warehouse import TROUBLED, audit_warehouse

REPO = Path(__file__).resolve().parents[2]

PASSWORD = "korrekt-hest-batteri"
USERS = {  # name -> (role, casemanager id)
    "mette": ("manager", None),
    "carl": ("casemanager", "CM-A"),
    "olga": ("operator", None),
    "anne": ("admin", None),
}
OUTCOME_IDS = [
    "adults_on_support_at_start_pct", "adults_support_years_before_start_avg",
    "adults_women_30_40_pct", "families_single_adult_pct", "children_open_case_at_start_pct",
    "children_case_years_at_start_avg", "adults_self_supporting_run_pct",
    "adults_self_supporting_at_end_pct", "children_case_closed_pct",
    "children_severe_moderate_first_pct", "children_severe_moderate_last_pct",
    "cost_per_family_year_before_dkk", "cost_per_family_year_during_dkk",
]


def outcome(kommunekode, program, cohort, counts, values: dict) -> dict:
    """A program_outcomes row; `values` maps an indicator id to (value, denominator)."""
    row = dict(kommunekode=kommunekode, program=program, cohort=cohort,
               n_families=counts[0], n_adults=counts[1], n_children=counts[2])
    for indicator_id in OUTCOME_IDS:
        value, denominator = values.get(indicator_id, (None, 0))
        row[indicator_id] = value
        row[indicator_id + "_denominator"] = denominator
    row["adults_in_work_at_end_n"] = values.get("adults_in_work_at_end_n", 0)
    saving, low, high, matched, comparison = values.get("saving", (None, None, None, 0, 0))
    row.update(cost_saving_dkk=saving, cost_saving_dkk_ci_low=low, cost_saving_dkk_ci_high=high,
               cost_saving_dkk_denominator=matched, comparison_families_n=comparison,
               saving_method="matched difference in differences")
    return row


PROGRAM_OUTCOMES = [
    outcome("420", "Job og Familie", "ALL", (10, 8, 12), {
        "adults_on_support_at_start_pct": (75.0, 8),
        "adults_support_years_before_start_avg": (4.2, 6),
        "adults_women_30_40_pct": (200 / 3, 6),
        "families_single_adult_pct": (60.0, 10),
        "children_open_case_at_start_pct": (250 / 3, 12),
        "children_case_years_at_start_avg": (1.7, 10),
        "adults_self_supporting_run_pct": (50.0, 6),
        "adults_self_supporting_at_end_pct": (100 / 3, 6),
        "children_case_closed_pct": (40.0, 10),
        "children_severe_moderate_first_pct": (200 / 3, 3),
        "children_severe_moderate_last_pct": (0.0, 3),
        "cost_per_family_year_before_dkk": (312500.0, 10),
        "cost_per_family_year_during_dkk": (254321.4, 10),
        "adults_in_work_at_end_n": 2,
        "saving": (1_200_000.0, 300_000.0, 2_100_000.0, 10, 40),
    }),
    # the two cohorts add up to ALL (families, adults, children and every denominator)
    outcome("420", "Job og Familie", "2022", (4, 4, 5), {
        "adults_on_support_at_start_pct": (100.0, 4),
        "families_single_adult_pct": (50.0, 4),
        "children_open_case_at_start_pct": (80.0, 5),
        "cost_per_family_year_before_dkk": (280000.0, 4),
    }),
    outcome("420", "Job og Familie", "2023", (6, 4, 7), {
        "adults_on_support_at_start_pct": (50.0, 4),
        "families_single_adult_pct": (200 / 3, 6),
        "children_open_case_at_start_pct": (600 / 7, 7),
        "cost_per_family_year_before_dkk": (2005000 / 6, 6),
        "adults_in_work_at_end_n": 2,
    }),
    outcome("420", "Hel Familie", "ALL", (6, 7, 9), {
        "adults_on_support_at_start_pct": (3 / 7 * 100, 7),
        "saving": (150_000.0, -200_000.0, 500_000.0, 6, 20),
    }),
    # a second municipality with Job og Familie, for the pages that set municipalities side by side: its saving
    # rests on 4 matched enrolments, its adults' share on 3 adults
    outcome("461", "Job og Familie", "ALL", (8, 6, 10), {
        "adults_on_support_at_start_pct": (50.0, 6),
        "adults_self_supporting_at_end_pct": (100 / 3, 3),
        "cost_per_family_year_before_dkk": (200000.0, 8),
        "saving": (500_000.0, -100_000.0, 900_000.0, 4, 16),
    }),
]

INDICATORS = [  # id, label, unit, seed figure, seed source, seed programme
    ("n_families", "Familier", "n", "15 families", "Assens, Hel Familie", "Hel Familie"),
    ("adults_on_support_at_start_pct", "Voksne på offentlig forsørgelse ved start", "pct",
     "75 %", "Assens, Job og Familie", "Job og Familie"),
    ("adults_support_years_before_start_avg", "År på forsørgelse før start", "years",
     "4.2 years", "Assens, Job og Familie", "Job og Familie"),
    ("adults_women_30_40_pct", "Voksne: kvinder 30-40 år", "pct", "60 %",
     "Assens, Job og Familie", "Job og Familie"),
    ("families_single_adult_pct", "Familier med én voksen", "pct",
     "a majority of single providers", "Assens, Job og Familie", "Job og Familie"),
    ("children_open_case_at_start_pct", "Børn med åben børnesag ved start", "pct", "84 %",
     "Assens, Job og Familie", "Job og Familie"),
    ("children_severe_moderate_first_pct", "Børn med svære/moderate problemer, første screening",
     "pct", "50 %", "Assens, Hel Familie", "Hel Familie"),
    ("cost_per_family_year_before_dkk", "Udgift pr. familie pr. år før start", "dkk",
     "262,566 DKK", "Odense, CFU", None),
    ("cost_per_family_year_during_dkk", "Udgift pr. familie pr. år i forløbet", "dkk",
     "262,566 DKK", "Odense, CFU", None),
    ("cost_saving_dkk", "Besparelse", "dkk", "4.9 M DKK", "Assens", None),
    ("n_adults", "Voksne", "n", None, None, None),
    ("n_children", "Børn", "n", None, None, None),
    ("children_case_years_at_start_avg", "År med åben børnesag ved start", "years", "1,7 år",
     "Assens, Job og Familie", "Job og Familie"),
    ("adults_self_supporting_run_pct", "Voksne med selvforsørgelsesperiode", "pct", "44 %",
     "Assens, Job og Familie", "Job og Familie"),
    ("adults_self_supporting_at_end_pct", "Voksne selvforsørgende ved afslutning", "pct", "22 %",
     "Assens, Job og Familie", "Job og Familie"),
    ("children_case_closed_pct", "Børn hvis sag er lukket ved afslutning", "pct", "45 %",
     "Assens, Job og Familie", "Job og Familie"),
    ("children_severe_moderate_last_pct", "Børn med svære eller moderate problemer, seneste",
     "pct", "18 %", "Assens, Hel Familie", "Hel Familie"),
    ("adults_in_work_at_end_n", "Voksne i arbejde ved afslutning", "n",
     "4 voksne i ordinære job", "Assens, Hel Familie", "Hel Familie"),
]

EXTRACT_DATE = dt.date(2026, 11, 21)
GOAL_STATUSES = REPO / "dbt" / "seeds" / "goal_statuses.csv"


def family(ref, program, casemanager_id, start, end, costs, goals=(1, 3)) -> dict:
    """goals: (reached, all); one of the rest partly reached, the others open."""
    return dict(kommunekode="420", family_id=f"420-{ref}", familie_ref=ref, program=program,
                enrolment_start=start, enrolment_end=end or EXTRACT_DATE, is_open=end is None,
                casemanager_id=casemanager_id, n_adults=2, n_children=3,
                adults_on_support_at_start_n=2, adults_self_supporting_at_end_n=1,
                children_open_case_at_start_n=2, children_open_case_at_end_n=1,
                active_measures_at_end_n=3, children_placed_at_end_n=0,
                goals_n=goals[1], goals_reached_n=goals[0], goals_partly_reached_n=min(1, goals[1] - goals[0]),
                goals_open_n=max(0, goals[1] - goals[0] - 1), goals_given_up_n=0,
                cost_year_before_dkk=costs[0], cost_per_year_during_dkk=costs[1])


PROGRAM_FAMILIES = [
    family("F-1001", "Job og Familie", "CM-A", dt.date(2022, 3, 1), dt.date(2024, 2, 29),
           (310000.0, 250000.0), goals=(3, 5)),
    family("F-1002", "Job og Familie", "CM-B", dt.date(2023, 1, 15), None, (290000.0, 270000.0)),
    family("F-2001", "Hel Familie", "CM-A", dt.date(2024, 6, 1), None, (180000.0, 150000.0)),
    # the rest of Job og Familie's ten families: 4 started in 2022, 6 in 2023, no two of them dominant
    *(family(f"F-10{n:02d}", "Job og Familie", "CM-C", dt.date(2022 if n <= 5 else 2023, 5, n), None,
             (300000.0, 250000.0)) for n in range(3, 11)),
]


def month(family_id, first_day, enrolled, support, child, adult) -> dict:
    return dict(kommunekode="420", family_id=family_id, program="Job og Familie",
                month=first_day, is_enrolled=enrolled, n_members=5, n_adults=2, n_children=3,
                adults_on_support_n=2, adults_self_supporting_n=0, children_open_case_n=2,
                active_measures_n=3, children_placed_n=0, placement_days=0,
                cost_income_support_dkk=support, cost_child_measures_dkk=child, cost_placements_dkk=0.0,
                cost_adult_measures_dkk=adult, cost_total_dkk=support + child + adult)


FAMILY_MONTHS = [
    month("420-F-1001", dt.date(2022, 1, 1), False, 20000.0, 8000.0, 1000.0),
    month("420-F-1001", dt.date(2022, 2, 1), False, 20000.0, 8000.0, 1000.0),
    month("420-F-1001", dt.date(2022, 3, 1), True, 18000.0, 6000.0, 1500.0),
    month("420-F-1002", dt.date(2023, 1, 1), True, 91919.0, 0.0, 0.0),
]


def event(person_id, role, kind, event_id, code, start, end=None, score=None) -> dict:
    return dict(kommunekode="420", family_id="420-F-1001", program="Job og Familie",
                enrolment_start=dt.date(2022, 3, 1), person_id=person_id, member_role=role, event_kind=kind,
                event_id=event_id, event_code=code,
                start_date=start, end_date=end, score=score)


# F-1001's timeline: the mother on support then WHO-5, the child's open case, a measure and a screening
FAMILY_TIMELINE = [
    event("pseudo-mother", "VOKSEN", "support", "1", "KONTANTHJAELP", dt.date(2021, 6, 7), dt.date(2022, 9, 25)),
    event("pseudo-mother", "VOKSEN", "who5", "2022-04-01", None, dt.date(2022, 4, 1), dt.date(2022, 4, 1), 44),
    event("pseudo-child", "BARN", "child_case", "S-1", None, dt.date(2021, 11, 1)),
    event("pseudo-child", "BARN", "measure", "child-B-1", "FAMILIEBEHANDLING", dt.date(2022, 5, 1),
          dt.date(2023, 4, 30)),
    event("pseudo-child", "BARN", "screening", "TRIVSEL-2022-03-15", "TRIVSEL", dt.date(2022, 3, 15),
          dt.date(2022, 3, 15), 2),
]
# F-1001's five goals: 3 reached, 1 partly, 1 open
FAMILY_GOALS = [dict(kommunekode="420", family_id="420-F-1001", program="Job og Familie",
                     enrolment_start=dt.date(2022, 3, 1), goal_id=f"M-{n}", person_id=None, domain="BOLIG",
                     goal_status=status, created_date=dt.date(2022, 3, n), status_date=None)
                for n, status in enumerate(("NAAET", "NAAET", "NAAET", "DELVIST_NAAET", "AABEN"), start=1)]


def operations(first_day, systems: tuple[int, ...], caseload: float, per_family: tuple[float, int],
               kommunekode: str = "420", caseworkers: int = 30) -> dict:
    row = dict(kommunekode=kommunekode, month=first_day, caseload_per_caseworker=caseload,
               caseload_per_caseworker_denominator=caseworkers, families_n=sum(systems),
               caseworkers_per_family=per_family[0], caseworkers_per_family_denominator=per_family[1])
    return row | {f"families_systems_{n}_n": count for n, count in enumerate(systems)}


MONTHS = [dt.date(2026, 8, 1), dt.date(2026, 9, 1), dt.date(2026, 10, 1)]
OPERATIONS_MONTHS = [  # families by 0 … 4 systems
    operations(MONTHS[0], (60, 25, 10, 3, 2), 22.0, (2.5, 40)),  # 3 and 2 hidden, together 5: enough
    operations(MONTHS[1], (60, 25, 11, 4, 0), 23.5, (3.0, 4)),  # 4 hidden alone: 11 goes with it
    operations(MONTHS[2], (50, 30, 12, 8, 0), 41.0, (2.0, 50)),
    # Odense: October rests on 4 caseworkers
    operations(MONTHS[0], (90, 40, 20, 10, 5), 30.0, (2.2, 60), "461", 12),
    operations(MONTHS[1], (90, 40, 20, 10, 5), 31.0, (2.2, 60), "461", 12),
    operations(MONTHS[2], (90, 40, 20, 10, 5), 45.0, (2.2, 60), "461", 4),
]
DEPARTMENT_CASELOADS = [dict(kommunekode="420", afdeling=afdeling, month=m, caseworkers_n=n, caseload_per_caseworker=c)
                        for afdeling, n, c in (("A", 20, 20.5), ("B", 3, 35.0)) for m in MONTHS]


# Job og Familie's costs around the start: month -1 rests on 3 enrolments, +1 has 4 matched
EVENT_STUDY_COSTS = [dict(kommunekode="420", program="Job og Familie", relative_month=m, enrolments_n=n,
                          enrolled_cost_per_family_month_dkk=c, matched_enrolments_n=k,
                          comparison_cost_per_family_month_dkk=d)
                     for m, n, c, k, d in ((-2, 10, 30000.0, 10, 29000.0), (-1, 3, 31000.0, 10, 30000.0),
                                           (0, 10, 28000.0, 10, 30500.0), (1, 10, 25000.0, 4, 31000.0))]
COMPARISON_BALANCE = [dict(kommunekode="420", program="Job og Familie", covariate=c, enrolled_n=10, smd_before=b,
                           smd_after=a) for c, b, a in (("cost_12_months_before_dkk", 0.82, 0.04),
                                                        ("has_placement", 0.35, 0.15))]


def build_warehouse(path) -> None:
    tables = {
        "program_outcomes": pd.DataFrame(PROGRAM_OUTCOMES),
        "indicators": pd.DataFrame(INDICATORS, columns=[
            "indicator_id", "label_da", "unit", "seed_figure", "seed_source", "seed_program"]),
        "program_families": pd.DataFrame(PROGRAM_FAMILIES),
        "family_month": pd.DataFrame(FAMILY_MONTHS),
        "family_timeline": pd.DataFrame(FAMILY_TIMELINE),
        "family_goals": pd.DataFrame(FAMILY_GOALS),
        "operations_month": pd.DataFrame(OPERATIONS_MONTHS),
        "caseload_department_month": pd.DataFrame(DEPARTMENT_CASELOADS),
        "event_study_costs": pd.DataFrame(EVENT_STUDY_COSTS),
        "comparison_balance": pd.DataFrame(COMPARISON_BALANCE),
    }
    with duckdb.connect(str(path)) as con:
        con.execute("create schema analytics")
        for name, frame in tables.items():
            con.register("frame", frame)
            con.execute(f"create table analytics.{name} as select * from frame")
            con.unregister("frame")
        con.execute("create schema reference")
        con.execute(f"create table reference.goal_statuses as select * from read_csv('{GOAL_STATUSES}', "
                    "all_varchar = true)")
    audit_warehouse(path, TROUBLED)  # the night of tests/quality: a rejected snapshot, quarantine, a stale source


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("warehouse") / "helhed.duckdb"
    build_warehouse(path)
    return path


@pytest.fixture(scope="session")
def users_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("users") / "users.json"
    for name, (role, casemanager_id) in USERS.items():
        add_user(path, name, PASSWORD, role, casemanager_id)
    return path


@pytest.fixture(scope="session")
def password():
    return PASSWORD


@pytest.fixture(scope="session")
def app(warehouse, users_file):
    return create_app(warehouse, users_file, secret_key="test-secret")


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture
def login(client):
    """Log the test client in through the login form; returns the form's response."""
    return lambda name, password=PASSWORD: log_in(client, name, password)


def log_in(client, name: str, password: str = PASSWORD, address: str = "127.0.0.1"):
    """The login form as a browser at `address` fills it in; the form's response."""
    client.get("/login", environ_base={"REMOTE_ADDR": address})
    with client.session_transaction() as session:
        token = session["login_token"]
    return client.post("/login", data={"username": name, "password": password, "token": token, "next": "/"},
                       environ_base={"REMOTE_ADDR": address})




@contextmanager
def serving(warehouse, users_file):
    """`helhed serve`'s server (waitress) on a free port in a process of its own; its base URL. The network is
    closed to it (tests/network_guard): when it stops, it must not have tried to reach any other machine."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = "import sys; from dashboards import serve; serve(sys.argv[1], int(sys.argv[2]), sys.argv[3])"
    # the server's log goes to a file: a pipe nobody reads would stop it once full
    with tempfile.TemporaryFile() as log, tempfile.TemporaryDirectory() as tmp:
        network_log = Path(tmp) / "network.log"
        server = subprocess.Popen([sys.executable, "-c", code, str(warehouse), str(port), str(users_file)],
                                  cwd=REPO, stdout=subprocess.DEVNULL, stderr=log, env=closed_network(network_log))
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(url + "/login", server, log)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)
        assert not network_log.exists(), network_log.read_text(encoding="utf-8")


def closed_network(log: Path) -> dict[str, str]:
    """The environment of a process whose every connection or name lookup beyond this machine is refused and
    written to `log`."""
    guard = str(REPO / "tests" / "network_guard")
    return {**os.environ, "HELHED_NETWORK_LOG": str(log),
            "PYTHONPATH": os.pathsep.join(filter(None, [guard, os.environ.get("PYTHONPATH")]))}


def _wait_until_up(url: str, server: subprocess.Popen, log, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the app exited: {log.read().decode()}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"the app did not answer at {url}")
