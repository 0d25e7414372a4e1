"""The page job end to end: fetch from a loopback server, extract, write."""

import pytest

from contacts.models import Contact, SocialProfile
from extraction.extract.contact import ExtractedContact
from extraction.processing import PageJob
from extraction.results import write_outcomes
from extraction.tests.job_helpers import card, process, queue_pages
from extraction.tests.page_server import Reply
from jobs import claims
from jobs.loop import LoopOptions, run
from pages.models import Page
from pages.queue import PAGE_JOB
from pages.services.curation import pages_mark_not_a_fit, pages_set_curation_status
from pages.services.processing import PageOutcome

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("job_settings")]


def test_a_page_with_contacts_becomes_contacts(page_server):
    url = page_server.html("/team", card("Maria Lopez", "Maria.Lopez@HarrisonLaw.com"))
    (page,) = queue_pages(url)
    stats = process()
    page.refresh_from_db()
    assert (page.page_processing_status, page.contact_scrape_status) == ("Complete", "ContactFound")
    assert page.processed_at is not None
    contact = Contact.objects.get()
    assert (contact.email, contact.name) == ("maria.lopez@harrisonlaw.com", "Maria Lopez")
    assert (contact.page_id, contact.domain_id, contact.source_url) == (
        page.id,
        page.domain_id,
        url,
    )
    assert contact.found_by == "mailto"
    assert stats.complete == 1
    assert stats.counts == {"contacts_created": 1, "contacts_updated": 0}


def test_finding_a_contact_again_updates_it(page_server):
    url = page_server.html("/team", card("Maria Lopez", "jane@harrisonlaw.com"))
    (page,) = queue_pages(url)
    process()
    first_seen = Contact.objects.get().last_seen_at
    pages_set_curation_status(page_ids=[page.id], status="Selected")
    stats = process()
    contact = Contact.objects.get()
    assert contact.last_seen_at > first_seen
    assert stats.counts == {"contacts_created": 0, "contacts_updated": 1}


def test_a_page_without_contacts_leaves_no_placeholder(page_server):
    (page,) = queue_pages(page_server.html("/about", "<p>We make chairs since 1999.</p>"))
    process()
    page.refresh_from_db()
    assert (page.page_processing_status, page.contact_scrape_status) == (
        "Complete",
        "NoContactFound",
    )
    assert not Contact.objects.exists()


def test_a_404_is_an_error_with_its_reason(page_server):
    (page,) = queue_pages(page_server.url("/gone"))
    stats = process()
    page.refresh_from_db()
    assert (page.page_processing_status, page.contact_scrape_status) == ("Error", "Error")
    assert page.page_processing_error == "HTTP 404: Not Found"
    assert stats.error == 1


def test_a_500_then_success_completes(page_server):
    url = page_server.add(
        "/flaky", Reply(status=500), Reply(body=card("A B", "ab@harrisonlaw.com").encode())
    )
    (page,) = queue_pages(url)
    process()
    page.refresh_from_db()
    assert page.page_processing_status == "Complete"
    assert page_server.hits["/flaky"] == 2


def test_a_timeout_is_an_error(page_server, settings):
    settings.FETCH_TIMEOUT_SECONDS = 0.2
    settings.FETCH_RETRIES = 0
    (page,) = queue_pages(page_server.add("/slow", Reply(body=b"<p>x</p>", delay=1)))
    process()
    page.refresh_from_db()
    assert page.page_processing_status == "Error"
    assert page.page_processing_error.startswith("Timeout")


def test_a_page_too_large_is_an_error(page_server, settings):
    settings.FETCH_MAX_BYTES = 1000
    (page,) = queue_pages(page_server.html("/huge", "<p>" + "x" * 5000))
    process()
    page.refresh_from_db()
    assert page.page_processing_status == "Error"
    assert page.page_processing_error.startswith("Too large")


def test_binary_content_is_not_a_fit(page_server):
    body = Reply(body=b"%PDF-1.7\x00\x01", headers={"Content-Type": "application/pdf"})
    (page,) = queue_pages(page_server.add("/brochure.pdf", body))
    process()
    page.refresh_from_db()
    assert (page.page_processing_status, page.contact_scrape_status) == ("Complete", "NotAFit")
    assert "application/pdf" in page.page_processing_error


def test_a_redirect_loop_is_an_error(page_server):
    loop = Reply(status=302, headers={"Location": "/loop"})
    (page,) = queue_pages(page_server.add("/loop", loop))
    process()
    page.refresh_from_db()
    assert page.page_processing_error.startswith("Too many redirects")


def test_the_batch_size_is_respected(page_server):
    queue_pages(*(page_server.html(f"/p{i}", "<p>none</p>") for i in range(5)))
    assert process(batch_size=3).processed == 3
    assert Page.objects.filter(page_processing_status="Queued").count() == 2


def test_one_page_failing_does_not_stop_the_others(page_server):
    good = page_server.html("/good", card("C D", "cd@harrisonlaw.com"))
    queue_pages(page_server.url("/bad"), good)
    stats = process()
    assert (stats.complete, stats.error) == (1, 1)


def test_a_reselected_page_is_not_overwritten_by_a_stale_result():
    (page,) = queue_pages("https://harrisonlaw.com/team")
    (claim,) = claims.claim(PAGE_JOB, batch_size=1)
    pages_set_curation_status(page_ids=[page.id], status="Selected")
    outcome = PageOutcome(scrape_status="NoContactFound")
    assert write_outcomes([(claim, outcome)]).stale == 1
    page.refresh_from_db()
    assert page.page_processing_status == "Queued"


def test_a_page_marked_not_a_fit_meanwhile_keeps_its_mark():
    (page,) = queue_pages("https://harrisonlaw.com/team")
    (claim,) = claims.claim(PAGE_JOB, batch_size=1)
    pages_mark_not_a_fit(page_ids=[page.id])
    write_outcomes([(claim, PageOutcome(scrape_status="ContactFound"))])
    page.refresh_from_db()
    assert (page.contact_scrape_status, page.page_processing_status) == ("NotAFit", None)


def test_drain_empties_the_queue(page_server):
    queue_pages(
        *(page_server.html(f"/p{i}", card("E F", f"e{i}@harrisonlaw.com")) for i in range(7))
    )
    with PageJob(workers=1) as job:
        stats = run(job, LoopOptions(batch_size=3))
    assert stats.processed == 7
    assert Contact.objects.count() == 7
    assert not Page.objects.filter(page_processing_status="Queued").exists()


def test_pages_go_through_scraper_api_when_a_key_is_set(page_server, settings):
    settings.SCRAPER_API_KEY = "secret"
    settings.SCRAPER_API_URL = page_server.html("/api", card("Lee Park", "lee@harrisonlaw.com"))
    (page,) = queue_pages("https://harrisonlaw.com/people/lee")
    process()
    page.refresh_from_db()
    assert page.contact_scrape_status == "ContactFound"
    # robots.txt goes the same way as the page: the site never sees us directly.
    assert page_server.hits["/api"] == 2
    assert "url=https%3A%2F%2Fharrisonlaw.com%2Frobots.txt" in page_server.queries[0]
    assert "url=https%3A%2F%2Fharrisonlaw.com%2Fpeople%2Flee" in page_server.queries[1]


def test_a_contact_gone_from_the_page_is_no_longer_on_it(page_server):
    url = page_server.add(
        "/team",
        Reply(body=card("Ann Lee", "ann@harrisonlaw.com").encode()),
        Reply(body=card("Bo Kim", "bo@harrisonlaw.com").encode()),
    )
    (page,) = queue_pages(url)
    process()
    pages_set_curation_status(page_ids=[page.id], status="Selected")
    process()
    on_page = dict(Contact.objects.values_list("email", "still_on_page"))
    assert on_page == {"ann@harrisonlaw.com": False, "bo@harrisonlaw.com": True}


def test_a_failed_fetch_says_nothing_of_the_pages_contacts(page_server):
    url = page_server.add(
        "/team", Reply(body=card("Ann Lee", "ann@harrisonlaw.com").encode()), Reply(status=404)
    )
    (page,) = queue_pages(url)
    process()
    pages_set_curation_status(page_ids=[page.id], status="Selected")
    process()
    assert Contact.objects.get().still_on_page is True


def test_the_pages_social_profiles_are_stored(page_server):
    html = card("Ann Lee", "ann@harrisonlaw.com") + (
        '<footer><a href="https://www.linkedin.com/company/harrison-law">LinkedIn</a>'
        '<a href="https://twitter.com/intent/tweet?text=hi">Share</a></footer>'
    )
    (page,) = queue_pages(page_server.html("/team", html))
    process()
    profile = SocialProfile.objects.get()
    assert (profile.network, profile.page_id, profile.domain_id) == (
        "linkedin",
        page.id,
        page.domain_id,
    )
    assert profile.url == "https://www.linkedin.com/company/harrison-law"


def test_one_result_the_database_refuses_costs_only_its_own_page():
    good, bad = queue_pages("https://harrisonlaw.com/good", "https://harrisonlaw.com/bad")
    claimed = {item.id: item for item in claims.claim(PAGE_JOB, batch_size=2)}
    found = ExtractedContact("ann@harrisonlaw.com", "", "Ann Lee", "personal", "mailto")
    refused = ExtractedContact("bo@harrisonlaw.com", "", "Bo", "personal", "x" * 200)  # > column
    written = write_outcomes(
        [
            (claimed[good.id], PageOutcome(scrape_status="ContactFound", contacts=[found])),
            (claimed[bad.id], PageOutcome(scrape_status="ContactFound", contacts=[refused])),
        ]
    )
    assert (written.complete, written.error, written.stale) == (1, 1, 0)
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.page_processing_status == "Complete"
    assert bad.page_processing_status == "Error"
    assert bad.page_processing_error.startswith("Could not store the result")
    assert list(Contact.objects.values_list("email", flat=True)) == ["ann@harrisonlaw.com"]
