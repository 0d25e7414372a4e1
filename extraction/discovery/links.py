"""The links of a homepage, each with its anchor text and where it sits (nav, footer or body),
and whether the page itself shows contacts."""

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from extraction.discovery.scoring import Candidate

MAX_LINKS = 1000
NAV_TAGS = {"nav", "header"}
FOOTER_TAGS = {"footer"}
NAV_HINT = re.compile(r"(^|[\s_-])(nav|navbar|navigation|menu|topbar|masthead|header)([\s_-]|$)")
FOOTER_HINT = re.compile(r"(^|[\s_-])(footer|site-?info|colophon|bottom)([\s_-]|$)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "#")


def _position(node: Node) -> str:
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html", "-undef"):
        hints = f"{parent.attributes.get('class') or ''} {parent.attributes.get('id') or ''}"
        hints = hints.lower()
        if parent.tag in FOOTER_TAGS or FOOTER_HINT.search(hints):
            return "footer"
        if (
            parent.tag in NAV_TAGS
            or parent.attributes.get("role") == "navigation"
            or NAV_HINT.search(hints)
        ):
            return "nav"
        parent = parent.parent
    return "body"


def without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def homepage_links(html: str, base_url: str) -> list[Candidate]:
    """Every http(s) link of the page, once, with its anchor text (or title, or aria-label)."""
    tree = HTMLParser(html)
    base = tree.css_first("base[href]")
    if base is not None:
        base_url = urljoin(base_url, base.attributes.get("href") or "")
    found: dict[str, Candidate] = {}
    for node in tree.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.lower().startswith(SKIPPED_SCHEMES):
            continue
        try:
            url = without_fragment(urljoin(base_url, href))
        except ValueError:
            continue
        if not url.startswith(("http://", "https://")):
            continue
        text = " ".join((node.text(separator=" ") or "").split())
        text = text or node.attributes.get("title") or node.attributes.get("aria-label") or ""
        position = _position(node)
        known = found.get(url)
        if known is None:
            found[url] = Candidate(url=url, anchor=text[:200], position=position)
            if len(found) >= MAX_LINKS:
                break
        else:
            if text and text not in known.anchor:
                known.anchor = f"{known.anchor} {text}".strip()[:400]
            if known.position == "body":
                known.position = position
    return list(found.values())


def shows_contacts(html: str) -> bool:
    """Whether the page shows an email address or a phone link (the homepage's footer often
    does): then the homepage itself is worth extracting."""
    tree = HTMLParser(html)
    if tree.css_first('a[href^="mailto:"], a[href^="tel:"], [data-cfemail]') is not None:
        return True
    body = tree.body
    return bool(body is not None and EMAIL.search(body.text(separator=" ")))
