"""The README's pictures of the dashboards, taken in Debian's Chromium on a published warehouse: each page as the
role it is for (the case manager with the most families, their family with the most months).

    python docs/screenshots.py --warehouse var/warehouse/helhed.duckdb      # `make screenshots`, after `make demo`
"""
from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.dashboards import heaviest_view  # noqa: E402
from dashboards import add_user  # noqa: E402

IMAGES = ROOT / "docs" / "img"
PASSWORD = "screenshot-password-not-secret"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]


def _serve(warehouse: Path, users: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = "import sys; from dashboards import serve; serve(sys.argv[1], int(sys.argv[2]), sys.argv[3])"
    server = subprocess.Popen([sys.executable, "-c", code, str(warehouse), str(port), str(users)], cwd=ROOT,
                              stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(url + "/login", timeout=1)
            return server, url
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the dashboards did not start")


def take(warehouse: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    view = heaviest_view(warehouse)
    with tempfile.TemporaryDirectory() as tmp:
        users = Path(tmp) / "users.json"
        for role in ("manager", "operator", "admin"):
            add_user(users, role, PASSWORD, role)
        add_user(users, "casemanager", PASSWORD, "casemanager", view.casemanager_id)
        server, url = _serve(warehouse, users)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                filters = f"?kommune={view.kommunekode}&program={view.program}"
                shots = [_shot(browser, url, "manager", f"/programresultater{filters}", "#outcomes-shares .main-svg",
                               "dashboard-outcomes.png"),
                         _shot(browser, url, "manager", f"/oekonomi{filters}", "#economy-event-study .main-svg",
                               "dashboard-economy.png"),
                         _shot(browser, url, "manager", f"/sagsbelastning{filters}", "#caseload-figure .main-svg",
                               "dashboard-caseload.png"),
                         _shot(browser, url, "manager", f"/befolkning{filters}", "#population-figure .main-svg",
                               "dashboard-population.png"),
                         _shot(browser, url, "casemanager", f"/familietavle?kommune={view.kommunekode}",
                               "#board-table td", "dashboard-family-board.png", family=view.family_id),
                         _shot(browser, url, "operator", "/datakvalitet", "#quality-attention",
                               "dashboard-data-quality.png"),
                         _shot(browser, url, "admin", "/brugere", "#users-log td", "dashboard-users.png")]
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    return shots


def _shot(browser, url: str, user: str, path: str, ready: str, name: str, family: str | None = None) -> Path:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page.goto(url + path)
    page.fill("#username", user)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.locator(ready).first.wait_for()
    if family:
        page.click("#board-family")
        page.get_by_role("option", name=family.split("-", 1)[1]).click()
        page.locator("#board-timeline .main-svg").first.wait_for()
        page.locator("#board-trend .main-svg").first.wait_for()
    time.sleep(1)  # let the figures finish drawing
    target = IMAGES / name
    page.screenshot(path=str(target), full_page=True)
    page.close()
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, default=ROOT / "var" / "warehouse" / "helhed.duckdb")
    for path in take(parser.parse_args().warehouse):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
