"""Bodies are decoded under the size cap: stacked or unknown codings are refused, bombs stop at
the cap or the ratio before the bytes exist, and a bad charset or a lying server is a clear
error."""

import gzip
import tracemalloc
import zlib

import pytest

from extraction.fetch import FetchError, NotAFit, TooLarge, decode_html
from extraction.fetch.decoding import BodyDecoder
from extraction.tests.fetch_helpers import HTML, get
from extraction.tests.page_server import Reply, endless, raw_reply


def gzip_stream(size: int, block: int = 1 << 20) -> bytes:
    """``size`` zero bytes, gzipped without ever holding them all."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts, zeros = [], bytes(block)
    for start in range(0, size, block):
        parts.append(compressor.compress(zeros[: min(block, size - start)]))
    return b"".join(parts) + compressor.flush()


def encoded(path, page_server, body: bytes, coding: str) -> str:
    headers = {"Content-Type": "text/html", "Content-Encoding": coding}
    return page_server.add(path, Reply(body=body, headers=headers))


def test_asks_only_for_codings_it_decodes(page_server):
    get(page_server.html("/", HTML))
    assert page_server.accept_encodings == ["gzip, deflate"]


@pytest.mark.parametrize("coding", ["gzip", "x-gzip", "GZIP"])
def test_decodes_gzip(page_server, coding):
    url = encoded("/gz", page_server, gzip.compress(HTML.encode()), coding)
    assert get(url).html == HTML


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS], ids=["zlib", "raw"])
def test_decodes_deflate_with_or_without_its_header(page_server, wbits):
    compressor = zlib.compressobj(6, zlib.DEFLATED, wbits)
    body = compressor.compress(HTML.encode()) + compressor.flush()
    assert get(encoded("/deflate", page_server, body, "deflate")).html == HTML


def test_nested_gzip_is_refused(page_server):
    """The 13 KB ``gzip, gzip`` page that used to decode to gigabytes."""
    body = gzip.compress(gzip_stream(64 << 20))
    url = encoded("/nested", page_server, body, "gzip, gzip")
    with pytest.raises(FetchError, match=r"^Bad encoding: more than one content coding \(gzip, "):
        get(url)


@pytest.mark.parametrize("coding", ["br", "zstd", "compress", "gzip;q=1"])
def test_an_unknown_coding_is_refused(page_server, coding):
    url = encoded("/odd", page_server, b"\x1f\x8b whatever", coding)
    with pytest.raises(FetchError, match=r"^Bad encoding: unsupported content coding"):
        get(url)


def test_a_corrupt_gzip_body_is_a_clear_error(page_server):
    url = encoded("/corrupt", page_server, b"\x1f\x8b\x08\x00 not gzip at all", "gzip")
    with pytest.raises(FetchError, match=r"^Bad encoding: the body is not valid gzip"):
        get(url)


def test_a_gzip_bomb_stops_at_the_ratio_cap(page_server):
    """90 KB of zeros fits the 100 KB cap but expands about 1000 times: refused by ratio."""
    url = encoded("/bomb", page_server, gzip_stream(90_000), "gzip")
    with pytest.raises(TooLarge, match="expands more than 100 times"):
        get(url)


def test_a_big_bomb_stops_at_the_cap_without_decoding_it():
    """200 MB of zeros in 200 KB: with no ratio cap, the size cap alone stops the decoder
    before the decoded bytes exist; Python never holds more than a few times the cap."""
    bomb = gzip_stream(200 << 20)
    decoder = BodyDecoder("gzip", max_bytes=1_000_000, max_ratio=float("inf"))
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge, match="more than 1000000 bytes once decompressed"):
            for start in range(0, len(bomb), 65536):
                decoder.feed(bomb[start : start + 65536])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4_000_000


def test_a_well_compressed_page_passes_the_ratio_cap():
    """A long staff table compresses about 14 times, well under the cap."""
    row = '<tr><td class="name">Person {0}</td><td>person{0}@firm.example.com</td></tr>\n'
    page = "".join(row.format(number) for number in range(3000)).encode()
    decoder = BodyDecoder("gzip", max_bytes=5_000_000, max_ratio=100)
    decoder.feed(gzip.compress(page))
    assert decoder.body() == page


@pytest.mark.parametrize("charset", ["idna", "punycode", "rot13", "hex", "no-such-charset", ""])
def test_an_unknown_or_odd_charset_falls_back_to_utf8(page_server, charset):
    body = "<p>Müller — jürgen@firma.example.de</p>".encode()
    headers = {"Content-Type": f"text/html; charset={charset}"}
    assert "Müller" in get(page_server.add("/cs", Reply(body=body, headers=headers))).html


def test_an_odd_charset_in_a_meta_tag_falls_back_to_utf8():
    body = '<meta charset="idna"><p>Müller</p>'.encode()
    assert "Müller" in decode_html(body, None)


def test_bad_content_length_is_a_protocol_error_not_retried(raw_server):
    server = raw_server(raw_reply(b"HTTP/1.1 200 OK\r\nContent-Length: lots\r\n\r\n<p>hi"))
    with pytest.raises(FetchError, match=r"^Protocol error") as caught:
        get(server.url(), retries=3)
    assert "after" not in str(caught.value)
    assert server.requests == 1


def test_a_body_cut_short_is_a_protocol_error_not_retried(raw_server):
    reply = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 500\r\n\r\n<p>cut"
    server = raw_server(raw_reply(reply))
    with pytest.raises(FetchError, match=r"^Protocol error while reading"):
        get(server.url(), retries=3)
    assert server.requests == 1


def test_not_html_is_refused_before_the_body_is_read(raw_server):
    server = raw_server(endless(chunk=b"\x89PNG" * 4096, content_type=b"image/png"))
    with pytest.raises(NotAFit, match="content type image/png"):
        get(server.url(), max_bytes=10**9, timeout=5.0)


def test_a_bad_redirect_target_is_not_retried(page_server):
    url = page_server.add("/jump", Reply(status=302, headers={"Location": "http://[::1"}))
    with pytest.raises(FetchError, match=r"^Bad redirect: 'http://\[::1' is not a URL$"):
        get(url, retries=3)
    assert page_server.hits["/jump"] == 1


def test_a_redirect_from_scraper_api_is_a_fetch_error(page_server):
    api = page_server.add("/api", Reply(status=302, headers={"Location": "/elsewhere"}))
    with pytest.raises(FetchError, match=r"^Bad answer from ScraperAPI: a redirect to"):
        get("https://firm.example.com/team", scraper_api_key="k3y", scraper_api_url=api)
