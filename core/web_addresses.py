"""One normal form for every web address a user gives us (import command, admin, API).

Scheme and host lower case; the host as its IDNA 2008 A-label (UTS #46, the ``idna`` package);
the default port and the fragment dropped; dot segments resolved (RFC 3986, 5.2.4);
percent-encoding normalised (RFC 3986, 6.2.2: escapes of unreserved characters decoded, the
others upper case, anything a URL may not hold encoded as UTF-8). Refused: schemes other than
http(s), credentials, control characters, hosts that IDNA 2003 and IDNA 2008 read as different
names (``ß``, ``ς``, zero-width joiners: the system resolver uses IDNA 2003, the fetcher IDNA
2008), and anything longer than ``MAX_URL_BYTES`` once encoded (PostgreSQL's unique index cannot
hold a 6 KB URL).

The path and query rules are a few lines on ``urllib.parse`` rather than ``url-normalize``, which
changes what a URL means: it merges ``//`` in paths into ``/``, drops empty query parameters,
turns ``#!`` fragments into ``_escaped_fragment_`` parameters, prefixes ``https://`` to anything
(``not a url`` becomes ``https://not%20a%20url/``) and quietly drops zero-width joiners from
hosts."""

import functools
import ipaddress
import re
import string
from urllib.parse import quote, urlsplit, urlunsplit

import idna
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from core.exceptions import ApplicationError

MAX_URL_BYTES = 2000
# Far beyond anything that could normalise to MAX_URL_BYTES: not worth parsing.
MAX_INPUT_BYTES = 8 * MAX_URL_BYTES
DEFAULT_PORTS = {"http": 80, "https": 443}
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")
UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
VALID_ESCAPE = re.compile(r"(%[0-9A-F]{2})")
# A host of plain letter-digit-hyphen labels is its own A-label (no "--": IDNA rules apply there).
PLAIN_HOST = re.compile(r"(?!.*--)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)*(?!-)[a-z0-9-]{1,63}(?<!-)")
# What may stand unescaped besides the unreserved characters (RFC 3986, 3.3 and 3.4).
PATH_SAFE = "/:@!$&'()*+,;="
QUERY_SAFE = PATH_SAFE + "?"
_url_validator = URLValidator(schemes=["http", "https"])


class InvalidWebAddress(ApplicationError, ValueError):
    """A URL we will not store or fetch; the message says why."""

    field = "url"


def normalize_url(url: str) -> str:
    """The normal form of ``url``, or ``InvalidWebAddress`` saying what is wrong with it."""
    text = _checked_text(url)
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InvalidWebAddress(f"malformed URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not text[len(scheme) + 1 :].startswith("//"):
        raise InvalidWebAddress("scheme must be http or https")
    if parts.username is not None or parts.password is not None:
        raise InvalidWebAddress("credentials in URLs are not accepted")
    netloc = _host_for_url(parts.hostname or "")
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    path = _remove_dot_segments(_normalize_escapes(parts.path, PATH_SAFE) or "/")
    query = _normalize_escapes(parts.query, QUERY_SAFE)
    normalized = urlunsplit((scheme, netloc, path, query, ""))
    size = len(normalized.encode("utf-8"))
    if size > MAX_URL_BYTES:
        raise _too_long(size)
    try:
        _url_validator(normalized)
    except ValidationError:
        raise InvalidWebAddress("not a valid URL") from None
    return normalized


def _checked_text(url: str) -> str:
    """The URL as typed, refused early when empty, huge, not Unicode or holding control codes."""
    text = url.strip(" ")
    if not text:
        raise InvalidWebAddress("empty URL")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
        raise _too_long(len(text.encode("utf-8", "surrogatepass")))
    if control := CONTROL_CHARACTER.search(text):
        raise InvalidWebAddress(f"control character U+{ord(control.group()):04X} in the URL")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidWebAddress("not valid Unicode (a lone surrogate)") from None
    return text


def host_of(url: str) -> str:
    """The host of a normalised URL, as ``Domain.name`` holds it (IPv6 without brackets)."""
    return urlsplit(url).hostname or ""


def normalize_host(host: str) -> str:
    """A host name as its IDNA 2008 A-label, lower case, without a trailing dot (IPs compressed)."""
    return _host_for_url(host).strip("[]")


def host_for_lookup(text: str) -> str:
    """What a filter compares with ``Domain.name``: the A-label of a host typed in any form
    (``münchen.de``), or the text itself in lower case when it is no host at all (no match)."""
    try:
        return normalize_host(text.strip())
    except InvalidWebAddress:
        return text.strip().lower()


def _too_long(size: int) -> InvalidWebAddress:
    return InvalidWebAddress(f"longer than {MAX_URL_BYTES:,} bytes once encoded ({size:,} bytes)")


def _normalize_escapes(component: str, safe: str) -> str:
    """Decode escapes of unreserved characters, upper-case the other escapes, and escape what
    may not stand as it is (a ``%`` that starts no escape becomes ``%25``)."""
    component = ESCAPE.sub(_decode_if_unreserved, component)
    pieces = VALID_ESCAPE.split(component)
    return "".join(
        piece if index % 2 else quote(piece, safe=safe) for index, piece in enumerate(pieces)
    )


def _decode_if_unreserved(escape: re.Match) -> str:
    character = chr(int(escape.group(1), 16))
    return character if character in UNRESERVED else f"%{escape.group(1).upper()}"


def _remove_dot_segments(path: str) -> str:
    """``/a/./b/../c`` → ``/a/c``; empty segments (``//``) stay, they can mean something."""
    segments = path.split("/")
    kept: list[str] = []
    for segment in segments:
        if segment == "..":
            if len(kept) > 1:
                kept.pop()
        elif segment != ".":
            kept.append(segment)
    if segments[-1] in (".", ".."):
        kept.append("")
    return "/".join(kept)


def _host_for_url(host: str) -> str:
    host = host.rstrip(".").lower()
    if not host:
        raise InvalidWebAddress("no host name")
    if len(host) <= 253 and PLAIN_HOST.fullmatch(host):
        return host
    return _idn_host_for_url(host)


@functools.lru_cache(maxsize=1024)
def _idn_host_for_url(host: str) -> str:
    if ":" in host:
        try:
            return f"[{ipaddress.IPv6Address(host).compressed}]"
        except ValueError:
            raise InvalidWebAddress("not a valid IPv6 address") from None
    try:
        a_label = idna.encode(host, uts46=True, transitional=False).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise InvalidWebAddress(f"not a valid host name ({exc})") from None
    if not host.isascii() and _idna2003(host) not in (None, a_label):
        raise InvalidWebAddress(
            f"the host {host} is a different name under IDNA 2003 ({_idna2003(host)}) and "
            f"IDNA 2008 ({a_label}); write the one you mean in its xn-- form"
        )
    return a_label


def _idna2003(host: str) -> str | None:
    """The host as IDNA 2003 (Python's ``idna`` codec, what the system resolver is given)."""
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
