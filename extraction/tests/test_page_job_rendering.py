"""``FETCH_RENDER`` in the page job: which pages go to the browser, what the job records."""

import pytest

from contacts.models import Contact
from extraction.health import job_health
from extraction.selectors import pipeline_summary
from extraction.tests.job_helpers import card, process, queue_pages
from extraction.tests.page_server import Reply
from extraction.tests.render_helpers import APP_SHELL, serve_app
from pages.models import Domain
from pages.services.curation import pages_set_curation_status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("job_settings")]

# Enough text that the page does not look built by script; a small script adds the address.
PLAIN_WITH_SCRIPT = (
    "<html><body><h1>Harrison Law</h1>"
    + "<p>We have advised families and firms on property and estates since 1971.</p>" * 8
    + '<p id="mail"></p><script>document.getElementById("mail").innerHTML ='
    " '<a href=\"mailto:office@harrisonlaw.com\">office@harrisonlaw.com</a>';</script>"
    "</body></html>"
)


def result(page):
    page.refresh_from_db()
    return page.page_processing_status, page.contact_scrape_status, page.fetched_with


@pytest.mark.browser
def test_auto_renders_a_script_built_contact_page(page_server, renderer_with, settings):
    settings.FETCH_RENDER = "auto"
    renderer = renderer_with()
    (page,) = queue_pages(serve_app(page_server))
    process(renderer=renderer)
    assert result(page) == ("Complete", "ContactFound", "browser")
    contact = Contact.objects.get()
    assert (contact.email, contact.name) == ("maria.lopez@harrisonlaw.com", "Maria Lopez")
    assert Domain.objects.get().needs_rendering  # learned: the browser found what HTTP lacked
    assert page_server.hits["/contact"] == 2  # once over HTTP, once in the browser


@pytest.mark.browser
def test_never_reads_the_script_built_page_as_fetched(page_server, renderer_with, settings):
    settings.FETCH_RENDER = "never"
    renderer = renderer_with()
    (page,) = queue_pages(serve_app(page_server))
    process(renderer=renderer)
    assert result(page) == ("Complete", "NoContactFound", "http")
    assert renderer.launches == 0
    assert not Domain.objects.get().needs_rendering


@pytest.mark.browser
def test_auto_does_not_render_static_pages(page_server, renderer_with, settings):
    settings.FETCH_RENDER = "auto"
    renderer = renderer_with()
    with_contacts, without = queue_pages(
        page_server.html("/team", card("Maria Lopez", "maria@harrisonlaw.com")),
        page_server.html("/about", "<p>We make chairs since 1999.</p><script>var a=1</script>"),
    )
    process(renderer=renderer)
    assert result(with_contacts) == ("Complete", "ContactFound", "http")
    assert result(without) == ("Complete", "NoContactFound", "http")
    assert renderer.launches == 0


@pytest.mark.browser
def test_a_domain_known_to_need_rendering_is_rendered(page_server, renderer_with, settings):
    settings.FETCH_RENDER = "auto"
    renderer = renderer_with()
    (page,) = queue_pages(page_server.html("/contact", PLAIN_WITH_SCRIPT))
    process(renderer=renderer)
    assert result(page) == ("Complete", "NoContactFound", "http")  # does not look script-built
    Domain.objects.update(needs_rendering=True)
    pages_set_curation_status(page_ids=[page.id], status="Selected")
    process(renderer=renderer)
    assert result(page) == ("Complete", "ContactFound", "browser")
    assert Contact.objects.get().email == "office@harrisonlaw.com"


@pytest.mark.browser
def test_always_renders_every_page(page_server, renderer_with, settings):
    settings.FETCH_RENDER = "always"
    renderer = renderer_with()
    (page,) = queue_pages(page_server.html("/team", card("Maria Lopez", "maria@harrisonlaw.com")))
    process(renderer=renderer)
    assert result(page) == ("Complete", "ContactFound", "browser")
    assert not Domain.objects.get().needs_rendering  # nothing learned: HTTP was never tried


@pytest.mark.browser
def test_a_page_the_browser_cannot_render_is_an_error_with_its_reason(
    page_server, renderer_with, settings
):
    settings.FETCH_RENDER = "auto"
    url = page_server.add("/contact", Reply(body=APP_SHELL.encode()), Reply(status=503))
    (page,) = queue_pages(url)
    process(renderer=renderer_with())
    assert result(page) == ("Error", "Error", "browser")
    assert page.page_processing_error == "HTTP 503: Service Unavailable"


def test_without_a_browser_auto_works_as_never(page_server, settings):
    settings.FETCH_RENDER = "auto"
    settings.FETCH_BROWSER_PATH = "/nonexistent/chromium"
    (page,) = queue_pages(serve_app(page_server))
    process()
    assert result(page) == ("Complete", "NoContactFound", "http")
    health = job_health()
    assert health.checks["rendering"] == "unavailable"
    assert "rendering" not in health.failing
    assert pipeline_summary()["rendering"] == "unavailable"


def test_the_health_check_shows_the_mode(settings):
    settings.FETCH_RENDER = "never"
    settings.FETCH_BROWSER_PATH = "/nonexistent/chromium"
    assert job_health().checks["rendering"] == "never"


def test_a_renderer_that_cannot_start_fails_the_page_not_the_job(page_server, monkeypatch):
    def broken():
        raise RuntimeError("driver missing")

    monkeypatch.setattr("extraction.processing.render_mode", lambda: "auto")
    monkeypatch.setattr("extraction.processing.shared_renderer", broken)
    (page,) = queue_pages(serve_app(page_server))
    stats = process()
    assert result(page) == ("Error", "Error", "browser")
    assert page.page_processing_error == (
        "Rendering failed: cannot start the browser's driver: driver missing"
    )
    assert stats.error == 1
