"""Discovery on the one job loop: each claimed domain is discovered on an event loop of the job's
own thread (I/O only); each group of results is written in one transaction."""

import functools
import logging
from concurrent.futures import Future
from typing import Any

from django.conf import settings
from django.utils import timezone

from extraction.discovery.discover import DiscoveryResult, DomainDiscovery
from extraction.discovery.robots import SiteRules, cached_rules, origin
from extraction.discovery.scoring import choose
from extraction.fetch import FetchingThread, FetchOptions
from jobs.loop import Inbox, RunStats, Written
from jobs.spec import Claim
from pages.queue import DOMAIN_JOB
from pages.services.discovery import (
    DiscoveryOutcome,
    ProposedPage,
    RobotsCache,
    domains_record_discoveries,
)

logger = logging.getLogger(__name__)


def start_url(item: Claim) -> str:
    return item.homepage_url or f"https://{item.name}/"


def outcome_of(result: DiscoveryResult, auto_select: int) -> DiscoveryOutcome:
    robots = None
    if result.robots is not None:
        rules = result.robots
        robots = RobotsCache(rules.status, rules.text, rules.fetched_at)
    pages = [
        ProposedPage(url=c.url, score=c.score, kind=c.kind, via=c.via) for c in result.candidates
    ]
    chosen = [c.url for c in choose(result.candidates, auto_select)]
    return DiscoveryOutcome(
        pages=pages,
        select=chosen,
        robots=robots,
        requests=result.requests,
        error=result.error,
        notes=result.notes,
    )


class DomainJob:
    """The discovery job for ``jobs.loop.run``; use as a context manager."""

    spec = DOMAIN_JOB

    def __init__(self, options: FetchOptions | None = None):
        self.options = options or FetchOptions.from_settings()
        self._fetching = FetchingThread(self.options)
        self._fetcher = self._fetching.fetcher
        self._inbox = Inbox()
        self._site_rules = SiteRules(self._fetcher)

    def __enter__(self) -> "DomainJob":
        self._fetching.__enter__()
        return self

    def __exit__(self, *exc_info) -> None:
        self._inbox.cancel_all()
        self._fetching.__exit__(*exc_info)

    def start(self, items: list[Claim]) -> None:
        for item in items:
            running = self._fetching.submit(self._discover(item))
            self._inbox.track(item, running)
            running.add_done_callback(functools.partial(self._finished, item))

    async def _discover(self, item: Claim) -> DiscoveryResult:
        url = start_url(item)
        cached = cached_rules(item.robots_status, item.robots_txt, item.robots_fetched_at)
        self._site_rules.seed(origin(url), cached)
        discovery = DomainDiscovery(
            self._fetcher,
            self._site_rules,
            start_url=url,
            max_fetches=settings.DISCOVERY_MAX_FETCHES,
            max_candidates=settings.DISCOVERY_MAX_CANDIDATES,
        )
        return await discovery.run()

    def _finished(self, item: Claim, running: Future) -> None:
        if running.cancelled():
            return
        error = running.exception()
        if error is not None:
            logger.error("discovering %s failed", item.name, exc_info=error)
            outcome = DiscoveryOutcome(error=f"{type(error).__name__}: {error}")
        else:
            outcome = outcome_of(running.result(), settings.DISCOVERY_AUTO_SELECT)
        self._inbox.put(item, outcome)

    def finished(self, timeout: float) -> list[tuple[Claim, Any]]:
        return self._inbox.finished(timeout)

    def cancel(self, items: list[Claim]) -> None:
        self._inbox.cancel(items)

    def write(self, results: list[tuple[Claim, DiscoveryOutcome]]) -> Written:
        recorded = domains_record_discoveries(outcomes=results, now=timezone.now())
        return Written(
            complete=recorded.complete,
            error=recorded.error,
            stale=recorded.stale,
            counts={
                "pages_created": recorded.pages_created,
                "pages_selected": recorded.pages_selected,
            },
        )


def summary(stats: RunStats) -> str:
    created = stats.counts.get("pages_created", 0)
    selected = stats.counts.get("pages_selected", 0)
    text = (
        f"discovered {stats.processed} domains: {stats.complete} complete, {stats.error} error, "
        f"{stats.stale} stale; pages {created} created, {selected} selected"
    )
    if stats.released:
        text += f"; {stats.released} given back to the queue at the deadline"
    return text
