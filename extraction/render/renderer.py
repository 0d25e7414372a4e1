"""Rendering pages in a headless Chromium driven by Playwright's async API, on an event loop of
its own thread (Playwright is not thread-safe): one browser per process, a fresh context per page,
at most ``concurrency`` pages at once. The browser is replaced after ``pages_per_browser`` pages,
when its processes pass the memory limit, or when it crashes (the page then gets one more try).

Every connection the browser makes goes through ``GuardProxy``; images, media, fonts and
stylesheets are never requested; no downloads, service workers, permissions or popups. After
``timeout`` the DOM as it stands is read; a page that will not even let it be read fails, and
its browser is replaced, so no worker waits on a page forever."""

import asyncio
import contextlib
import logging
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import psutil

from extraction.fetch import guard
from extraction.fetch.decoding import check_content_type
from extraction.fetch.errors import FetchError, Refused, TooLarge
from extraction.render.options import RenderOptions
from extraction.render.proxy import REFUSED_HEADER, GuardProxy

logger = logging.getLogger(__name__)

BLOCKED_RESOURCES = frozenset({"image", "media", "font", "stylesheet"})
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--proxy-bypass-list=<-loopback>",  # loopback too goes through the guard
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--disable-background-networking",
    "--no-first-run",
]
READ_DOM = """(cap) => {
  const root = document.documentElement;
  if (!root) return [0, ""];
  const html = root.outerHTML;
  return html.length > cap ? [html.length, ""] : [html.length, html];
}"""
# ``service_workers="block"`` alone let this Chromium register one: registration is refused too.
NO_SERVICE_WORKERS = """if (navigator.serviceWorker) {
  Object.defineProperty(navigator.serviceWorker, "register", {
    value: () => Promise.reject(new DOMException("Service workers are off", "SecurityError")),
  });
}"""
# Beyond the page's timeout: to open a context, read the DOM and close, before the page fails.
GRACE_SECONDS = 10.0
LAUNCH_TIMEOUT_SECONDS = 30.0


class RenderError(FetchError):
    """The browser could not render the page; the message is what a curator reads."""


class BrowserCrashed(RenderError):
    pass


@dataclass(frozen=True)
class RenderedPage:
    url: str
    final_url: str
    html: str
    status_code: int
    timed_out: bool  # the DOM was read as it stood at the time limit


@dataclass
class _Browser:
    browser: Any  # playwright.async_api.Browser, imported only where a browser is used
    pages: int = 0
    in_flight: int = 0
    retiring: bool = False


def browser_memory_bytes() -> int:
    """Memory of the browser processes under this one: their proportional set size, so pages
    that they share are counted once (resident sizes would count them in every process)."""
    total = 0
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "chrom" in child.name() or "headless" in child.name():
                total += child.memory_full_info().pss
    return total


class Renderer:
    """``with Renderer(options) as renderer: renderer.submit(url).result()``."""

    def __init__(self, options: RenderOptions):
        self.options = options
        self.launches = 0  # browsers started
        self.retired = 0  # browsers set to be replaced (pages, memory, crash, hang)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="render", daemon=True)
        self._current: _Browser | None = None
        self._background: set[asyncio.Future] = set()
        self._started = False

    def __enter__(self) -> "Renderer":
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self) -> None:
        if self._started:
            return
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._open(), self._loop).result()
        self._started = True

    def close(self) -> None:
        if not self._started:
            return
        self._started = False
        closing = asyncio.run_coroutine_threadsafe(self._close(), self._loop)
        with contextlib.suppress(Exception):
            closing.result(timeout=LAUNCH_TIMEOUT_SECONDS)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    def submit(self, url: str) -> Future:
        """Render ``url``; the future's result is a ``RenderedPage`` or a ``FetchError``."""
        return asyncio.run_coroutine_threadsafe(self.render(url), self._loop)

    @property
    def refused(self) -> int:
        return self._proxy.refused

    async def _open(self) -> None:
        from playwright.async_api import async_playwright

        self._slots = asyncio.Semaphore(max(self.options.concurrency, 1))
        self._launching = asyncio.Lock()
        self._proxy = await GuardProxy(allow_private=self.options.allow_private).__aenter__()
        self._playwright = await async_playwright().start()

    async def _close(self) -> None:
        if self._current is not None:
            await self._shut(self._current)
        await asyncio.gather(*self._background, return_exceptions=True)
        with contextlib.suppress(Exception):
            await self._playwright.stop()
        await self._proxy.__aexit__(None, None, None)

    async def render(self, url: str) -> RenderedPage:
        await self._vet_document(url)
        async with self._slots:
            try:
                return await self._render_on_a_browser(url)
            except BrowserCrashed:
                logger.warning("the browser crashed rendering %s; trying once more", url)
            try:
                return await self._render_on_a_browser(url)
            except BrowserCrashed:
                raise RenderError("Rendering failed: the browser crashed twice") from None

    async def _vet_document(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Refused(f"Refused: not an http(s) URL: {url[:200]}")
        if not self.options.allow_private:
            try:
                await guard.vetted_address(httpx.URL(url))
            except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
                raise FetchError(f"Bad URL: {url[:200]} ({exc})") from None

    async def _browser(self) -> _Browser:
        async with self._launching:
            current = self._current
            if current is not None and not current.retiring and current.browser.is_connected():
                return current
            if current is not None:
                self._retire(current)
            try:
                browser = await self._playwright.chromium.launch(
                    executable_path=self.options.browser_path or None,
                    args=BROWSER_ARGS,
                    proxy={"server": self._proxy.url},
                    timeout=LAUNCH_TIMEOUT_SECONDS * 1000,
                )
            except Exception as exc:
                raise RenderError(f"Rendering failed: cannot start the browser: {exc}") from None
            self.launches += 1
            self._current = _Browser(browser)
            return self._current

    def _retire(self, holder: _Browser) -> None:
        if not holder.retiring:
            self.retired += 1
        holder.retiring = True
        if self._current is holder:
            self._current = None
        if holder.in_flight == 0:
            self._in_background(self._shut(holder))

    def _in_background(self, coroutine) -> None:
        task = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _shut(self, holder: _Browser) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(holder.browser.close(), LAUNCH_TIMEOUT_SECONDS)

    async def _render_on_a_browser(self, url: str) -> RenderedPage:
        from playwright.async_api import Error as PlaywrightError

        holder = await self._browser()
        holder.in_flight += 1
        try:
            async with asyncio.timeout(self.options.timeout + GRACE_SECONDS):
                return await self._render_in_context(holder, url)
        except TimeoutError:
            self._retire(holder)  # a page that hangs the browser takes the browser with it
            raise RenderError(
                f"Timeout: the browser did not give the page's DOM within "
                f"{self.options.timeout + GRACE_SECONDS:g} s"
            ) from None
        except PlaywrightError as exc:
            if not holder.browser.is_connected():
                self._retire(holder)
                raise BrowserCrashed("Rendering failed: the browser crashed") from None
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise RenderError(f"Rendering failed: {message[:300]}") from None
        finally:
            holder.in_flight -= 1
            holder.pages += 1
            self._after_page(holder)

    def _after_page(self, holder: _Browser) -> None:
        if holder.retiring:
            if holder.in_flight == 0:
                self._in_background(self._shut(holder))
            return
        if holder.pages >= self.options.pages_per_browser:
            self._retire(holder)
        else:
            self._in_background(self._check_memory(holder))

    async def _check_memory(self, holder: _Browser) -> None:
        """Off the loop: reading every browser process's memory map takes milliseconds."""
        used = await asyncio.to_thread(browser_memory_bytes)
        if used > self.options.memory_limit_bytes and not holder.retiring:
            logger.info("the browser uses %d MiB, over its limit; replacing it", used >> 20)
            self._retire(holder)

    async def _render_in_context(self, holder: _Browser, url: str) -> RenderedPage:
        context = await holder.browser.new_context(
            service_workers="block",
            accept_downloads=False,
            user_agent=self.options.user_agent,
        )
        try:
            await context.route("**/*", _route)
            await context.add_init_script(NO_SERVICE_WORKERS)
            page = await context.new_page()
            page.on("popup", lambda popup: asyncio.ensure_future(popup.close()))
            return await self._load(page, url)
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(context.close(), GRACE_SECONDS / 2)

    async def _load(self, page, url: str) -> RenderedPage:
        from playwright.async_api import Error as PlaywrightError
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.options.timeout
        timed_out = False
        response = None
        documents: list = []  # the main frame's responses: Chromium hides an empty error page

        def on_response(answer) -> None:
            if answer.frame == page.main_frame and answer.request.is_navigation_request():
                documents.append(answer)

        page.on("response", on_response)
        try:
            response = await page.goto(url, wait_until="load", timeout=self.options.timeout * 1000)
        except PlaywrightTimeout:
            timed_out = True
        except PlaywrightError:
            if documents:
                _check_document(documents[-1])
            raise
        if response is not None:
            _check_document(response)
        if not timed_out:
            left = deadline - loop.time()
            try:
                await page.wait_for_load_state("networkidle", timeout=max(left, 0.001) * 1000)
            except PlaywrightTimeout:
                timed_out = True
        async with asyncio.timeout(GRACE_SECONDS / 2):
            length, html = await page.evaluate(READ_DOM, self.options.max_dom_chars)
        if length > self.options.max_dom_chars:
            raise TooLarge(
                f"Too large: the rendered page has {length} characters, "
                f"the limit is {self.options.max_dom_chars}"
            )
        return RenderedPage(
            url=url,
            final_url=page.url,
            html=html,
            status_code=response.status if response is not None else 0,
            timed_out=timed_out,
        )


def _check_document(response) -> None:
    """The document's own answer: refused by the guard, an HTTP error, or not HTML."""
    headers = response.headers
    refusal = headers.get(REFUSED_HEADER.lower())
    if refusal:
        raise Refused(refusal)
    if response.status >= 400:
        reason = f": {response.status_text}" if response.status_text else ""
        raise FetchError(f"HTTP {response.status}{reason}")
    check_content_type(headers.get("content-type", ""))


async def _route(route) -> None:
    request = route.request
    if request.resource_type in BLOCKED_RESOURCES or not request.url.startswith(("http", "ws")):
        await route.abort("blockedbyclient")
    else:
        await route.fallback()
