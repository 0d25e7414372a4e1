"""Discovering one domain: robots.txt first, then the homepage and the sitemaps, within
``DISCOVERY_MAX_FETCHES`` requests; every URL that robots.txt disallows is neither fetched nor
proposed. Pure I/O and scoring: the job writes the result."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from core.web_addresses import InvalidWebAddress, normalize_url
from extraction.discovery.links import homepage_links, shows_contacts
from extraction.discovery.robots import RobotsRules, SiteRules, origin
from extraction.discovery.scoring import (
    HOME_WITH_CONTACTS_SCORE,
    Candidate,
    fold,
    score,
    word_list,
)
from extraction.discovery.sitemaps import SitemapError, parse_sitemap
from extraction.fetch import Fetcher, FetchError, NotAFit
from pages.models import DiscoveredVia, PageKind

GUESSED_SITEMAPS = ("/sitemap.xml", "/sitemap_index.xml")
MAX_SITEMAP_DEPTH = 3  # an index of indexes of sitemaps
MAX_SITEMAP_URLS = 20_000  # over all of a domain's sitemaps


@dataclass
class DiscoveryResult:
    candidates: list[Candidate] = field(default_factory=list)
    robots: RobotsRules | None = None
    requests: int = 0
    error: str = ""  # the domain ends Error with it when set
    notes: list[str] = field(default_factory=list)


def _site_key(url: str) -> tuple[str, int | None]:
    """The host without ``www.``, and the port unless it is a default one: a site answers on
    http and https alike (a homepage that moved to https keeps its links)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.")
    port = parts.port if parts.port not in (80, 443) else None
    return host, port


def same_site(url: str, start_url: str) -> bool:
    try:
        return _site_key(url) == _site_key(start_url)
    except ValueError:
        return False


def _sitemap_order(url: str) -> float:
    """Child sitemaps of pages first, of posts, products and tags last."""
    text = fold(urlsplit(url).path)
    return max((weight for weight, term in word_list().penalties if term in text), default=0.0)


class DomainDiscovery:
    """One domain's discovery; ``run()`` returns its ``DiscoveryResult``."""

    def __init__(
        self,
        fetcher: Fetcher,
        site_rules: SiteRules,
        *,
        start_url: str,
        max_fetches: int,
        max_candidates: int,
    ):
        self._fetcher, self._site_rules = fetcher, site_rules
        self.start_url = start_url
        self.max_fetches, self.max_candidates = max_fetches, max_candidates
        self.result = DiscoveryResult()

    async def run(self) -> DiscoveryResult:
        rules = await self._site_rules.rules(self.start_url)
        if origin(self.start_url) in self._site_rules.fetched:
            self.result.requests += 1
            self.result.robots = rules
        if rules.unavailable:
            self.result.error = (
                f"Robots.txt unavailable ({rules.text or 'no answer'}): nothing fetched from "
                "the site for now; discovery will be retried"
            )
            return self.result
        found: dict[str, Candidate] = {}
        home_error = await self._homepage(rules, found)
        await self._sitemaps(rules, found)
        kept = [c for c in found.values() if rules.allows(c.url)]
        if len(kept) < len(found):
            self.result.notes.append(f"{len(found) - len(kept)} disallowed by robots.txt")
        for candidate in kept:
            if candidate.via != DiscoveredVia.START:
                score(candidate)
        kept = [c for c in kept if c.score > 0 or c.kind == PageKind.HOME]
        kept.sort(key=lambda c: (-c.score, c.url))
        self.result.candidates = kept[: self.max_candidates]
        if not self.result.candidates and home_error:
            self.result.error = home_error
        return self.result

    def _budget_left(self) -> bool:
        return self.result.requests < self.max_fetches

    async def _get(self, url: str, rules: RobotsRules, *, page: bool):
        self.result.requests += 1
        async with self._site_rules.turn(url, rules):
            if page:
                return await self._fetcher.fetch(url)
            return await self._fetcher.fetch_file(url)

    def _add(self, found: dict[str, Candidate], candidate: Candidate) -> None:
        if not same_site(candidate.url, self.start_url):
            return
        try:
            key = normalize_url(candidate.url)
        except InvalidWebAddress:
            return
        candidate.url = key
        known = found.get(key)
        if known is None:
            found[key] = candidate
        elif candidate.via == DiscoveredVia.LINK and known.via == DiscoveredVia.SITEMAP:
            found[key] = candidate  # the link says more (anchor text, position)

    async def _homepage(self, rules: RobotsRules, found: dict[str, Candidate]) -> str:
        if not rules.allows(self.start_url):
            self.result.notes.append("homepage disallowed by robots.txt")
            return "Disallowed by robots.txt: the homepage"
        if not self._budget_left():
            return "No request left for the homepage"
        try:
            page = await self._get(self.start_url, rules, page=True)
        except (FetchError, NotAFit) as exc:
            self.result.notes.append(f"homepage: {exc}")
            return f"{exc}"
        home = Candidate(url=self.start_url, via=DiscoveredVia.START, position="start")
        score(home)
        if shows_contacts(page.html):
            home.score = HOME_WITH_CONTACTS_SCORE
            home.reasons.append("shows contacts")
        self._add(found, home)
        for link in homepage_links(page.html, page.final_url):
            link.via = DiscoveredVia.LINK
            self._add(found, link)
        return ""

    async def _sitemaps(self, rules: RobotsRules, found: dict[str, Candidate]) -> None:
        site = origin(self.start_url)
        declared = [url for url in rules.sitemaps if same_site(url, self.start_url)]
        queue = [(url, 0) for url in declared] or [(site + path, 0) for path in GUESSED_SITEMAPS]
        guessing = not declared
        read_urls = 0
        while queue and self._budget_left() and read_urls < MAX_SITEMAP_URLS:
            url, depth = queue.pop(0)
            if not rules.allows(url):
                continue
            sitemap = await self._read_sitemap(url, rules)
            if sitemap is None:
                continue
            if guessing:  # one guessed sitemap that answers is the site's sitemap
                queue = [item for item in queue if item[1] > 0]
                guessing = False
            for page_url in sitemap.urls[: MAX_SITEMAP_URLS - read_urls]:
                self._add(
                    found, Candidate(url=page_url, via=DiscoveredVia.SITEMAP, position="sitemap")
                )
            read_urls += len(sitemap.urls)
            if depth + 1 < MAX_SITEMAP_DEPTH:
                children = [c for c in sitemap.children if same_site(c, self.start_url)]
                queue += [(child, depth + 1) for child in sorted(children, key=_sitemap_order)]

    async def _read_sitemap(self, url: str, rules: RobotsRules):
        try:
            answer = await self._get(url, rules, page=False)
        except FetchError as exc:
            self.result.notes.append(f"sitemap {url}: {exc}")
            return None
        if answer.status_code != 200:
            return None
        try:
            return parse_sitemap(answer.body)
        except SitemapError as exc:
            self.result.notes.append(f"sitemap {url}: {exc}")
            return None
