"""Social network profiles from the page's links: which network, the account, a normalised URL.

A link is a profile when its path names an account (``linkedin.com/in/jane-roe``,
``x.com/firm``, ``youtube.com/@firm``); share, intent and tracking links, posts, videos and the
networks' own pages are not, nor are the accounts of the tools that built the site (listed in
``extraction/data/builder_profiles.txt``).
"""

import re
from urllib.parse import parse_qs, unquote, urlsplit

from .data import word_list

# host (without "www."/"m."...) -> network
HOSTS = dict(entry.split() for entry in word_list("social_hosts"))
_CANONICAL = {
    "linkedin": "https://www.linkedin.com/{}",
    "x": "https://x.com/{}",
    "facebook": "https://www.facebook.com/{}",
    "instagram": "https://www.instagram.com/{}",
    "youtube": "https://www.youtube.com/{}",
    "tiktok": "https://www.tiktok.com/{}",
    "github": "https://github.com/{}",
    "xing": "https://www.xing.com/{}",
}
_HANDLE_RE = re.compile(r"^[\w.\-]{1,100}$")
_X_HANDLE_RE = re.compile(r"^\w{1,15}$")
_HOST_PREFIXES = ("www.", "m.", "mobile.", "de.", "fr.", "es.", "it.", "nl.", "pt.", "uk.", "br.")


def profile_of(href: str) -> tuple[str, str, str] | None:
    """(network, normalised url, handle) if href links to a social profile, else None."""
    try:
        parts = urlsplit(href.strip())
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
            break
    network = HOSTS.get(host)
    if network is None or parts.scheme.lower() not in ("http", "https", ""):
        return None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    found = _PARSERS[network](segments, parts.query)
    if found is None:
        return None
    path, handle = found
    if not handle or f"{network}/{handle.lower()}" in word_list("builder_profiles"):
        return None
    return network, _CANONICAL[network].format(path), handle


def _first_segment(segments: list[str], reserved: frozenset[str]) -> str:
    if not segments or segments[0].lower() in reserved or not _HANDLE_RE.match(segments[0]):
        return ""
    return segments[0]


def _linkedin(segments: list[str], _query: str):
    if len(segments) >= 2 and segments[0].lower() in ("in", "company", "school", "showcase"):
        handle = segments[1].lower()
        if _HANDLE_RE.match(handle):
            return f"{segments[0].lower()}/{handle}", handle
    return None


def _x(segments: list[str], _query: str):
    handle = _first_segment(segments, word_list("profile_reserved_paths"))
    if handle and _X_HANDLE_RE.match(handle) and len(segments) == 1:
        return handle.lower(), handle.lower()
    return None


def _facebook(segments: list[str], query: str):
    if segments and segments[0].lower() == "profile.php":
        ids = parse_qs(query).get("id", [""])
        return (f"profile.php?id={ids[0]}", ids[0]) if ids[0].isdigit() else None
    if len(segments) >= 2 and segments[0].lower() in ("pages", "groups", "people"):
        handle = segments[-1] if segments[-1].isdigit() else segments[1]
        return f"{segments[0].lower()}/{'/'.join(segments[1:3])}", handle.lower()
    handle = _first_segment(segments, word_list("profile_reserved_paths"))
    return (handle.lower(), handle.lower()) if handle and len(segments) <= 2 else None


def _instagram(segments: list[str], _query: str):
    handle = _first_segment(segments, word_list("profile_reserved_paths"))
    return (handle.lower(), handle.lower()) if handle and len(segments) == 1 else None


def _youtube(segments: list[str], _query: str):
    if segments and segments[0].startswith("@") and len(segments[0]) > 1:
        return segments[0].lower(), segments[0][1:].lower()
    if len(segments) >= 2 and segments[0].lower() in ("channel", "c", "user"):
        kind = segments[0].lower()
        handle = segments[1] if kind == "channel" else segments[1].lower()
        return f"{kind}/{handle}", handle
    return None


def _tiktok(segments: list[str], _query: str):
    if segments and segments[0].startswith("@") and len(segments[0]) > 1:
        return segments[0].lower(), segments[0][1:].lower()
    return None


def _github(segments: list[str], _query: str):
    if len(segments) >= 2 and segments[0].lower() == "orgs":
        segments = segments[1:]
    handle = _first_segment(segments, word_list("profile_reserved_paths"))
    return (handle.lower(), handle.lower()) if handle else None


def _xing(segments: list[str], _query: str):
    if len(segments) >= 2 and segments[0].lower() in ("profile", "companies", "pages"):
        handle = segments[1]
        if _HANDLE_RE.match(handle):
            return f"{segments[0].lower()}/{handle}", handle
    return None


_PARSERS = {
    "linkedin": _linkedin,
    "x": _x,
    "facebook": _facebook,
    "instagram": _instagram,
    "youtube": _youtube,
    "tiktok": _tiktok,
    "github": _github,
    "xing": _xing,
}
