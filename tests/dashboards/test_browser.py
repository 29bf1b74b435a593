"""The app in a real headless Chromium: log in, read figures from the test warehouse."""

from pathlib import Path

import pytest

from tests.dashboards.conftest import serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="needs Debian's Chromium at /usr/bin/chromium")


@pytest.fixture(scope="module")
def base_url(warehouse, users_file):
    """The app in its own process, so its Dash registry is its own."""
    with serving(warehouse, users_file) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context; at the end no script or style was blocked by the app's Content-Security-Policy."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert blocked == []


def log_in(page, name, password):
    page.fill("#username", name)
    page.fill("#password", password)
    page.click("button[type=submit]")


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def test_manager_sees_outcomes_from_the_warehouse(page, base_url, password):
    page.goto(f"{base_url}/programresultater?kommune=420&program=Job+og+Familie&kohorte=ALL")
    assert "/login" in page.url
    log_in(page, "mette", password)
    table = page.locator(".indicator-table")
    table.get_by_text("75 %").first.wait_for()
    assert page.locator("#outcomes-summary").inner_text() == "10 familier, 8 voksne, 12 børn"
    row = table.locator("tr", has_text="Voksne på offentlig forsørgelse ved start")
    assert row.locator("td").all_inner_texts() == [
        "Voksne på offentlig forsørgelse ved start", "75 %", "8", "75 %", "Assens, Job og Familie"]
    suppressed = table.locator("tr", has_text="svære/moderate").locator("td.suppressed")
    assert suppressed.inner_text() == "<5"
    page.locator("#outcomes-shares .main-svg").first.wait_for()
    page.locator("#outcomes-cost").get_by_text("312.500 kr.").wait_for()
    screenshot(page, "outcomes.png")


def test_changing_the_cohort_updates_the_bookmarkable_url(page, base_url, password):
    page.goto(f"{base_url}/programresultater?program=Job+og+Familie")
    log_in(page, "mette", password)
    page.locator("#outcomes-summary").get_by_text("10 familier").wait_for()
    page.click("#outcomes-cohort")
    page.get_by_role("option", name="2022").click()
    page.locator("#outcomes-summary").get_by_text("<5 familier, <5 voksne, 5 børn").wait_for()
    assert "kohorte=2022" in page.url
    assert page.locator(".indicator-table td.suppressed").count() >= 1


def test_family_board_and_trend(page, base_url, password):
    page.goto(f"{base_url}/familietavle")
    log_in(page, "carl", password)
    board = page.locator("#board-table")
    board.get_by_text("F-2001").wait_for()
    assert board.get_by_text("F-1001").count() == 1
    page.click("#board-family")
    page.get_by_role("option", name="F-1001").click()
    page.locator("#board-trend").get_by_text("Udgift pr. måned").wait_for()
    page.locator("#board-timeline").get_by_text("Voksen 1 · Forsørgelse").wait_for()
    page.locator("#board-goal-counts").get_by_text("Nået: 3").wait_for()
    screenshot(page, "family-board.png")


def test_casemanager_sees_only_own_families(page, base_url, password):
    page.goto(base_url)
    log_in(page, "carl", password)
    board = page.locator("#board-table")
    board.get_by_text("F-2001").wait_for()
    assert board.get_by_text("F-1001").count() == 1
    assert board.get_by_text("F-1002").count() == 0
    assert page.locator(".nav").inner_text() == "Familietavle"
    screenshot(page, "family-board-casemanager.png")


@pytest.mark.parametrize("user, path, ready", [
    ("mette", "/programresultater", "#outcomes-summary"), ("carl", "/familietavle", "#board-table td"),
    ("olga", "/datakvalitet", "#quality-attention"), ("anne", "/brugere", "#users-log td")])
def test_each_role_logs_in_and_out(page, base_url, password, user, path, ready):
    page.goto(base_url + path)
    log_in(page, user, password)
    page.locator(ready).first.wait_for()
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(f"{base_url}/login")
    page.goto(base_url + path)
    assert page.url.startswith(f"{base_url}/login?next=")


def test_login_stays_on_the_site_whatever_next_says(page, base_url, password):
    page.goto(f"{base_url}/login?next=/%09/evil.example")
    log_in(page, "mette", password)
    page.locator("#outcomes-summary").wait_for()
    assert page.url.startswith(f"{base_url}/programresultater")


def test_operator_sees_the_night_as_helhed_quality_reports_it(page, base_url, password):
    page.goto(base_url)
    log_in(page, "olga", password)
    attention = page.locator("#quality-attention")
    attention.get_by_text("sager.csv: row_count_mismatch").wait_for()
    assert page.locator(".nav").inner_text() == "Datakvalitet"
    assert page.locator("td.tone-bad", has_text="delivered ≠ loaded + quarantined").count() == 1
    screenshot(page, "data-quality.png")


def test_admin_adds_a_user_and_reads_the_access_log(page, base_url, password):
    page.goto(base_url)
    log_in(page, "anne", password)
    page.fill("#users-new-name", "birgit")
    page.click("#users-new-role")
    page.get_by_role("option", name="Leder (manager)").click()
    page.get_by_role("button", name="Opret").click()
    page.locator("#users-message").get_by_text("birgit er oprettet").wait_for()
    assert page.locator("#users-table td", has_text="birgit").count() == 1
    page.locator("#users-log td", has_text="user_added").first.wait_for()
    screenshot(page, "users.png")


@pytest.mark.parametrize("path, ready, name", [
    ("/sagsbelastning", "#caseload-figure .main-svg", "caseload.png"),
    ("/befolkning", "#population-figure .main-svg", "population.png")])
def test_manager_operations_pages(page, base_url, password, path, ready, name):
    page.goto(base_url + path)
    log_in(page, "mette", password)
    page.locator(ready).first.wait_for()
    assert page.locator(".nav").inner_text().split() == ["Programresultater", "Økonomi", "Sagsbelastning", "Befolkning"]
    screenshot(page, name)


def test_manager_reads_the_saving_at_a_glance(page, base_url, password):
    page.goto(f"{base_url}/oekonomi?kommune=420&program=Job+og+Familie")
    log_in(page, "mette", password)
    page.locator("#economy-saving").get_by_text("kan skelnes fra nul").wait_for()
    page.locator("#economy-event-study .main-svg").first.wait_for()
    screenshot(page, "economy.png")


def test_the_period_and_municipality_live_in_the_url(page, base_url, password):
    page.goto(f"{base_url}/sagsbelastning?kommune=461")
    log_in(page, "mette", password)
    page.locator("#caseload-across-figure .main-svg").first.wait_for()
    page.click("#caseload-from")
    page.get_by_role("option", name="2026").click()
    page.wait_for_function("() => window.location.search.includes('fra=2026')")
    assert "kommune=461" in page.url
    page.reload()  # the bookmarked view comes back as it was
    page.locator("#caseload-from").get_by_text("2026").wait_for()
    page.locator("#caseload-kommune").get_by_text("Odense Kommune (461)").wait_for()
    screenshot(page, "caseload-municipalities.png")


def test_manager_downloads_the_indicator_table(page, base_url, password):
    page.goto(f"{base_url}/programresultater?kommune=420&program=Job+og+Familie&kohorte=ALL")
    log_in(page, "mette", password)
    page.locator("#outcomes-summary").get_by_text("10 familier").wait_for()
    with page.expect_download() as download:
        page.click("#outcomes-download-button")
    assert download.value.suggested_filename == "programresultater-420-ALL.csv"
    assert "420;Job og Familie;ALL;Familier;10;" in Path(download.value.path()).read_text(encoding="utf-8")
