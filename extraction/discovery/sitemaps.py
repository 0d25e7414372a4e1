"""Reading sitemaps safely: gzip recognised by its magic bytes and inflated under a cap, XML
parsed with no entity expansion and no DTD (defusedxml), URLs counted and capped, and a document
cut short still gives the URLs read before the cut. A plain-text sitemap (one URL a line) too."""

import io
import zlib
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

GZIP_MAGIC = b"\x1f\x8b"
MAX_DECOMPRESSED_BYTES = 20 * 1024 * 1024
MAX_URLS = 10_000  # per sitemap document
MAX_CHILDREN = 200  # sitemaps listed by one index
MAX_URL_LENGTH = 2048


class SitemapError(Exception):
    """The document is not a sitemap we can read; the message says why."""


@dataclass
class Sitemap:
    urls: list[str] = field(default_factory=list)  # pages (from a <urlset> or a text file)
    children: list[str] = field(default_factory=list)  # sitemaps (from a <sitemapindex>)
    truncated: bool = False  # caps reached or the document broke off: what came before is kept


def inflate(body: bytes, *, max_bytes: int = MAX_DECOMPRESSED_BYTES) -> tuple[bytes, bool]:
    """The body, gunzipped when it starts with gzip's magic bytes; never more than ``max_bytes``
    (the second value says whether it was cut there)."""
    if not body.startswith(GZIP_MAGIC):
        return body[:max_bytes], len(body) > max_bytes
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise SitemapError(f"Bad gzip: {exc}") from None
    return data[:max_bytes], len(data) > max_bytes


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def parse_sitemap(body: bytes, *, max_urls: int = MAX_URLS) -> Sitemap:
    data, cut = inflate(body)
    if not data.lstrip()[:100].startswith(b"<"):
        return _parse_text(data, max_urls=max_urls, cut=cut)
    found = Sitemap(truncated=cut)
    try:
        _read_xml(data, found, max_urls=max_urls)
    except DefusedXmlException as exc:
        raise SitemapError(f"Refused XML: {type(exc).__name__}") from None
    except ParseError as exc:
        if not (found.urls or found.children):
            raise SitemapError(f"Not XML: {exc}") from None
        found.truncated = True
    return found


def _read_xml(data: bytes, found: Sitemap, *, max_urls: int) -> None:
    """Fill ``found`` from a ``<urlset>`` or a ``<sitemapindex>``, up to the caps."""
    for _event, element in iterparse(io.BytesIO(data), events=("end",), forbid_dtd=True):
        name = _local(element.tag)
        if name == "loc" and element.text and len(element.text.strip()) <= MAX_URL_LENGTH:
            found.urls.append(element.text.strip())  # a page, or a sitemap (moved below)
        elif name == "sitemap" and found.urls:
            found.children.append(found.urls.pop())
        if name in ("url", "sitemap"):
            element.clear()
        if len(found.urls) >= max_urls or len(found.children) >= MAX_CHILDREN:
            found.truncated = True
            return


def _parse_text(data: bytes, *, max_urls: int, cut: bool) -> Sitemap:
    found = Sitemap(truncated=cut)
    for line in data.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith(("http://", "https://")) and len(line) <= MAX_URL_LENGTH:
            found.urls.append(line)
            if len(found.urls) >= max_urls:
                found.truncated = True
                break
    if not found.urls:
        raise SitemapError("Not a sitemap: neither XML nor a list of URLs")
    return found
