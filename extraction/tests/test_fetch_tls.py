"""HTTPS through the fetcher's own network layer: the TLS handshake, the certificate checked
against the name, keep-alive over TLS, and a certificate nobody vouches for refused."""

import asyncio
import ssl

import pytest
import trustme

from extraction.fetch import Fetcher, FetchError
from extraction.tests.fetch_helpers import HTML, options

BODY = HTML.encode()
RESPONSE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    b"Content-Length: " + str(len(BODY)).encode() + b"\r\n\r\n" + BODY
)


async def https_server(ca: trustme.CA, connections: list[int]):
    """A keep-alive HTTPS server on 127.0.0.1 with a certificate for 127.0.0.1 from ``ca``."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)

    async def handle(reader, writer):
        connections.append(1)
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                writer.write(RESPONSE)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=context)
    return server, server.sockets[0].getsockname()[1]


def fetch_twice(*, trusted: bool):
    ca, connections = trustme.CA(), []

    async def scenario():
        server, port = await https_server(ca, connections)
        async with server, Fetcher(options(retries=0)) as fetcher:
            if trusted:
                ca.configure_trust(fetcher._http._transport._ssl_context)
            url = f"https://127.0.0.1:{port}/team"
            return [await fetcher.fetch(url), await fetcher.fetch(url)]

    return asyncio.run(asyncio.wait_for(scenario(), 20)), connections


def test_a_page_over_https_is_fetched_and_the_connection_kept():
    pages, connections = fetch_twice(trusted=True)
    assert [page.html for page in pages] == [HTML, HTML]
    assert len(connections) == 1  # the second page came over the same TLS connection


def test_a_certificate_nobody_vouches_for_is_refused():
    with pytest.raises(FetchError, match=r"(?i)certificate"):
        fetch_twice(trusted=False)
