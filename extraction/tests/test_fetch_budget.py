"""A page's whole fetch ends within FETCH_TIMEOUT_SECONDS whatever the server does, and a page
waiting to retry holds no concurrency slot."""

import asyncio
import time

import pytest

from extraction.fetch import Fetcher, FetchError, FetchOptions, TooLarge
from extraction.tests.fetch_helpers import HTML, get, options
from extraction.tests.page_server import Reply, drip, endless

MARGIN = 1.5  # seconds of slack for a loaded machine; the old fetcher never ended at all


def timed(url: str, **overrides):
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        get(url, **overrides)
    return str(caught.value), time.monotonic() - started


def test_a_drip_feed_ends_at_the_deadline(raw_server):
    """One byte every 2 s never trips the per-read timeout; the page's deadline ends it."""
    server = raw_server(drip(interval=2.0))
    message, elapsed = timed(server.url(), timeout=1.5, read_timeout=15.0)
    assert message == "Timeout: the page did not arrive within 1.5 s"
    assert 1.4 < elapsed < 1.5 + MARGIN


def test_the_deadline_covers_every_retry(page_server):
    """Each attempt times out on its read; the retries together still stop at the deadline."""
    url = page_server.add("/slow", Reply(body=HTML.encode(), delay=0.8))
    message, elapsed = timed(url, timeout=1.5, read_timeout=0.5, retries=10)
    assert "Timeout" in message
    assert elapsed < 1.5 + MARGIN
    assert 1 < page_server.hits["/slow"] < 11


def test_an_endless_body_stops_at_the_size_cap(raw_server):
    server = raw_server(endless())
    with pytest.raises(TooLarge, match="Too large: more than 100000 bytes"):
        get(server.url(), timeout=5.0)


def test_an_endless_trickle_stops_at_the_deadline(raw_server):
    server = raw_server(endless(chunk=b"x" * 10))
    message, elapsed = timed(server.url(), timeout=1.5, max_bytes=10**9)
    assert message == "Timeout: the page did not arrive within 1.5 s"
    assert elapsed < 1.5 + MARGIN


def test_a_retry_after_past_the_deadline_is_not_waited_for(page_server):
    url = page_server.add("/busy", Reply(status=503, headers={"Retry-After": "30"}))
    message, elapsed = timed(url, timeout=1.5)
    assert message == "HTTP 503: Service Unavailable (no time left for attempt 2)"
    assert elapsed < 1.0
    assert page_server.hits["/busy"] == 1


def test_a_page_waiting_to_retry_holds_no_slot(page_server):
    """One slot in all: while /a waits out its Retry-After, /b is fetched."""
    page_server.add("/a", Reply(status=503, headers={"Retry-After": "1"}), Reply(body=b"<p>a"))
    page_server.add("/b", Reply(body=b"<p>b"))

    async def run():
        async with Fetcher(options(concurrency=1, per_domain=1, timeout=5.0)) as fetcher:
            first = asyncio.create_task(fetcher.fetch(page_server.url("/a")))
            await asyncio.sleep(0.3)
            second = await fetcher.fetch(page_server.url("/b"))
            return await first, second

    first, second = asyncio.run(run())
    assert (first.html, second.html) == ("<p>a", "<p>b")
    assert page_server.log == ["/a", "/b", "/a"]


def test_the_deadline_starts_when_the_page_gets_its_slot(page_server):
    """Pages queued behind others are not timed out for waiting their turn."""
    url = page_server.add("/slow", Reply(body=b"<p>ok", delay=0.6))

    async def run():
        async with Fetcher(options(concurrency=1, per_domain=1, timeout=1.0)) as fetcher:
            return await asyncio.gather(*(fetcher.fetch(url) for _ in range(3)))

    assert [page.html for page in asyncio.run(run())] == ["<p>ok"] * 3


def test_scraper_api_may_take_longer_than_a_read_timeout(page_server):
    """It renders the page before answering; only the page's deadline bounds that wait."""
    api = page_server.add("/api", Reply(body=HTML.encode(), delay=0.6))
    page = get(
        "https://firm.example.com/", scraper_api_key="k", scraper_api_url=api, read_timeout=0.2
    )
    assert page.html == HTML
    assert page_server.hits["/api"] == 1


def test_the_budget_and_caps_come_from_the_settings(settings):
    settings.FETCH_TIMEOUT_SECONDS = 30.0
    settings.FETCH_READ_TIMEOUT_SECONDS = 4.0
    settings.FETCH_MAX_COMPRESSION_RATIO = 50.0
    options = FetchOptions.from_settings(concurrency=3)
    assert (options.timeout, options.read_timeout, options.max_compression_ratio) == (30, 4, 50)
    assert options.concurrency == 3
