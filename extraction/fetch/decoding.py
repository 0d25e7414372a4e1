"""From raw body bytes to page text, with memory bounded by the size cap.

httpx decodes ``Content-Encoding`` a whole network chunk at a time, and nested codings multiply:
13 KB of ``gzip, gzip`` decode to gigabytes before any cap is checked. So the fetcher asks only
for gzip and deflate, reads the raw body, refuses stacked or unknown codings, and inflates here
with an output limit, so decoded bytes never exceed the cap before they exist."""

import codecs
import re
import zlib
from functools import cache
from pathlib import Path

from extraction.fetch.errors import FetchError, NotAFit, TooLarge

ACCEPT_ENCODING = "gzip, deflate"
GZIP_CODINGS = ("gzip", "x-gzip")
# Below this many decoded bytes the compression ratio is not checked: tiny bodies have odd ratios.
RATIO_CHECKED_FROM_BYTES = 64 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class BodyDecoder:
    """Feed it the raw body chunk by chunk; it keeps at most ``max_bytes`` decoded bytes and
    raises as soon as the cap or the compression ratio would be passed."""

    def __init__(self, content_encoding: str, *, max_bytes: int, max_ratio: float):
        codings = [
            coding
            for coding in (part.strip().lower() for part in content_encoding.split(","))
            if coding and coding != "identity"
        ]
        if len(codings) > 1:
            raise FetchError(f"Bad encoding: more than one content coding ({', '.join(codings)})")
        self._coding = codings[0] if codings else ""
        if self._coding and self._coding not in (*GZIP_CODINGS, "deflate"):
            raise FetchError(f"Bad encoding: unsupported content coding {self._coding[:40]}")
        self._max_bytes, self._max_ratio = max_bytes, max_ratio
        self._identity = not self._coding
        gzip = self._coding in GZIP_CODINGS
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS if gzip else zlib.MAX_WBITS)
        self._parts: list[bytes] = []
        self._received = self._decoded = 0

    def feed(self, chunk: bytes) -> None:
        self._received += len(chunk)
        if self._received > self._max_bytes:
            raise TooLarge(f"Too large: more than {self._max_bytes} bytes")
        if self._identity:
            self._keep(chunk)
            return
        while chunk:
            self._keep(self._inflate(chunk))
            chunk = self._inflater.unconsumed_tail

    def body(self) -> bytes:
        if not self._identity:
            self._keep(self._inflater.flush())
        return b"".join(self._parts)

    def _inflate(self, data: bytes) -> bytes:
        room = self._max_bytes - self._decoded + 1  # one byte over the cap is enough to know
        try:
            return self._inflater.decompress(data, room)
        except zlib.error:
            if self._coding == "deflate" and not self._decoded:
                # Many servers send raw deflate without the zlib header the standard asks for.
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                return self._inflate_raw(data, room)
            raise FetchError(f"Bad encoding: the body is not valid {self._coding}") from None

    def _inflate_raw(self, data: bytes, room: int) -> bytes:
        try:
            return self._inflater.decompress(data, room)
        except zlib.error:
            raise FetchError("Bad encoding: the body is not valid deflate") from None

    def _keep(self, data: bytes) -> None:
        self._decoded += len(data)
        if self._decoded > self._max_bytes:
            raise TooLarge(f"Too large: more than {self._max_bytes} bytes once decompressed")
        if (
            self._decoded > RATIO_CHECKED_FROM_BYTES
            and self._decoded > self._received * self._max_ratio
        ):
            raise TooLarge(
                f"Too large: the body expands more than {self._max_ratio:g} times "
                "when decompressed (a compression bomb)"
            )
        if data:
            self._parts.append(data)


@cache
def codecs_not_charsets() -> frozenset[str]:
    lines = (DATA_DIR / "codecs_not_charsets.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def page_codec(label: str | None) -> str:
    """The codec for a declared charset; UTF-8 for a missing, unknown or non-charset label."""
    try:
        info = codecs.lookup((label or "").strip().strip("\"'"))
    except (LookupError, ValueError):
        return "utf-8"
    return "utf-8" if info.name in codecs_not_charsets() else info.name


def decode_html(body: bytes, header_charset: str | None) -> str:
    charset = header_charset
    if not charset and (found := META_CHARSET.search(body[:4096])):
        charset = found.group(1).decode("ascii", "replace")
    try:
        return body.decode(page_codec(charset), errors="replace")
    except (LookupError, UnicodeError, ValueError):  # rot13, hex: codecs, not text encodings
        return body.decode("utf-8", errors="replace")


def check_content_type(content_type: str) -> None:
    """Refuse, before reading the body, what a declared media type says is not HTML."""
    media_type = content_type.split(";")[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        raise NotAFit(f"Not HTML: content type {media_type[:80]}")


def check_is_html(content_type: str, body: bytes) -> None:
    check_content_type(content_type)
    if b"\x00" in body[:4096]:
        raise NotAFit("Not HTML: binary content")
    if not content_type.split(";")[0].strip() and b"<" not in body[:1024]:
        raise NotAFit("Not HTML: no content type and no markup")
