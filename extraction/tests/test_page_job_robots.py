"""The page job obeys robots.txt: a disallowed page is never fetched and ends Complete /
NotAFit; an unreadable robots.txt fetches nothing; Crawl-delay spaces the requests to a site."""

import time

import pytest

from extraction.tests.discovery_helpers import robots
from extraction.tests.job_helpers import card, process, queue_pages
from extraction.tests.page_server import Reply
from pages.models import Domain

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_disallowed_page_is_not_fetched_and_ends_not_a_fit(page_server, discovery_settings):
    robots(page_server, "User-agent: *\nDisallow: /private/\n")
    page_server.html("/private/team", card("Ann Lee", "ann@harrisonlaw.com"))
    page_server.html("/team", card("Bo Lin", "bo@harrisonlaw.com"))
    hidden, shown = queue_pages(page_server.url("/private/team"), page_server.url("/team"))

    process()

    hidden.refresh_from_db()
    shown.refresh_from_db()
    assert page_server.hits["/private/team"] == 0
    assert (hidden.page_processing_status, hidden.contact_scrape_status) == ("Complete", "NotAFit")
    assert hidden.page_processing_error == "Disallowed by robots.txt"
    assert shown.contact_scrape_status == "ContactFound"
    assert page_server.hits["/robots.txt"] == 1
    domain = Domain.objects.get(pk=shown.domain_id)
    assert domain.robots_status == "Fetched"  # the job caches what it read


def test_a_fresh_cached_robots_txt_is_not_asked_for_again(page_server, discovery_settings):
    from django.utils import timezone

    page_server.html("/a", card("Ann Lee", "ann@harrisonlaw.com"))
    (page,) = queue_pages(page_server.url("/a"))
    Domain.objects.filter(pk=page.domain_id).update(
        robots_status="Fetched",
        robots_txt="User-agent: *\nDisallow: /a\n",
        robots_fetched_at=timezone.now(),
    )

    process()

    page.refresh_from_db()
    assert page_server.hits["/robots.txt"] == 0
    assert page_server.hits["/a"] == 0
    assert page.contact_scrape_status == "NotAFit"


def test_robots_unavailable_fetches_nothing(page_server, discovery_settings):
    page_server.add("/robots.txt", Reply(status=500, body=b"oops"))
    page_server.html("/a", card("Ann Lee", "ann@harrisonlaw.com"))
    (page,) = queue_pages(page_server.url("/a"))

    process()

    page.refresh_from_db()
    assert page_server.hits["/a"] == 0
    assert page.page_processing_status == "Error"
    assert page.page_processing_error.startswith("Robots.txt unavailable")


def test_obey_robots_off_fetches_what_robots_disallows(page_server, discovery_settings):
    discovery_settings.FETCH_OBEY_ROBOTS = False
    robots(page_server, "User-agent: *\nDisallow: /\n")
    page_server.html("/a", card("Ann Lee", "ann@harrisonlaw.com"))
    (page,) = queue_pages(page_server.url("/a"))

    process()

    page.refresh_from_db()
    assert page.contact_scrape_status == "ContactFound"
    assert page_server.hits["/robots.txt"] == 0


def test_crawl_delay_spaces_requests_to_the_site(page_server, discovery_settings):
    robots(page_server, "User-agent: *\nCrawl-delay: 0.4\n")
    paths = [f"/p{n}" for n in range(3)]
    for path in paths:
        page_server.html(path, card("Ann Lee", f"ann{path[2]}@harrisonlaw.com"))
    queue_pages(*(page_server.url(path) for path in paths))

    started = time.monotonic()
    process()

    # robots.txt, then three pages each at least 0.4 s after the one before.
    assert time.monotonic() - started >= 3 * 0.4
    assert sum(page_server.hits[path] for path in paths) == 3


class RefusingRenderer:
    """A renderer that must not be asked for anything."""

    def submit(self, url):
        raise AssertionError(f"the browser was asked for {url}")


def test_always_rendering_asks_robots_first(page_server, discovery_settings):
    discovery_settings.FETCH_RENDER = "always"
    robots(page_server, "User-agent: *\nDisallow: /private/\n")
    page_server.html("/private/team", card("Ann Lee", "ann@harrisonlaw.com"))
    (page,) = queue_pages(page_server.url("/private/team"))

    process(renderer=RefusingRenderer())

    page.refresh_from_db()
    assert (page.page_processing_status, page.contact_scrape_status) == ("Complete", "NotAFit")
    assert page.page_processing_error == "Disallowed by robots.txt"
    assert page_server.hits["/private/team"] == 0
