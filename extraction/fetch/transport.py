"""The transport under the fetcher's one ``httpx.AsyncClient``: a connection pool per host, and,
when the guard is on, pools that connect only to the address the guard vetted."""

from collections import Counter, OrderedDict
from typing import cast

import httpcore
import httpx

from extraction.fetch.guard import vetted_address
from extraction.fetch.network import AsyncioBackend


def network_backend() -> httpcore.AsyncNetworkBackend:
    """Opens the pools' sockets (tests replace it so no packet leaves loopback)."""
    return AsyncioBackend()


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """Connects to one vetted address whatever name the pool asks for. The pool still sends the
    name in the Host header and as the TLS server name, and checks the certificate against it."""

    def __init__(self, address: str, inner: httpcore.AsyncNetworkBackend):
        self.address, self._inner = address, inner

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return await self._inner.connect_tcp(
            self.address,
            port,
            timeout=timeout,
            local_address=local_address,
            socket_options=socket_options,
        )

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("Unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class PoolPerHost(httpx.AsyncBaseTransport):
    """A connection pool per host behind the one client.

    httpcore's pool scans all its connections for every queued request; with one pool for 32
    connections that scan cost more CPU than parsing the responses. A pool per host keeps it at
    the per-host cap. The least recently used idle pools are closed past ``max_pools``.

    With ``guard`` on, every request (so every redirect hop) is vetted first and goes to a pool
    pinned to the vetted address; a host that moves to another address gets another pool."""

    def __init__(self, *, max_connections: int, max_pools: int = 256, guard: bool = False):
        self._limits = httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        )
        self._ssl_context = httpx.create_ssl_context()
        self._pools: OrderedDict[tuple, httpx.AsyncHTTPTransport] = OrderedDict()
        self._busy: Counter[tuple] = Counter()
        self._max_pools = max_pools
        self._guard = guard

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        address = await vetted_address(request.url) if self._guard else None
        key = (request.url.scheme, request.url.host, request.url.port, address)
        pool = self._pools.get(key)
        if pool is None:
            pool = self._new_pool(address)
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
            stream=_ReleasingStream(
                cast(httpx.AsyncByteStream, response.stream), lambda: self._release(key)
            ),
            extensions=response.extensions,
        )

    def _new_pool(self, address: str | None) -> httpx.AsyncHTTPTransport:
        transport = httpx.AsyncHTTPTransport(verify=self._ssl_context, limits=self._limits)
        # httpx 0.28 takes no network backend, so the pool it made is swapped for one on ours
        # that, under the guard, connects to the vetted address (test_fetch_guard proves where
        # connections go).
        backend = network_backend()
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=self._ssl_context,
            max_connections=self._limits.max_connections,
            max_keepalive_connections=self._limits.max_keepalive_connections,
            keepalive_expiry=self._limits.keepalive_expiry,
            network_backend=backend if address is None else PinnedBackend(address, backend),
        )
        return transport

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
