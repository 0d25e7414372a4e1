"""Sitemaps in every form: plain, index, gzip, text, broken, huge, hostile."""

import gzip

import pytest

from extraction.discovery.sitemaps import (
    MAX_CHILDREN,
    SitemapError,
    inflate,
    parse_sitemap,
)

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def urlset(*urls: str) -> bytes:
    locs = "".join(f"<url><loc>{url}</loc><lastmod>2026-01-01</lastmod></url>" for url in urls)
    return f'<?xml version="1.0"?><urlset {NS}>{locs}</urlset>'.encode()


def index(*urls: str) -> bytes:
    locs = "".join(f"<sitemap><loc>{url}</loc></sitemap>" for url in urls)
    return f'<?xml version="1.0"?><sitemapindex {NS}>{locs}</sitemapindex>'.encode()


def test_plain_urlset():
    found = parse_sitemap(urlset("https://a.example/", "https://a.example/kontakt"))
    assert found.urls == ["https://a.example/", "https://a.example/kontakt"]
    assert found.children == [] and not found.truncated


def test_index_lists_children_not_pages():
    found = parse_sitemap(index("https://a.example/pages.xml", "https://a.example/posts.xml"))
    assert found.children == ["https://a.example/pages.xml", "https://a.example/posts.xml"]
    assert found.urls == []


def test_gzip_is_recognised_by_its_magic_bytes():
    found = parse_sitemap(gzip.compress(urlset("https://a.example/impressum")))
    assert found.urls == ["https://a.example/impressum"]


def test_a_text_sitemap():
    found = parse_sitemap(b"https://a.example/\n\nhttps://a.example/team\nnot a url\n")
    assert found.urls == ["https://a.example/", "https://a.example/team"]


@pytest.mark.parametrize(
    "body",
    [b"", b"<html><body>Not found</body></html", b"\x00\x01binary", b"\x1f\x8b\x08broken gzip"],
    ids=["empty", "html", "binary", "bad-gzip"],
)
def test_broken_documents_are_errors(body):
    with pytest.raises(SitemapError):
        parse_sitemap(body)


def test_a_document_cut_short_keeps_what_came_before():
    whole = urlset(*(f"https://a.example/p{n}" for n in range(10)))
    found = parse_sitemap(whole[: len(whole) - 60])
    assert found.truncated
    assert 5 <= len(found.urls) < 10


def test_entities_are_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<urlset><url><loc>&lol2;</loc></url></urlset>"
    )
    with pytest.raises(SitemapError, match="Refused XML"):
        parse_sitemap(bomb)


def test_a_huge_sitemap_is_capped():
    huge = gzip.compress(urlset(*(f"https://a.example/p{n}" for n in range(60_000))))
    found = parse_sitemap(huge, max_urls=5_000)
    assert len(found.urls) == 5_000
    assert found.truncated


def test_an_index_with_too_many_children_is_capped():
    found = parse_sitemap(index(*(f"https://a.example/s{n}.xml" for n in range(1000))))
    assert len(found.children) == MAX_CHILDREN
    assert found.truncated


def test_a_gzip_bomb_stops_at_the_cap():
    bomb = gzip.compress(b"<urlset>" + b" " * 50_000_000)
    data, cut = inflate(bomb, max_bytes=1_000_000)
    assert cut and len(data) == 1_000_000
