import asyncio
from urllib.parse import parse_qs

import httpx
import pytest

from extraction import fetch
from extraction.fetch import FetchError, NotAFit, Refused, TooLarge
from extraction.tests.fetch_helpers import HTML, get
from extraction.tests.page_server import PageServer, Reply


def test_fetches_html(page_server):
    page = get(page_server.html("/team", HTML))
    assert page.status_code == 200
    assert "jane@firm.example.com" in page.html


def test_a_404_is_an_error_without_retries(page_server):
    with pytest.raises(FetchError, match="HTTP 404"):
        get(page_server.url("/missing"))
    assert page_server.hits["/missing"] == 1


def test_a_500_then_success_is_retried(page_server):
    url = page_server.add("/flaky", Reply(status=500, body=b"oops"), Reply(body=HTML.encode()))
    assert "jane@" in get(url).html
    assert page_server.hits["/flaky"] == 2


def test_gives_up_after_the_retries(page_server):
    url = page_server.add("/down", Reply(status=503, body=b"down"))
    with pytest.raises(FetchError, match=r"HTTP 503.*after 3 attempts"):
        get(url)
    assert page_server.hits["/down"] == 3


def test_429_honours_retry_after(page_server):
    busy = Reply(status=429, headers={"Retry-After": "0"})
    url = page_server.add("/busy", busy, Reply(body=HTML.encode()))
    assert get(url).status_code == 200
    assert page_server.hits["/busy"] == 2


def test_a_timeout_is_a_clear_error(page_server):
    url = page_server.add("/slow", Reply(body=HTML.encode(), delay=1.0))
    with pytest.raises(FetchError, match="Timeout"):
        get(url, timeout=0.2, retries=0)


def test_a_page_over_the_cap_is_refused(page_server):
    url = page_server.html("/huge", "<p>" + "x" * 200_000)
    with pytest.raises(TooLarge, match="Too large"):
        get(url)


def test_the_cap_holds_without_a_content_length(page_server):
    body = ("<p>" + "x" * 200_000).encode()
    url = page_server.add("/chunked", Reply(body=body, headers={"Content-Length": None}))
    with pytest.raises(TooLarge):
        get(url)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [("image/png", b"\x89PNG\r\n\x1a\n\x00\x00"), ("application/octet-stream", b"\x00\x01\x02")],
)
def test_binary_content_is_not_a_fit(page_server, content_type, body):
    url = page_server.add("/file", Reply(body=body, headers={"Content-Type": content_type}))
    with pytest.raises(NotAFit, match="Not HTML"):
        get(url)


def test_html_mislabelled_with_nul_bytes_is_not_a_fit(page_server):
    url = page_server.add("/bin", Reply(body=b"<html>\x00\x00\x00"))
    with pytest.raises(NotAFit, match="binary"):
        get(url)


def test_follows_redirects(page_server):
    page_server.html("/new", HTML)
    url = page_server.add("/old", Reply(status=301, headers={"Location": "/new"}))
    page = get(url)
    assert page.final_url == page_server.url("/new")


def test_a_redirect_loop_stops(page_server):
    url = page_server.add("/loop", Reply(status=302, headers={"Location": "/loop"}))
    with pytest.raises(FetchError, match="Too many redirects"):
        get(url)
    assert page_server.hits["/loop"] == 6


def test_refuses_loopback_by_default(page_server):
    with pytest.raises(Refused):
        get(page_server.html("/x", HTML), allow_private=False)
    assert page_server.hits["/x"] == 0


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("240.0.0.1", False),
    ],
)
def test_public_addresses(address, public):
    assert fetch.is_public_address(address) is public


def test_decodes_the_declared_charset(page_server):
    body = "<p>Müller — jürgen@firma.example.de</p>".encode("iso-8859-1", errors="replace")
    url = page_server.add(
        "/latin", Reply(body=body, headers={"Content-Type": "text/html; charset=iso-8859-1"})
    )
    assert "Müller" in get(url).html


def test_finds_the_charset_in_a_meta_tag(page_server):
    body = '<meta charset="windows-1252"><p>Café</p>'.encode("cp1252")
    url = page_server.add("/meta", Reply(body=body, headers={"Content-Type": "text/html"}))
    assert "Café" in get(url).html


def test_scraper_api_backend(page_server):
    api = page_server.html("/scraperapi", HTML)
    page = get("https://firm.example.com/team", scraper_api_key="k3y", scraper_api_url=api)
    assert "jane@" in page.html
    params = parse_qs(page_server.queries[-1])
    assert params["api_key"] == ["k3y"]
    assert params["url"] == ["https://firm.example.com/team"]
    assert (params["render"], params["premium"]) == (["true"], ["true"])
    assert (params["country_code"], params["device_type"]) == (["us"], ["desktop"])


def test_sends_the_configured_user_agent(page_server):
    get(page_server.html("/ua", HTML), user_agent="CuratorBot/2")
    assert page_server.user_agents == ["CuratorBot/2"]


def test_idle_host_pools_are_closed_past_the_cap():
    servers = [PageServer() for _ in range(3)]
    urls = [server.html("/", HTML) for server in servers]

    async def run():
        transport = fetch.PoolPerHost(max_connections=2, max_pools=2)
        async with httpx.AsyncClient(transport=transport) as client:
            for url in urls:
                assert (await client.get(url)).status_code == 200
            return len(transport._pools), sum(transport._busy.values())

    try:
        assert asyncio.run(run()) == (2, 0)
    finally:
        for server in servers:
            server.stop()
