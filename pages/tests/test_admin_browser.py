"""The admin in headless Chromium: Debian's /usr/bin/chromium, never a downloaded browser."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from pages.models import Page
from pages.tests.demo_data import seed_demo_pipeline
from pages.tests.factories import DomainFactory, PageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("WF7_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (or -m 'not browser')")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are
    # still plain synchronous code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def admin_page(browser, live_server, django_user_model):
    django_user_model.objects.create_superuser("curator", "curator@example.org", "secret-pw")
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", "secret-pw")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()
    yield page
    context.close()


def test_filter_select_and_see_the_new_badges(admin_page, live_server):
    acme = DomainFactory(name="acme.example.org")
    PageFactory.create_batch(3, domain=acme)
    PageFactory.create_batch(2, domain__name="beta.example.org")
    page = admin_page

    page.goto(f"{live_server.url}/admin/pages/page/")
    expect(page.locator("#result_list tbody tr")).to_have_count(5)
    page.fill("input[name=domain]", "acme.example.org")
    page.press("input[name=domain]", "Enter")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.locator("td.field-curation .wf7-badge-new")).to_have_count(3)

    rows.nth(0).locator("input.action-select").check()
    rows.nth(1).locator("input.action-select").check()
    page.select_option("select[name=action]", "select_for_extraction")
    page.click("button[name=index]")

    expect(page.locator("ul.messagelist li.success")).to_have_text("2 selected, 2 queued.")
    expect(page).to_have_url(f"{live_server.url}/admin/pages/page/?domain=acme.example.org")
    expect(rows.locator("td.field-curation .wf7-badge-selected")).to_have_count(2)
    expect(rows.locator("td.field-processing .wf7-badge-queued")).to_have_count(2)
    expect(rows.locator("td.field-curation .wf7-badge-new")).to_have_count(1)
    assert Page.objects.filter(domain=acme, page_processing_status="Queued").count() == 2


def test_the_dashboard_is_linked_from_the_index_and_has_the_chart(admin_page, live_server):
    seed_demo_pipeline()
    page = admin_page
    page.goto(f"{live_server.url}/admin/")
    page.click("#wf7-pipeline-link th a")
    expect(page).to_have_url(f"{live_server.url}/admin/pipeline/")
    chart = page.locator("#contacts-per-day svg[role=img]")
    expect(chart).to_be_visible()
    expect(chart.locator("title").first).to_have_text("Contacts found per day, last 30 days")
    expect(chart.locator("rect.wf7-bar")).to_have_count(30)
    queued = Page.objects.filter(page_processing_status="Queued").count()
    expect(page.locator("#card-queue .wf7-number")).to_have_text(str(queued))

    page.click("#errors-by-reason a >> text=Timeout")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.locator("td.field-processing .wf7-badge-error")).to_have_count(2)


def test_screenshots_of_the_page_list_and_the_dashboard(admin_page, live_server, tmp_path):
    """WF7_SCREENSHOT_DIR=docs/screenshots refreshes the README's images."""
    target = Path(os.environ.get("WF7_SCREENSHOT_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    seed_demo_pipeline()
    page = admin_page
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(f"{live_server.url}/admin/pages/page/?o=2.1")
    page.click("#toggle-nav-sidebar")  # the page list wants the width
    expect(page.locator("#result_list")).to_be_visible()
    page.screenshot(path=target / "pages.png", full_page=True)
    page.goto(f"{live_server.url}/admin/pipeline/")
    expect(page.locator("svg.wf7-chart")).to_be_visible()
    page.screenshot(path=target / "dashboard.png", full_page=True)
    for name in ("pages.png", "dashboard.png"):
        assert (target / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
