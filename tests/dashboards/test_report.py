"""`helhed report` on the test warehouse: self-contained HTML with the pages' numbers as disclosure control leaves
them, a PNG per figure, and nothing requested from any address when the files are opened in Chromium."""

import json
import re

import pytest

from dashboards import access_log
from dashboards.period import Period
from dashboards.report import write_report
from pipelines.cli import main
from tests.dashboards.test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")
PAGES = ("programresultater.html", "oekonomi.html", "sagsbelastning.html", "befolkning.html")


@pytest.fixture(scope="module")
def report(warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    users = out.parent / "users.json"
    written = write_report(warehouse, out, users_file=users)
    return out, written, users


def text(out, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


def test_every_manager_page_and_an_index(report):
    out, written, _ = report
    assert [p.name for p in written] == [*PAGES, "index.html"]
    assert all(f'href="{name}"' in text(out, "index.html") for name in PAGES)


def test_every_figure_is_a_png_and_embedded_in_its_page(report):
    out, _, _ = report
    pngs = sorted((out / "figurer").glob("*.png"))
    assert pngs and all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    embedded = sum(text(out, name).count('src="data:image/png;base64,') for name in PAGES)
    assert embedded == len(pngs)
    assert not any("@@" in text(out, name) for name in PAGES)


def test_the_pages_numbers_through_disclosure_control(report):
    out, _, _ = report
    outcomes = text(out, "programresultater.html")
    assert "10 familier, 8 voksne, 12 børn" in outcomes  # Assens, Job og Familie, all cohorts
    assert "Odense Kommune (461)" in outcomes  # the municipalities side by side
    # Odense's adults self-supporting at the end rest on 3 adults: the mark, never the number (33 %)
    odense = outcomes.split("Odense Kommune (461)</td>", 1)[1].split("</tr>", 1)[0]
    assert "&lt;5" in odense and "33 %" not in odense
    assert "kan skelnes fra nul" in text(out, "oekonomi.html")
    assert not any(re.search(r"pseudo-|\d{6}-?\d{4}", text(out, name)) for name in PAGES)


def test_the_export_is_in_the_access_log(report):
    out, _, users = report
    (entry,) = [e for e in access_log.read(users) if e["event"] == "export"]
    assert entry["detail"] == f"report to {out}: 420, 461, hele perioden"


def test_the_pages_open_with_the_network_closed(report):
    from playwright.sync_api import sync_playwright

    out, _, _ = report
    outside = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                   else (outside.append(route.request.url), route.abort()))
        for name in PAGES:
            page.goto((out / name).as_uri())
            drawn = page.eval_on_selector_all("img", "images => images.map(i => i.complete && i.naturalWidth > 0)")
            assert drawn and all(drawn), name
        browser.close()
    assert outside == []


def test_one_municipality_and_a_period(warehouse, tmp_path):
    written = write_report(warehouse, tmp_path, "461", Period(2026, 2026))
    caseload = written[2].read_text(encoding="utf-8")
    assert "Odense Kommune (461) · 2026–2026" in caseload and "Assens" not in caseload
    with pytest.raises(ValueError, match="municipality 999 is not in the warehouse"):
        write_report(warehouse, tmp_path, "999")


@pytest.mark.parametrize("period, expected", [("2022-2024", [2022, 2024]), ("2023", [2023, 2023]),
                                              ("2022-", [2022, None]), ("-2024", [None, 2024])])
def test_the_command_reads_the_period(warehouse, tmp_path, capsys, period, expected, monkeypatch):
    import dashboards.report

    called = {}
    monkeypatch.setattr(dashboards.report, "write_report", lambda *args: called.setdefault("args", args) and [])
    assert main(["report", "--warehouse", str(warehouse), "--out", str(tmp_path), "--period", period]) == 0
    assert json.loads(json.dumps(list(called["args"][3]))) == expected


def test_the_command_refuses_a_period_that_is_none(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["report", "--out", str(tmp_path), "--period", "2022-24"])
    assert "is no period" in capsys.readouterr().err
