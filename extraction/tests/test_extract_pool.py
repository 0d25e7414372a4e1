"""Extraction in worker processes: a page that loops, crashes or raises costs only that page."""

import time

import pytest

from extraction.extract_pool import (
    ExtractionFailed,
    ExtractionPool,
    ExtractionTimeout,
    ExtractRequest,
)
from extraction.tests.job_helpers import process, queue_pages
from extraction.tests.misbehaving_extractor import misbehave

CARD = '<div><h3>Ann Lee</h3><a href="mailto:ann@harrisonlaw.com">ann@harrisonlaw.com</a></div>'


def ask(pool: ExtractionPool, html: str):
    request = ExtractRequest(html, "https://harrisonlaw.com/", "US")
    return pool.submit(request).result(timeout=30).page


def test_a_page_past_the_time_limit_fails_and_its_worker_is_replaced():
    with ExtractionPool(workers=1, timeout=0.5, function=misbehave) as pool:
        started = time.monotonic()
        with pytest.raises(ExtractionTimeout, match=r"Extraction took longer than 0.5 s"):
            ask(pool, "loop")
        assert time.monotonic() - started < 5
        assert [c.email for c in ask(pool, CARD).contacts] == ["ann@harrisonlaw.com"]


def test_a_crashed_worker_fails_its_page_only():
    with ExtractionPool(workers=1, timeout=5, function=misbehave) as pool:
        with pytest.raises(ExtractionFailed, match="crashed"):
            ask(pool, "crash")
        assert [c.email for c in ask(pool, CARD).contacts] == ["ann@harrisonlaw.com"]


@pytest.mark.parametrize(
    ("bad", "error"), [("loop", ExtractionTimeout), ("crash", ExtractionFailed)]
)
def test_pages_queued_behind_a_page_that_kills_its_worker_are_extracted(bad, error):
    """One process, pages sent ahead: the pages behind the bad one go again to a new process."""
    with ExtractionPool(workers=1, timeout=1, function=misbehave) as pool:
        requests = [ExtractRequest(html, "https://harrisonlaw.com/", "US") for html in (CARD, bad)]
        requests += [ExtractRequest(CARD, "https://harrisonlaw.com/", "US")] * 3
        futures = [pool.submit(request) for request in requests]
        with pytest.raises(error):
            futures[1].result(timeout=30)
        good = [futures[i].result(timeout=30).page.contacts for i in (0, 2, 3, 4)]
    assert [[c.email for c in contacts] for contacts in good] == [["ann@harrisonlaw.com"]] * 4


def test_an_exception_names_its_class_and_message():
    with (
        ExtractionPool(workers=1, timeout=5, function=misbehave) as pool,
        pytest.raises(ExtractionFailed, match=r"^ValueError: the parser gave up$"),
    ):
        ask(pool, "raise")


def test_the_real_extractor_runs_in_the_workers():
    with ExtractionPool(workers=2, timeout=10) as pool:
        (contact,) = ask(pool, CARD).contacts
    assert (contact.email, contact.name) == ("ann@harrisonlaw.com", "Ann Lee")


SHELL = (
    '<html><body><div id="root"></div><script src="/static/js/main.4f2a.js"></script></body></html>'
)


@pytest.mark.parametrize(
    ("html", "asked", "script_built"),
    [(SHELL, True, True), (SHELL, False, False), (CARD, True, False)],
)
def test_the_worker_says_whether_a_page_without_contacts_looks_built_by_script(
    html, asked, script_built
):
    request = ExtractRequest(html, "https://harrisonlaw.com/", "US", ask_script_built=asked)
    with ExtractionPool(workers=1, timeout=10) as pool:
        extracted = pool.submit(request).result(timeout=30)
    assert bool(extracted.script_built) is script_built


@pytest.mark.django_db
@pytest.mark.usefixtures("job_settings")
@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("loop", "Extraction took longer than 1 s"),
        ("raise", "ValueError: the parser gave up"),
    ],
)
def test_the_job_records_a_failed_extraction_as_the_pages_error(page_server, settings, html, error):
    settings.EXTRACT_TIMEOUT_SECONDS = 1
    slow, good = queue_pages(page_server.html("/bad", html), page_server.html("/good", CARD))
    stats = process(extract_function=misbehave)
    slow.refresh_from_db()
    good.refresh_from_db()
    assert (slow.page_processing_status, slow.contact_scrape_status) == ("Error", "Error")
    assert slow.page_processing_error == error
    assert good.page_processing_status == "Complete"
    assert (stats.complete, stats.error) == (1, 1)
