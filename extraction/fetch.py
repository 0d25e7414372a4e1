"""Fetching pages: one shared ``httpx.AsyncClient`` per run, bounded concurrency overall and per
host, retries with backoff, a streamed size cap, and a guard against fetching internal addresses
(URLs come from users)."""

import asyncio
import email.utils
import ipaddress
import random
import re
import socket
import time
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings

MAX_REDIRECTS = 5
MAX_RETRY_AFTER_SECONDS = 60.0
HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECT_CODES = (301, 302, 303, 307, 308)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


class FetchError(Exception):
    """The page could not be fetched; the message is what a curator reads."""


class NotAFit(FetchError):
    """The URL answered with something that cannot hold contacts (an image, a PDF, binary)."""


class TooLarge(FetchError):
    pass


class Refused(FetchError):
    """The guard refused to fetch the URL (an internal address, a bad scheme)."""


class RetryableError(FetchError):
    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class FetchOptions:
    timeout: float
    retries: int
    max_bytes: int
    concurrency: int
    per_domain: int
    user_agent: str
    allow_private: bool
    scraper_api_key: str = ""
    scraper_api_url: str = ""
    backoff_base: float = 0.5

    @classmethod
    def from_settings(cls, **overrides) -> "FetchOptions":
        values = {
            "timeout": settings.FETCH_TIMEOUT_SECONDS,
            "retries": settings.FETCH_RETRIES,
            "max_bytes": settings.FETCH_MAX_BYTES,
            "concurrency": settings.FETCH_CONCURRENCY,
            "per_domain": settings.FETCH_PER_DOMAIN_CONCURRENCY,
            "user_agent": settings.FETCH_USER_AGENT,
            "allow_private": settings.FETCH_ALLOW_PRIVATE_ADDRESSES,
            "scraper_api_key": settings.SCRAPER_API_KEY,
            "scraper_api_url": settings.SCRAPER_API_URL,
        }
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values)


@dataclass(frozen=True)
class FetchedPage:
    url: str
    final_url: str
    status_code: int
    html: str


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


async def check_host_is_public(host: str) -> None:
    """Refuse hosts that are, or resolve to, private, loopback, link-local or reserved addresses."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"DNS: cannot resolve {host} ({exc.strerror})") from None
    for info in infos:
        if not is_public_address(info[4][0]):
            raise Refused(f"Refused: {host} resolves to a non-public address ({info[4][0]})")


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


def decode_html(body: bytes, header_charset: str | None) -> str:
    charset = header_charset
    if not charset and (found := META_CHARSET.search(body[:4096])):
        charset = found.group(1).decode("ascii", "replace")
    try:
        return body.decode(charset or "utf-8", errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def check_is_html(content_type: str, body: bytes) -> None:
    media_type = content_type.split(";")[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        raise NotAFit(f"Not HTML: content type {media_type}")
    if b"\x00" in body[:4096]:
        raise NotAFit("Not HTML: binary content")
    if not media_type and b"<" not in body[:1024]:
        raise NotAFit("Not HTML: no content type and no markup")


class PoolPerHost(httpx.AsyncBaseTransport):
    """A connection pool per host behind the one client.

    httpcore's pool scans all its connections for every queued request; with one pool for 32
    connections that scan cost more CPU than parsing the responses. A pool per host keeps it at
    the per-host cap. The least recently used idle pools are closed past ``max_pools``."""

    def __init__(self, *, max_connections: int, max_pools: int = 256):
        self._limits = httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        )
        self._ssl_context = httpx.create_ssl_context()
        self._pools: OrderedDict[tuple, httpx.AsyncHTTPTransport] = OrderedDict()
        self._busy: Counter[tuple] = Counter()
        self._max_pools = max_pools

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = (request.url.scheme, request.url.host, request.url.port)
        pool = self._pools.get(key)
        if pool is None:
            pool = httpx.AsyncHTTPTransport(verify=self._ssl_context, limits=self._limits)
            self._pools[key] = pool
            await self._close_idle_pools()
        self._pools.move_to_end(key)
        self._busy[key] += 1
        try:
            response = await pool.handle_async_request(request)
        except BaseException:
            self._busy[key] -= 1
            raise
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_ReleasingStream(response.stream, lambda: self._release(key)),
            extensions=response.extensions,
        )

    def _release(self, key: tuple) -> None:
        self._busy[key] -= 1

    async def _close_idle_pools(self) -> None:
        for key in list(self._pools):
            if len(self._pools) <= self._max_pools:
                return
            if not self._busy[key]:
                await self._pools.pop(key).aclose()
                del self._busy[key]

    async def aclose(self) -> None:
        for pool in self._pools.values():
            await pool.aclose()
        self._pools.clear()


class _ReleasingStream(httpx.AsyncByteStream):
    def __init__(self, stream: httpx.AsyncByteStream, on_close):
        self._stream, self._on_close, self._closed = stream, on_close, False

    async def __aiter__(self):
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        if not self._closed:
            self._closed = True
            self._on_close()
        await self._stream.aclose()


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
        self._client = httpx.AsyncClient(
            timeout=self.options.timeout,
            headers={"User-Agent": self.options.user_agent, "Accept": "text/html,*/*;q=0.5"},
            transport=PoolPerHost(max_connections=max(self.options.per_domain, 1)),
            follow_redirects=False,
            trust_env=False,
        )
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self._client.aclose()

    async def fetch(self, url: str) -> FetchedPage:
        host = urlsplit(url).hostname or ""
        async with self._per_host[host], self._overall:  # host first: never idle a global slot
            for attempt in range(self.options.retries + 1):
                try:
                    return await self._fetch_once(url)
                except RetryableError as exc:
                    if attempt == self.options.retries:
                        raise FetchError(f"{exc} (after {attempt + 1} attempts)") from None
                    await asyncio.sleep(self._backoff(attempt, exc.retry_after))
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return retry_after
        delay = self.options.backoff_base * (2**attempt)
        return delay + random.uniform(0, delay)

    async def _fetch_once(self, url: str) -> FetchedPage:
        if self.options.scraper_api_key:
            return await self._get(url, via_scraper_api=True)
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            page_or_location = await self._get(current, via_scraper_api=False)
            if isinstance(page_or_location, FetchedPage):
                return FetchedPage(
                    url, current, page_or_location.status_code, page_or_location.html
                )
            current = page_or_location
        raise FetchError(f"Too many redirects: more than {MAX_REDIRECTS}")

    async def _get(self, url: str, *, via_scraper_api: bool) -> "FetchedPage | str":
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Refused(f"Refused: not an http(s) URL: {url[:200]}")
        if not self.options.allow_private:
            await check_host_is_public(parts.hostname)
        request = self._request(url, via_scraper_api)
        try:
            response = await self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise RetryableError(f"Timeout: no answer within {self.options.timeout:g} s") from None
        except httpx.TransportError as exc:
            raise RetryableError(f"Connection failed: {type(exc).__name__}: {exc}") from None
        try:
            return await self._read(url, response)
        finally:
            await response.aclose()

    def _request(self, url: str, via_scraper_api: bool) -> httpx.Request:
        if not via_scraper_api:
            return self._client.build_request("GET", url)
        params = {
            "api_key": self.options.scraper_api_key,
            "url": url,
            "render": "true",
            "premium": "true",
            "country_code": "us",
            "device_type": "desktop",
        }
        return self._client.build_request("GET", self.options.scraper_api_url, params=params)

    async def _read(self, url: str, response: httpx.Response) -> "FetchedPage | str":
        status = response.status_code
        if status in REDIRECT_CODES and "location" in response.headers:
            return urljoin(url, response.headers["location"])
        if status == 429 or status >= 500:
            retry_after = retry_after_seconds(response.headers.get("retry-after"))
            raise RetryableError(f"HTTP {status}: {response.reason_phrase}", retry_after)
        if status >= 400:
            raise FetchError(f"HTTP {status}: {response.reason_phrase}")
        declared = int(response.headers.get("content-length") or 0)
        if declared > self.options.max_bytes:
            raise TooLarge(f"Too large: {declared} bytes, the limit is {self.options.max_bytes}")
        body = await self._read_capped(response)
        check_is_html(response.headers.get("content-type", ""), body)
        return FetchedPage(url, url, status, decode_html(body, response.charset_encoding))

    async def _read_capped(self, response: httpx.Response) -> bytes:
        chunks, size = [], 0
        try:
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > self.options.max_bytes:
                    raise TooLarge(f"Too large: more than {self.options.max_bytes} bytes")
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise RetryableError("Timeout: the body did not arrive in time") from None
        except httpx.TransportError as exc:
            raise RetryableError(f"Connection failed while reading: {exc}") from None
        return b"".join(chunks)
