"""robots.txt: read once per site, parsed by Protego (Google's rules: wildcards, longest match),
matched for our product token, and obeyed by every job.

A 4xx robots.txt allows everything; a 5xx or no answer allows nothing until the site answers
(``Unavailable``); a cached copy is used for ``ROBOTS_MAX_AGE_HOURS``."""

import asyncio
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from protego import Protego

from extraction.fetch import FetchedPage, Fetcher, FetchError, NotAFit, RetryableError
from pages.models import RobotsStatus
from pages.services.discovery import RobotsCache

MAX_ROBOTS_CHARS = 500_000  # Google reads the first 500 KiB
DISALLOWED = "Disallowed by robots.txt"


def user_agent_token(user_agent: str) -> str:
    """The product token robots.txt groups are matched against: ``WF7ContactBot/1.0 (…)`` →
    ``WF7ContactBot``."""
    return (user_agent.split() or ["*"])[0].split("/")[0] or "*"


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class RobotsRules:
    """One site's robots.txt as the jobs use it."""

    status: str
    text: str = ""
    fetched_at: datetime | None = None
    _parsed: Protego | None = field(default=None, compare=False, repr=False)

    @classmethod
    def build(cls, status: str, text: str = "", fetched_at: datetime | None = None):
        parsed = Protego.parse(text) if status == RobotsStatus.FETCHED else None
        return cls(status, text, fetched_at or timezone.now(), parsed)

    def allows(self, url: str) -> bool:
        if not settings.FETCH_OBEY_ROBOTS or self.status == RobotsStatus.MISSING:
            return True
        if self.status == RobotsStatus.UNAVAILABLE or self._parsed is None:
            return False
        return self._parsed.can_fetch(url, self.token)

    @property
    def token(self) -> str:
        return user_agent_token(settings.FETCH_USER_AGENT)

    @property
    def crawl_delay(self) -> float:
        if self._parsed is None or not settings.FETCH_OBEY_ROBOTS:
            return 0.0
        delay = self._parsed.crawl_delay(self.token) or 0.0
        return min(float(delay), settings.ROBOTS_MAX_CRAWL_DELAY_SECONDS)

    @property
    def sitemaps(self) -> list[str]:
        return list(self._parsed.sitemaps) if self._parsed is not None else []

    @property
    def unavailable(self) -> bool:
        return settings.FETCH_OBEY_ROBOTS and self.status == RobotsStatus.UNAVAILABLE

    def fresh(self) -> bool:
        if not self.status or self.fetched_at is None:
            return False
        age = timezone.now() - self.fetched_at
        return age < timedelta(hours=settings.ROBOTS_MAX_AGE_HOURS)


def cached_rules(status: str, text: str, fetched_at: datetime | None) -> RobotsRules | None:
    """The rules a domain's cache holds, or None when they are missing or too old (an
    unavailable robots.txt is never reused: the next job asks again)."""
    if not status or status == RobotsStatus.UNAVAILABLE:
        return None
    rules = RobotsRules.build(status, text, fetched_at)
    return rules if rules.fresh() else None


async def fetch_rules(fetcher: Fetcher, site_origin: str) -> RobotsRules:
    """Ask the site for its robots.txt (one request, with the fetcher's retries)."""
    try:
        found = await fetcher.fetch_file(f"{site_origin}/robots.txt")
    except FetchError as exc:
        return RobotsRules.build(RobotsStatus.UNAVAILABLE, f"{exc}"[:1000])
    if found.status_code >= 300:  # 4xx (and a redirect without a target): no rules
        return RobotsRules.build(RobotsStatus.MISSING)
    text = found.body[:MAX_ROBOTS_CHARS].decode("utf-8", errors="replace")
    return RobotsRules.build(RobotsStatus.FETCHED, text)


class SiteRules:
    """Per worker: each site's rules, asked for at most once, and the site's ``Crawl-delay``
    kept between requests to it."""

    def __init__(self, fetcher: Fetcher):
        self._fetcher = fetcher
        self._known: dict[str, RobotsRules] = {}
        self._asking: dict[str, asyncio.Future] = {}
        self._turns: dict[str, asyncio.Lock] = {}
        self._last_request: dict[str, float] = {}
        self.fetched: dict[str, RobotsRules] = {}  # asked for by this worker: the job stores them

    def seed(self, site_origin: str, rules: RobotsRules | None) -> None:
        """Rules read from the domain's cache (None: none fresh, ask the site)."""
        if rules is not None:
            self._known.setdefault(site_origin, rules)

    async def rules(self, url: str) -> RobotsRules:
        site = origin(url)
        if site in self._known:
            return self._known[site]
        if site not in self._asking:
            self._asking[site] = asyncio.ensure_future(self._ask(site))
        return await asyncio.shield(self._asking[site])

    async def _ask(self, site: str) -> RobotsRules:
        async with self._turn(site, 0.0):
            rules = await fetch_rules(self._fetcher, site)
        self.fetched[site] = rules
        if rules.status != RobotsStatus.UNAVAILABLE:
            self._known[site] = rules
        return rules

    def _turn(self, site: str, delay: float) -> "_Turn":
        return _Turn(self, site, delay)

    def turn(self, url: str, rules: RobotsRules) -> "_Turn":
        """``async with site_rules.turn(url, rules):`` around each request to the site."""
        return self._turn(origin(url), rules.crawl_delay)

    async def check(self, url: str) -> RobotsRules | None:
        """The site's rules when they allow ``url`` (None: robots.txt is not obeyed);
        ``NotAFit`` when they disallow it, a retryable error while they cannot be read."""
        if not settings.FETCH_OBEY_ROBOTS:
            return None
        rules = await self.rules(url)
        if rules.unavailable:
            raise RetryableError(
                f"Robots.txt unavailable ({rules.text or 'no answer'}): try again later"
            )
        if not rules.allows(url):
            raise NotAFit(DISALLOWED)
        return rules

    async def fetch_page(self, url: str) -> FetchedPage:
        """Fetch a page as robots.txt allows (``check``), the crawl delay kept."""
        rules = await self.check(url)
        if rules is None:
            return await self._fetcher.fetch(url)
        async with self.turn(url, rules):
            return await self._fetcher.fetch(url)


class _Turn:
    """Holds the site's turn: waits out its crawl delay since the last request, and records the
    end of this one."""

    def __init__(self, owner: SiteRules, site: str, delay: float):
        self._owner, self._site, self._delay = owner, site, delay
        self._lock: asyncio.Lock | None = None

    async def __aenter__(self) -> None:
        if self._delay <= 0:
            return  # no delay asked for: requests to the site may overlap
        self._lock = self._owner._turns.setdefault(self._site, asyncio.Lock())
        await self._lock.acquire()
        last = self._owner._last_request.get(self._site)
        if last is not None and self._delay > 0:
            wait = last + self._delay - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)

    async def __aexit__(self, *exc_info) -> None:
        self._owner._last_request[self._site] = time.monotonic()
        if self._lock is not None:
            self._lock.release()


def rules_to_store(site_rules: SiteRules, site_domains: dict) -> dict:
    """The rules a worker read since the last call, by domain id, for the domains' cache."""
    found = {}
    for site in list(site_rules.fetched):
        if site in site_domains:
            rules = site_rules.fetched.pop(site)
            found[site_domains[site]] = RobotsCache(rules.status, rules.text, rules.fetched_at)
    return found
