"""Fetching pages: one shared ``httpx.AsyncClient`` per run, bounded concurrency overall and per
host, retries with backoff, and a budget: a page's whole fetch (every hop, retry and backoff
sleep) ends within ``FETCH_TIMEOUT_SECONDS``, whatever the server does."""

import asyncio
import contextlib
import email.utils
import random
import time
from collections import defaultdict
from urllib.parse import urljoin, urlsplit

import httpx

from extraction.fetch.decoding import (
    ACCEPT_ENCODING,
    BodyDecoder,
    check_content_type,
    check_is_html,
    decode_html,
)
from extraction.fetch.errors import FetchError, Refused, RetryableError, TooLarge
from extraction.fetch.options import FetchedPage, FetchOptions
from extraction.fetch.transport import PoolPerHost

MAX_REDIRECTS = 5
MAX_RETRY_AFTER_SECONDS = 60.0
REDIRECT_CODES = (301, 302, 303, 307, 308)


def retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return min(float(value), MAX_RETRY_AFTER_SECONDS)
    try:
        when = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return min(max(when - time.time(), 0.0), MAX_RETRY_AFTER_SECONDS)


def redirect_target(url: str, location: str) -> str:
    """The absolute URL a ``Location`` header points to; ``FetchError`` if it is not a URL."""
    try:
        target = urljoin(url, location)
        httpx.URL(target)
    except (ValueError, httpx.InvalidURL):
        raise FetchError(f"Bad redirect: {location[:200]!r} is not a URL") from None
    return target


async def check_redirect(response: httpx.Response) -> None:
    """Vet ``Location`` before httpx parses it (it would raise a protocol error)."""
    if response.has_redirect_location:
        redirect_target(str(response.request.url), response.headers["location"])


class Fetcher:
    """Use as ``async with Fetcher(options) as fetcher: await fetcher.fetch(url)``."""

    def __init__(self, options: FetchOptions):
        self.options = options
        self._overall = asyncio.Semaphore(options.concurrency)
        self._per_host: dict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(options.per_domain)
        )
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> "Fetcher":
        per_read = min(self.options.read_timeout, self.options.timeout)
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(per_read, pool=self.options.timeout),
            headers={
                "User-Agent": self.options.user_agent,
                "Accept": "text/html,*/*;q=0.5",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            transport=PoolPerHost(
                max_connections=max(self.options.per_domain, 1),
                guard=not self.options.allow_private,
            ),
            follow_redirects=False,
            trust_env=False,
            event_hooks={"response": [check_redirect]},
        )
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self._http.aclose()

    @property
    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            raise RuntimeError("use the Fetcher as an async context manager")
        return self._client

    async def fetch(self, url: str) -> FetchedPage:
        budget = asyncio.timeout(None)  # starts when the page first holds its slots
        try:
            async with budget:
                return await self._attempts(url, budget)
        except TimeoutError:
            if not budget.expired():
                raise
            raise FetchError(
                f"Timeout: the page did not arrive within {self.options.timeout:g} s"
            ) from None

    async def _attempts(self, url: str, budget: asyncio.Timeout) -> FetchedPage:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            raise Refused(f"Refused: not an http(s) URL: {url[:200]}") from None
        for attempt in range(self.options.retries + 1):
            async with self._slots(host, budget):
                try:
                    return await self._fetch_once(url)
                except RetryableError as exc:
                    error = exc
            if attempt == self.options.retries:
                raise FetchError(f"{error} (after {attempt + 1} attempts)") from None
            delay = self._backoff(attempt, error.retry_after)
            deadline = budget.when()
            if deadline is not None and asyncio.get_running_loop().time() + delay >= deadline:
                raise FetchError(f"{error} (no time left for attempt {attempt + 2})") from None
            await asyncio.sleep(delay)  # outside the slots: a waiting page blocks no other
        raise AssertionError("unreachable")

    @contextlib.asynccontextmanager
    async def _slots(self, host: str, budget: asyncio.Timeout):
        async with self._per_host[host], self._overall:  # host first: never idle a global slot
            if budget.when() is None:
                budget.reschedule(asyncio.get_running_loop().time() + self.options.timeout)
            yield

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return retry_after
        delay = self.options.backoff_base * (2**attempt)
        return delay + random.uniform(0, delay)

    async def _fetch_once(self, url: str) -> FetchedPage:
        if self.options.scraper_api_key:
            answer = await self._get(url, via_scraper_api=True)
            if not isinstance(answer, FetchedPage):
                raise FetchError(f"Bad answer from ScraperAPI: a redirect to {answer[:200]}")
            return answer
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            answer = await self._get(current, via_scraper_api=False)
            if isinstance(answer, FetchedPage):
                return FetchedPage(url, current, answer.status_code, answer.html)
            current = answer
        raise FetchError(f"Too many redirects: more than {MAX_REDIRECTS}")

    async def _get(self, url: str, *, via_scraper_api: bool) -> "FetchedPage | str":
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Refused(f"Refused: not an http(s) URL: {url[:200]}")
        try:
            request = self._request(url, via_scraper_api)
        except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
            raise FetchError(f"Bad URL: {url[:200]} ({exc})") from None
        try:
            response = await self._http.send(request, stream=True)
        except httpx.TimeoutException:
            per_read = min(self.options.read_timeout, self.options.timeout)
            raise RetryableError(f"Timeout: no answer within {per_read:g} s") from None
        except httpx.ProtocolError as exc:
            raise FetchError(f"Protocol error: {exc}") from None
        except httpx.TransportError as exc:
            raise RetryableError(f"Connection failed: {type(exc).__name__}: {exc}") from None
        try:
            return await self._read(url, response)
        finally:
            await response.aclose()

    def _request(self, url: str, via_scraper_api: bool) -> httpx.Request:
        if not via_scraper_api:
            return self._http.build_request("GET", url)
        params = {
            "api_key": self.options.scraper_api_key,
            "url": url,
            "render": "true",
            "premium": "true",
            "country_code": "us",
            "device_type": "desktop",
        }
        # ScraperAPI renders the page before it answers: its wait is the page's whole budget.
        return self._http.build_request(
            "GET", self.options.scraper_api_url, params=params, timeout=self.options.timeout
        )

    async def _read(self, url: str, response: httpx.Response) -> "FetchedPage | str":
        status = response.status_code
        if status in REDIRECT_CODES and "location" in response.headers:
            return redirect_target(url, response.headers["location"])
        if status == 429 or status >= 500:
            retry_after = retry_after_seconds(response.headers.get("retry-after"))
            raise RetryableError(f"HTTP {status}: {response.reason_phrase}", retry_after)
        if status >= 400:
            raise FetchError(f"HTTP {status}: {response.reason_phrase}")
        content_type = response.headers.get("content-type", "")
        check_content_type(content_type)
        self._check_declared_length(response.headers.get("content-length"))
        body = await self._read_capped(response)
        check_is_html(content_type, body)
        return FetchedPage(url, url, status, decode_html(body, response.charset_encoding))

    def _check_declared_length(self, value: str | None) -> None:
        try:
            declared = int(value or 0)
        except ValueError:
            raise FetchError(f"Protocol error: bad Content-Length {str(value)[:40]!r}") from None
        if declared > self.options.max_bytes:
            raise TooLarge(f"Too large: {declared} bytes, the limit is {self.options.max_bytes}")

    async def _read_capped(self, response: httpx.Response) -> bytes:
        decoder = BodyDecoder(
            response.headers.get("content-encoding", ""),
            max_bytes=self.options.max_bytes,
            max_ratio=self.options.max_compression_ratio,
        )
        try:
            async for chunk in response.aiter_raw():
                decoder.feed(chunk)
        except httpx.TimeoutException:
            raise RetryableError("Timeout: the body did not arrive in time") from None
        except httpx.ProtocolError as exc:
            raise FetchError(f"Protocol error while reading: {exc}") from None
        except httpx.TransportError as exc:
            raise RetryableError(f"Connection failed while reading: {exc}") from None
        return decoder.body()


def fetch_one(url: str, **overrides) -> FetchedPage:
    """Fetch one page now, through the same guard, caps and budget as the job (for commands)."""

    async def run() -> FetchedPage:
        async with Fetcher(FetchOptions.from_settings(**overrides)) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(run())
