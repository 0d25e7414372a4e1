"""The browser's only way out: a forward proxy on loopback that vets every connection with the
fetcher's SSRF guard and connects to the vetted address itself.

Chromium sends every request through it (the document, scripts, XHR/fetch, frames, each redirect
hop, WebSockets; HTTPS as ``CONNECT``), and through a proxy the browser resolves no names: the
guard resolves once, refuses a host if any of its addresses is not public, and pins the address it
vetted, exactly as the HTTP fetcher does."""

import asyncio
import contextlib
import logging
from urllib.parse import urlsplit

import httpx

from extraction.fetch import guard
from extraction.fetch.errors import FetchError

logger = logging.getLogger(__name__)

MAX_HEAD_BYTES = 64 * 1024
CHUNK = 64 * 1024
CONNECT_TIMEOUT = 10.0
REFUSED_HEADER = "X-WF7-Refused"
HOP_HEADERS = {"proxy-connection", "proxy-authorization", "connection", "keep-alive"}


class GuardProxy:
    """``async with GuardProxy(allow_private=...) as proxy``: ``proxy.url`` for the browser;
    ``refused`` counts the connections refused."""

    def __init__(self, *, allow_private: bool):
        self.allow_private = allow_private
        self.refused = 0
        self.url = ""
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task] = set()

    async def __aenter__(self) -> "GuardProxy":
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, limit=CHUNK)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc_info) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            await self._handle(reader, writer)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            self._tasks.discard(task)
            with contextlib.suppress(OSError):
                writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        if len(head) > MAX_HEAD_BYTES:
            return
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        method, target, version = request_line.split(" ", 2)
        if method == "CONNECT":
            host, _, port_text = target.rpartition(":")
            scheme, port = "https", int(port_text)
            host = host.strip("[]")
            forwarded = b""
        else:
            parts = urlsplit(target)
            if parts.scheme not in ("http", "ws") or not parts.hostname:
                await self._refuse(writer, f"Refused: not an http(s) URL: {target[:200]}")
                return
            scheme, host, port = "http", parts.hostname, parts.port or 80
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
            headers = [
                line
                for line in header_lines
                if line and line.split(":", 1)[0].strip().lower() not in HOP_HEADERS
            ]
            upgrade = any(line.lower().startswith("upgrade:") for line in headers)
            headers.append("Connection: upgrade" if upgrade else "Connection: close")
            lines = [f"{method} {path} {version}", *headers, "", ""]
            forwarded = "\r\n".join(lines).encode("latin-1")
        try:
            address = await self._address(scheme, host, port)
        except FetchError as exc:
            self.refused += 1
            logger.info("the browser's request to %s was refused: %s", host, exc)
            await self._refuse(writer, str(exc))
            return
        upstream_reader, upstream_writer = await asyncio.wait_for(
            asyncio.open_connection(address, port, limit=CHUNK), CONNECT_TIMEOUT
        )
        try:
            if method == "CONNECT":
                writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                await writer.drain()
            else:
                upstream_writer.write(forwarded)
            await _pipe_both(reader, writer, upstream_reader, upstream_writer)
        finally:
            with contextlib.suppress(OSError):
                upstream_writer.close()

    async def _address(self, scheme: str, host: str, port: int) -> str:
        if self.allow_private:
            return host
        try:
            url = httpx.URL(scheme=scheme, host=host, port=port, path="/")
        except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
            raise FetchError(f"Bad URL: {host[:200]} ({exc})") from None
        return await guard.vetted_address(url)

    async def _refuse(self, writer: asyncio.StreamWriter, reason: str) -> None:
        body = reason.encode("utf-8", "replace")
        header_value = reason.encode("ascii", "replace").decode("ascii")
        writer.write(
            b"HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + f"{REFUSED_HEADER}: {header_value}\r\n".encode("ascii")
            + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode("ascii")
            + body
        )
        await writer.drain()


async def _copy(source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
    try:
        while data := await source.read(CHUNK):
            target.write(data)
            await target.drain()
    finally:
        with contextlib.suppress(OSError, RuntimeError):
            if target.can_write_eof():
                target.write_eof()


async def _pipe_both(client_reader, client_writer, upstream_reader, upstream_writer) -> None:
    """Bytes both ways until the server is done; the client's side ends with it."""
    upload = asyncio.create_task(_copy(client_reader, upstream_writer))
    try:
        await _copy(upstream_reader, client_writer)
    finally:
        upload.cancel()
        await asyncio.gather(upload, return_exceptions=True)
