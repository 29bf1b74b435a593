"""The `helhed` command: generate a municipality, run the nightly job, serve the dashboards, open Dagster."""
from __future__ import annotations

import argparse
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from .ingest.pseudonym import MissingKey, create_key_file, key_file, load_key
from .nightly import prepare_dagster_home
from .resources import DEFAULT_LANDING, DEFAULT_WAREHOUSE, LANDING_ENV, WAREHOUSE_ENV

USERS_FILE = Path("var/users.json")


def _run(args) -> int:
    from .evaluation.truth import format_savings, savings_against_truth
    from .nightly import run_nightly
    from .summary import outcomes_table
    from .synthetic.generate import truth_path_for

    try:
        load_key()
    except MissingKey as err:
        print(f"helhed run: {err}", file=sys.stderr)
        return 2
    problem = _landing_problem(args.landing) or _folder_problem(args.warehouse.parent)
    if problem:
        print(f"helhed run: {problem}", file=sys.stderr)
        return 2
    report = run_nightly(args.landing, args.warehouse, args.verbose, args.memory_limit)
    if not report.success:
        print(f"helhed run: the nightly job failed (run {report.run_id}); the published warehouse was not replaced.",
              file=sys.stderr)
        for failure in report.failures:
            print(f"  - {failure}", file=sys.stderr)
        print(f"  dbt's output: {report.log}", file=sys.stderr)
        return 1
    print(f"\nWarehouse published: {args.warehouse.resolve()}")
    print(f"(run {report.run_id}; dbt's output in {report.log})")
    for warning in report.failures:
        print(f"  ! {warning}")
    print(f"Data quality: helhed quality --warehouse {args.warehouse}\n")
    print(outcomes_table(args.warehouse))
    truth = truth_path_for(args.landing)
    print("\nSaving against matched comparison families (docs/evaluation.md)"
          + (f"; the generator's truth from {truth}" if truth.exists() else ""))
    print(format_savings(savings_against_truth(args.warehouse, truth if truth.exists() else None)))
    return 0


def _landing_problem(landing: Path) -> str | None:
    from .ingest.landing import municipalities_in

    if not landing.is_dir():
        return f"no landing folder at {landing}"
    if not municipalities_in(landing):
        return f"{landing} holds no municipality (a folder named by its kommunekode, such as {landing / '420'})"
    return None


def _folder_problem(folder: Path) -> str | None:
    """The warehouse's folder exists or can be made, and can be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"cannot make the warehouse folder {folder}: {error.strerror}"
    return None if os.access(folder, os.W_OK) else f"cannot write in the warehouse folder {folder}"


def _keygen(args) -> int:
    path = key_file()
    print(f"{'created' if create_key_file(path) else 'kept existing'} pseudonym key {path}")
    return 0


def _serve(args) -> int:
    from dashboards.app import serve

    if not args.warehouse.is_file():
        print(f"helhed serve: no published warehouse at {args.warehouse} (run `helhed run` first)", file=sys.stderr)
        return 2
    if not args.users.is_file():
        print(f"helhed serve: no users file at {args.users} (add a user with `helhed adduser NAME --role ROLE "
              f"--users {args.users}`)", file=sys.stderr)
        return 2
    serve(args.warehouse, args.port, args.users, behind_tls_proxy=args.behind_tls_proxy)
    return 0


def _erase(args) -> int:
    from .privacy import InvalidCpr, request_erasure, requests_file

    cpr = sys.stdin.readline().strip() if args.cpr == "-" else args.cpr
    try:
        pseudonym = request_erasure(requests_file(args.warehouse), cpr, args.reason, load_key())
    except (MissingKey, InvalidCpr, ValueError) as error:
        print(f"helhed erase: {error}", file=sys.stderr)
        return 2
    print(f"erasure of {pseudonym} recorded in {requests_file(args.warehouse)}: from the next run the person is in "
          "no table of the warehouse; each night's receipt is in audit.erasures")
    return 0


def _status(args) -> int:
    from .status import read_status, render

    status = read_status(prepare_dagster_home(), args.warehouse)
    sys.stdout.write(render(status, args.json))
    return 0 if status["all_well"] else 1


def _query(args) -> int:
    from .query import QueryRefused, connect, render, run

    try:
        with connect(args.warehouse) as con:
            sys.stdout.write(render(run(con, args.sql), args.output))
    except QueryRefused as refusal:
        print(f"helhed query: {refusal}", file=sys.stderr)
        return 1
    return 0


def _shell(args) -> int:
    from .query import QueryRefused, connect, render, run

    try:
        con = connect(args.warehouse)
    except QueryRefused as refusal:
        print(f"helhed shell: {refusal}", file=sys.stderr)
        return 1
    print(f"{args.warehouse}, read only. End a statement with ';', leave with .quit or Ctrl-D.")
    statement = ""
    with con:
        while True:
            try:
                line = input("helhed> " if not statement else "   ...> ")
            except EOFError:
                print()
                return 0
            if not statement and line.strip() in (".quit", ".exit", "\\q"):
                return 0
            statement += line + "\n"
            if statement.rstrip().endswith(";"):
                try:
                    sys.stdout.write(render(run(con, statement), "table"))
                except QueryRefused as refusal:
                    print(refusal)
                statement = ""


def _report(args) -> int:
    from dashboards.period import Period
    from dashboards.report import write_report

    try:
        written = write_report(args.warehouse, args.out, args.kommune, Period(*args.period), args.chromium,
                               args.users)
    except ValueError as error:
        print(f"helhed report: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def _period(text: str) -> tuple[int | None, int | None]:
    """'2022-2024', '2023' (that year), '2022-' or '-2024'."""
    match = re.fullmatch(r"(\d{4})?(-)?(\d{4})?", text)
    if not text or match is None or not (match[1] or match[3]):
        raise argparse.ArgumentTypeError(f"{text!r} is no period: write 2022-2024, 2023, 2022- or -2024")
    first, last = (int(y) if y else None for y in (match[1], match[3]))
    return (first, first) if not match[2] else (first, last)


def _disable_user(args) -> int:
    from dashboards.auth import set_disabled

    try:
        set_disabled(args.users, args.name, disabled=not args.enable)
    except ValueError as error:
        print(f"helhed disableuser: {error}", file=sys.stderr)
        return 1
    print(f"user {args.name} {'enabled' if args.enable else 'disabled; their sessions have ended'}")
    return 0


def _add_user(args) -> int:
    from dashboards.auth import add_user, find_user

    if args.keep and find_user(args.users, args.name):
        return 0
    password = args.password or secrets.token_urlsafe(12)
    add_user(args.users, args.name, password, args.role, args.casemanager_id)
    if not args.password:
        saved = args.users.with_name(f"{args.name}-password.txt")
        saved.write_text(password + "\n")
        saved.chmod(0o600)
        print(f"generated password for {args.name} saved in {saved}")
    print(f"user {args.name} ({args.role}) saved in {args.users}")
    return 0


def _quality(args) -> int:
    from .quality.render import show_quality

    return show_quality(args.warehouse, args.json)


def _dev(args) -> int:
    prepare_dagster_home()
    os.environ.setdefault(LANDING_ENV, str(args.landing.resolve()))
    os.environ.setdefault(WAREHOUSE_ENV, str(args.warehouse.resolve()))
    root = Path(__file__).resolve().parents[1]
    # dagster and dbt (which dagster-dbt's dev preparer calls by name) live beside this Python
    bin_dir = str(Path(sys.executable).parent)
    os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    return subprocess.call(["dagster", "dev", "-m", "pipelines.definitions", "-p", str(args.port)], cwd=root)


def _parser() -> argparse.ArgumentParser:
    from .synthetic.command import add_parser as add_generate

    parser = argparse.ArgumentParser(prog="helhed", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    add_generate(sub)
    run = sub.add_parser("run", help="run the nightly job on a landing folder and publish the warehouse")
    run.add_argument("--landing", type=Path, default=DEFAULT_LANDING, help="the landing folder the systems deliver to")
    _add_warehouse(run)
    run.add_argument("--verbose", action="store_true", help="print every Dagster event and dbt's output")
    run.add_argument("--memory-limit", help="DuckDB's memory limit for the build, e.g. 16GB or 60%% "
                     "(default 80%% of the machine's memory, DuckDB's own)")
    run.set_defaults(func=_run)
    sub.add_parser("keygen", help="create the pseudonym key file if there is none").set_defaults(func=_keygen)
    serve = sub.add_parser("serve", help="serve the dashboards on the published warehouse")
    _add_warehouse(serve)
    serve.add_argument("--port", type=int, default=8050, help="the port on 127.0.0.1")
    _add_users(serve)
    serve.add_argument("--behind-tls-proxy", action="store_true",
                       help="served through a proxy that ends TLS: cookies over HTTPS only, the client address "
                       "from X-Forwarded-For")
    serve.set_defaults(func=_serve)
    erase = sub.add_parser("erase", help="erase a person on request: gone from every table from the next run")
    erase.add_argument("--cpr", required=True, help="the CPR number, or - to read it from standard input (keeps it "
                       "out of the shell's history); only its pseudonym is recorded")
    erase.add_argument("--reason", required=True, help="the request or case the erasure answers")
    _add_warehouse(erase, "the published warehouse; the erasure list is kept beside it")
    erase.set_defaults(func=_erase)
    status = sub.add_parser("status", help="the last nightly runs and the snapshot in force per source "
                            "(exit 0 all well, 1 the last run failed, a source is stale, or no warehouse)")
    _add_warehouse(status)
    status.add_argument("--json", action="store_true", help="the same as JSON")
    status.set_defaults(func=_status)
    query = sub.add_parser("query", help="run one SQL statement on the published warehouse, read only")
    query.add_argument("sql", help='e.g. "from analytics.program_outcomes where cohort = \'ALL\'"')
    _add_warehouse(query)
    output = query.add_mutually_exclusive_group()
    output.add_argument("--csv", dest="output", action="store_const", const="csv", help="rows as CSV")
    output.add_argument("--json", dest="output", action="store_const", const="json", help="rows as JSON")
    query.set_defaults(func=_query, output="table")
    shell = sub.add_parser("shell", help="an SQL prompt on the published warehouse, read only")
    _add_warehouse(shell)
    shell.set_defaults(func=_shell)
    report = sub.add_parser("report", help="write the manager pages as self-contained HTML and every figure as PNG")
    _add_warehouse(report)
    report.add_argument("--out", type=Path, required=True, help="folder for the HTML files and figurer/*.png")
    report.add_argument("--kommune", help="one municipality (kommunekode); default every one in the warehouse")
    report.add_argument("--period", type=_period, default=(None, None),
                        help="calendar years, e.g. 2022-2024, 2023, 2022- (default: every year)")
    report.add_argument("--chromium", type=Path, default=Path("/usr/bin/chromium"),
                        help="the Chromium that draws the figures (default Debian's)")
    _add_users(report)
    report.set_defaults(func=_report)
    user = sub.add_parser("adduser", help="add or replace a dashboard user")
    user.add_argument("name")
    user.add_argument("--password", help="omitted: a random one is generated and saved beside the users file")
    user.add_argument("--keep", action="store_true", help="leave an existing user of that name as it is")
    user.add_argument("--role", required=True, choices=["manager", "casemanager", "operator", "admin"])
    user.add_argument("--casemanager-id", default=None)
    _add_users(user)
    user.set_defaults(func=_add_user)
    disable = sub.add_parser("disableuser", help="stop a dashboard user from logging in and end their sessions")
    disable.add_argument("name")
    disable.add_argument("--enable", action="store_true", help="let the user log in again")
    _add_users(disable)
    disable.set_defaults(func=_disable_user)
    quality = sub.add_parser("quality", help="what needs the operator: snapshots, quarantine, expectations "
                             "(exit 0 all well, 1 attention needed, 2 unreadable warehouse)")
    _add_warehouse(quality)
    quality.add_argument("--json", action="store_true", help="the same report as JSON")
    quality.set_defaults(func=_quality)
    dev = sub.add_parser("dev", help="the Dagster UI on this project")
    dev.add_argument("--port", type=int, default=3000, help="the port of the Dagster UI")
    dev.add_argument("--landing", type=Path, default=DEFAULT_LANDING, help="the landing folder the systems deliver to")
    _add_warehouse(dev)
    dev.set_defaults(func=_dev)
    for command in sub.choices.values():
        command.formatter_class = _HelpWithDefaults
    return parser


class _HelpWithDefaults(argparse.ArgumentDefaultsHelpFormatter):
    """Every option's help names its default, unless there is none to name (no value, a switch that is off)."""

    def _get_help_string(self, action):
        if action.default in (None, False, argparse.SUPPRESS):
            return action.help
        return super()._get_help_string(action)


def _add_warehouse(parser: argparse.ArgumentParser, text: str = "the published warehouse") -> None:
    parser.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help=text)


def _add_users(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--users", type=Path, default=USERS_FILE,
                        help="the dashboard users file; the access log lies beside it")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
