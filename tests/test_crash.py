"""The night killed at any moment: the whole process tree of `helhed run` (the job and dbt's child) gets SIGKILL at
ten moments spread over load, dbt, checks and publish. After each kill the published warehouse is byte for byte
the one before; the next run goes further and the last one completes, cleans up what the killed ones left, and
publishes, while a reader queries the published file all along without an error; no night, nor dbt, tries to
reach another machine."""

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from tests.dashboards.conftest import closed_network
from tests.e2e_extract import EXTRACT_DATE, SOURCES, write_extract
from tests.landing_builder import write_snapshot

REPO = Path(__file__).resolve().parents[1]
KILLS = 10


def night(landing: Path, warehouse: Path, home: Path) -> subprocess.Popen:
    """`helhed run` in its own session, so that one signal reaches dbt's process too; the network is closed to it
    and to dbt (tests/network_guard writes any try to `home`/network.log)."""
    env = {**closed_network(home / "network.log"), "DAGSTER_HOME": str(home),
           "HELHED_PSEUDONYM_KEY": "crash-test-key-not-secret"}
    return subprocess.Popen([sys.executable, "-m", "pipelines.cli", "run", "--landing", str(landing),
                             "--warehouse", str(warehouse)], cwd=REPO, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Reader(threading.Thread):
    """Opens the published file read-only, as a dashboard does, one short query after another."""

    def __init__(self, warehouse: Path):
        super().__init__(daemon=True)
        self.warehouse, self.reads, self.errors, self.done = warehouse, 0, [], threading.Event()

    def run(self):
        while not self.done.is_set():
            try:
                with duckdb.connect(str(self.warehouse), read_only=True) as con:
                    con.execute("select count(*) from analytics.program_outcomes").fetchone()
                self.reads += 1
            except duckdb.Error as error:
                self.errors.append(str(error))
            time.sleep(0.05)


@pytest.fixture(scope="module")
def first_night(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    landing, warehouse = root / "landing", root / "warehouse" / "helhed.duckdb"
    write_extract(landing)
    started = time.monotonic()
    assert night(landing, warehouse, root / "dagster").wait() == 0
    return root, landing, warehouse, time.monotonic() - started


def test_a_killed_night_leaves_the_published_warehouse_and_the_next_one_completes(first_night):
    root, landing, warehouse, seconds = first_night
    # the next night has something new to publish: the CPR register again, with one more person
    register = {**SOURCES["cpr"], "personer": [*SOURCES["cpr"]["personer"], {
        "cpr": "0101801235", "koen": "M", "foedselsdato": "1980-01-01", "tilflytning": "2010-01-01"}]}
    write_snapshot(landing, "420", "cpr", "2026-11-21", register)
    assert EXTRACT_DATE < "2026-11-21"
    before = digest(warehouse)
    reader = Reader(warehouse)
    reader.start()
    for n in range(KILLS):
        run = night(landing, warehouse, root / "dagster")
        try:
            run.wait(timeout=seconds * (0.05 + 0.75 * n / (KILLS - 1)))
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
        assert run.wait() == -signal.SIGKILL, f"night {n + 1} ended before its kill"
        assert digest(warehouse) == before, f"kill {n + 1} changed the published warehouse"
    last = night(landing, warehouse, root / "dagster")
    assert last.wait() == 0
    reader.done.set()
    reader.join()
    assert digest(warehouse) != before  # the new night was published
    assert sorted(p.name for p in warehouse.parent.iterdir() if p.name.startswith("helhed.duckdb")) == [
        "helhed.duckdb"]  # no .building, no .wal left
    assert reader.errors == [] and reader.reads > 100
    assert not (root / "dagster" / "network.log").exists()  # no night tried to reach another machine
