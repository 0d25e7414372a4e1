"""Processing pages on the one job loop: fetch (on an event loop of its own thread), extract (in
worker processes, each page time-limited), write each group of results in one transaction.

The network wait of one page overlaps the extraction of another and the writing of a third;
database work stays on the loop's thread (Django's ORM is not for event loops)."""

import functools
import logging
import os
import sys
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace
from typing import Any

from django.conf import settings

from extraction.discovery.robots import SiteRules, cached_rules, origin, rules_to_store
from extraction.extract_pool import ExtractionFailed, ExtractionPool, ExtractRequest, extract
from extraction.fetch import FetchedPage, FetchError, FetchingThread, FetchOptions, NotAFit
from extraction.render import Renderer, render_mode, shared_renderer
from extraction.results import write_outcomes
from jobs.loop import Inbox, RunStats, Written
from jobs.spec import Claim
from pages.models import ContactScrapeStatus, FetchedWith
from pages.queue import PAGE_JOB
from pages.selectors import domains_needing_rendering, robots_caches
from pages.services.discovery import domains_store_robots
from pages.services.processing import PageOutcome

logger = logging.getLogger(__name__)

SWITCH_INTERVAL_SECONDS = 0.001


def default_workers() -> int:
    """Extraction processes: every core unless ``EXTRACT_WORKERS`` says otherwise."""
    return settings.EXTRACT_WORKERS or os.cpu_count() or 1


def fetch_outcome(url: str, error: BaseException) -> PageOutcome:
    """What a page's row says when its fetch failed."""
    if isinstance(error, NotAFit):
        return PageOutcome(scrape_status=ContactScrapeStatus.NOT_A_FIT, error=str(error))
    if isinstance(error, FetchError):
        return PageOutcome(scrape_status=ContactScrapeStatus.ERROR, error=str(error))
    logger.error("fetching %s failed", url, exc_info=error)
    return PageOutcome(
        scrape_status=ContactScrapeStatus.ERROR, error=f"{type(error).__name__}: {error}"
    )


def extraction_outcome(extraction: Future) -> PageOutcome:
    error = extraction.exception()
    if isinstance(error, ExtractionFailed):
        return PageOutcome(scrape_status=ContactScrapeStatus.ERROR, error=str(error))
    if error is not None:
        return PageOutcome(
            scrape_status=ContactScrapeStatus.ERROR, error=f"{type(error).__name__}: {error}"
        )
    page = extraction.result().page
    found = (
        ContactScrapeStatus.CONTACT_FOUND if page.contacts else ContactScrapeStatus.NO_CONTACT_FOUND
    )
    return PageOutcome(scrape_status=found, contacts=page.contacts, profiles=page.profiles)


class PageJob:
    """The page-processing job for ``jobs.loop.run``; use as a context manager."""

    spec = PAGE_JOB

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        workers: int | None = None,
        extract_function: Callable[[ExtractRequest], Any] = extract,
        renderer: Renderer | None = None,
    ):
        self.options = options or FetchOptions.from_settings()
        self._extract_function = extract_function
        self._workers = workers or default_workers()
        self._fetching = FetchingThread(self.options)
        self._fetcher = self._fetching.fetcher
        self._inbox = Inbox()
        self._site_rules = SiteRules(self._fetcher)  # robots.txt and Crawl-delay, per site
        self._site_domains: dict[str, Any] = {}
        # Rendering (FETCH_RENDER): the process's shared renderer unless one is given.
        self._render_mode = "never" if self.options.scraper_api_key else render_mode()
        self._renderer = renderer
        self._fetched_with = (
            FetchedWith.SCRAPERAPI if self.options.scraper_api_key else FetchedWith.HTTP
        )
        self._domains_to_render: set[Any] = set()

    def __enter__(self) -> "PageJob":
        # The fetching thread and the threads feeding the extraction processes wake on I/O and
        # then wait for the GIL; a shorter switch interval lets them in sooner (measured: ~5%).
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL_SECONDS))
        self._pool = ExtractionPool(
            workers=self._workers,
            timeout=settings.EXTRACT_TIMEOUT_SECONDS,
            function=self._extract_function,
        )
        self._fetching.__enter__()
        return self

    def __exit__(self, *exc_info) -> None:
        self._inbox.cancel_all()
        self._fetching.__exit__(*exc_info)
        self._pool.close()
        sys.setswitchinterval(self._switch_interval)

    def start(self, items: list[Claim]) -> None:
        self._seed_robots(items)
        if self._render_mode == "auto":
            domain_ids = {item.domain_id for item in items}
            self._domains_to_render |= domains_needing_rendering(domain_ids=domain_ids)
        for item in items:
            if self._render_mode == "always":
                self._render_if_allowed(item)
                continue
            fetching = self._site_rules.fetch_page(item.url)
            fetch = self._fetching.submit(fetching)
            self._inbox.track(item, fetch)
            fetch.add_done_callback(functools.partial(self._fetched, item))

    def _fetched(self, item: Claim, fetch: Future) -> None:
        if fetch.cancelled():
            return
        error = fetch.exception()
        if error is not None:
            outcome = replace(fetch_outcome(item.url, error), fetched_with=self._fetched_with)
            self._inbox.put(item, outcome)
            return
        page: FetchedPage = fetch.result()
        request = ExtractRequest(
            page.html,
            page.final_url,
            settings.PHONE_DEFAULT_REGION,
            ask_script_built=self._render_mode == "auto",
        )
        extraction = self._pool.submit(request)
        extraction.add_done_callback(functools.partial(self._extracted, item))

    def _extracted(self, item: Claim, extraction: Future) -> None:
        outcome = replace(extraction_outcome(extraction), fetched_with=self._fetched_with)
        if self._needs_rendering(item, extraction, outcome):
            self._render(item, learn=True)
        else:
            self._inbox.put(item, outcome)

    def _needs_rendering(self, item: Claim, extraction: Future, outcome: PageOutcome) -> bool:
        """Under ``auto``: the fetched page showed no contacts and looks built by script (the
        worker said so), or its domain is known to need a browser."""
        if self._render_mode != "auto" or outcome.contacts or outcome.failed:
            return False
        reason = (
            "its domain needs rendering"
            if item.domain_id in self._domains_to_render
            else extraction.result().script_built
        )
        if reason:
            logger.debug("rendering %s: %s", item.url, reason)
        return reason is not None

    def _render_if_allowed(self, item: Claim) -> None:
        """``FETCH_RENDER=always``: robots.txt is asked before the browser opens the page."""
        check = self._fetching.submit(self._site_rules.check(item.url))
        self._inbox.track(item, check)
        check.add_done_callback(functools.partial(self._checked, item))

    def _checked(self, item: Claim, check: Future) -> None:
        if check.cancelled():
            return
        if (error := check.exception()) is not None:
            outcome = replace(fetch_outcome(item.url, error), fetched_with=FetchedWith.BROWSER)
            self._inbox.put(item, outcome)
            return
        self._render(item, learn=False)

    def _render(self, item: Claim, *, learn: bool) -> None:
        try:
            if self._renderer is None:
                self._renderer = shared_renderer()
        except Exception as exc:  # the page fails, never waits for its lease
            logger.exception("cannot start the renderer")
            outcome = PageOutcome(
                scrape_status=ContactScrapeStatus.ERROR,
                error=f"Rendering failed: cannot start the browser's driver: {exc}",
                fetched_with=FetchedWith.BROWSER,
            )
            self._inbox.put(item, outcome)
            return
        rendering = self._renderer.submit(item.url)
        self._inbox.track(item, rendering)
        rendering.add_done_callback(functools.partial(self._rendered, item, learn))

    def _rendered(self, item: Claim, learn: bool, rendering: Future) -> None:
        """The rendered DOM goes through the same extraction pool as fetched HTML."""
        if rendering.cancelled():
            return
        error = rendering.exception()
        if error is not None:
            outcome = fetch_outcome(item.url, error)
            self._inbox.put(item, replace(outcome, fetched_with=FetchedWith.BROWSER))
            return
        page = rendering.result()
        request = ExtractRequest(page.html, page.final_url, settings.PHONE_DEFAULT_REGION)

        def done(extraction: Future) -> None:
            outcome = extraction_outcome(extraction)
            learned = learn and bool(outcome.contacts)
            outcome = replace(outcome, fetched_with=FetchedWith.BROWSER, needs_rendering=learned)
            self._inbox.put(item, outcome)

        self._pool.submit(request).add_done_callback(done)

    def finished(self, timeout: float) -> list[tuple[Claim, Any]]:
        return self._inbox.finished(timeout)

    def cancel(self, items: list[Claim]) -> None:
        self._inbox.cancel(items)

    def write(self, results: list[tuple[Claim, PageOutcome]]) -> Written:
        written = write_outcomes(results)
        domains_store_robots(robots=rules_to_store(self._site_rules, self._site_domains))
        return written

    def _seed_robots(self, items: list[Claim]) -> None:
        """The domains' cached robots.txt, so that a fresh one is not asked for again."""
        new = {item.domain_id for item in items} - set(self._site_domains.values())
        caches = robots_caches(new) if new else {}
        for item in items:
            site = origin(item.url)
            if site not in self._site_domains and item.domain_id in caches:
                self._site_domains[site] = item.domain_id
                self._site_rules.seed(site, cached_rules(*caches[item.domain_id]))


def summary(stats: RunStats) -> str:
    created = stats.counts.get("contacts_created", 0)
    updated = stats.counts.get("contacts_updated", 0)
    text = (
        f"processed {stats.processed} pages: {stats.complete} complete, {stats.error} error, "
        f"{stats.stale} stale; contacts {created} created, {updated} updated; "
        f"{stats.per_second:.1f} pages/s"
    )
    if stats.released:
        text += f"; {stats.released} given back to the queue at the deadline"
    return text
