"""dbt build passes on a warehouse whose raw tables are all empty (optional sources not delivered); on it, the dbt
docs as one static page open in Chromium with the network closed."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from .dbt_build import DBT_DIR, dbt_build
from .raw_tables import create_raw_tables

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def empty_build(tmp_path_factory):
    database = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    with duckdb.connect(str(database)) as con:
        create_raw_tables(con)
    dbt_build(database)
    return database


def test_build_on_empty_raw_tables(empty_build):
    with duckdb.connect(str(empty_build), read_only=True) as con:
        assert con.execute("select count(*) from analytics.program_outcomes").fetchone() == (0,)
        # every indicator defined in the seed is published, data or not
        assert con.execute("select count(*) from analytics.indicators").fetchone() == (len(_defined_indicators()),)


def _defined_indicators() -> list[dict]:
    seed = Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "indicator_definitions.csv"
    with seed.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")
def test_the_static_dbt_docs_open_offline(empty_build, tmp_path):
    from playwright.sync_api import sync_playwright

    target = tmp_path / "target"
    subprocess.run([str(Path(sys.executable).parent / "dbt"), "docs", "generate", "--static", "--project-dir",
                    str(DBT_DIR), "--profiles-dir", str(DBT_DIR), "--target-path", str(target), "--log-path",
                    str(tmp_path / "logs")], env={**os.environ, "HELHED_DUCKDB_PATH": str(empty_build)}, check=True,
                   capture_output=True)
    outside = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-background-networking", "--disable-component-update"])
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                   else (outside.append(route.request.url), route.abort()))
        page.goto((target / "static_index.html").as_uri() + "#!/model/model.helhed.program_outcomes")
        page.get_by_text("One row per municipality × programme × cohort").first.wait_for()
        browser.close()
    assert outside == []
