"""Email addresses: found in text, links and Cloudflare markup; junk told from contacts."""

import re
from urllib.parse import unquote

from email_validator import EmailNotValidError, validate_email

from .data import junk_email_domains, placeholder_email_locals, role_email_locals, word_list

# Every pattern here is matched from one anchor (an "@" or an "at" token) within a bounded window,
# with possessive quantifiers, and the part before the anchor is matched on the reversed text: so
# each anchor costs a bounded amount of work and a page costs time linear in its length, whatever
# it holds ("x dot x dot ..." used to cost 3^n).
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_AFTER_DOMAIN = r"(?![\w-]|\.[a-z0-9])"
# A plain address: the run of local characters before the "@" (at most 64, starting with a letter
# or digit, not glued to a longer word), and the domain after it.
_LOCAL_REVERSED_RE = re.compile(r"[a-z0-9._%+'-]{1,65}+", re.IGNORECASE)
_DOMAIN_RE = re.compile(rf"(?:{_LABEL}\.){{1,127}}[a-z]{{2,24}}{_AFTER_DOMAIN}", re.IGNORECASE)
_LOCAL_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_GLUE = frozenset("_.%+'-")
# Window sizes around an anchor: an address is at most 64 + 1 + 253 characters.
_LOCAL_WINDOW = 200
_DOMAIN_WINDOW = 320

# Obfuscated: "jane [at] firm [dot] com", "jane(at)firm.com", "jane {at} firm {dot} co {dot} uk",
# "jane dot doe at firm dot com", "jane @ firm . com" is not handled on purpose (rare, and noisy).
# One spelling per word: the patterns are case-insensitive.
_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
_AT_WORDS = "at|@|ät|arroba|a"
_DOT_WORDS = "dot|punkt|point|punto"
_BR_DOT = rf"\s*+{_OPEN}\s*+(?:{_DOT_WORDS}|\.)\s*+{_CLOSE}\s*+"
_WORD_DOT = r"\s++(?:dot|punkt)\s++"
_ANY_DOT = rf"(?:{_BR_DOT}|{_WORD_DOT}|\.)"
# The same, spelt backwards, for the local part read from the anchor leftwards.
_BR_DOT_REVERSED = rf"\s*+{_CLOSE}\s*+(?:tod|tknup|tniop|otnup|\.)\s*+{_OPEN}\s*+"
_LOCAL_WORD_REVERSED = r"[a-z0-9_%+'-]++(?<=[a-z0-9])"
OBFUSCATED_LOCAL_REVERSED_RE = re.compile(
    rf"{_LOCAL_WORD_REVERSED}(?:(?:{_BR_DOT_REVERSED}|\s++(?:tod|tknup)\s++|\.)"
    rf"{_LOCAL_WORD_REVERSED})*+(?![\w.%+'-])",
    re.IGNORECASE,
)
# Does the local part go on past the window? (Then it is too long to be one.)
_LOCAL_GOES_ON_REVERSED_RE = re.compile(
    rf"(?:{_BR_DOT_REVERSED}|\s++(?:tod|tknup)\s++|\.)[a-z0-9_%+'-]", re.IGNORECASE
)
OBFUSCATED_DOMAIN_RE = re.compile(
    rf"(?:{_LABEL}{_ANY_DOT}){{1,127}}[a-z]{{2,24}}{_AFTER_DOMAIN}", re.IGNORECASE
)
# The anchors: a bracketed at, the word "at" standing alone, or a plain "@".
_BRACKET_AT = rf"{_OPEN}\s*+(?:{_AT_WORDS})\s*+{_CLOSE}"
AT_TOKEN_RE = re.compile(rf"(?i:{_BRACKET_AT})|(?<!\S)(?:at|AT|At)(?!\S)|@")
# Cheap tests before looking for obfuscated addresses at all (run on the lower-cased text: a
# case-insensitive regex over a whole page is slow). Two patterns, not one alternation: a
# pattern that starts with a bracket is looked for bracket by bracket, one that may start at
# any white space is tried at every position.
BRACKET_HINT_RE = re.compile(rf"{_OPEN}\s*+(?:{_AT_WORDS}|{_DOT_WORDS}|\.)\s*+{_CLOSE}")
WORD_DOT_HINT_RE = re.compile(r"\sdot\s")
_DOT_TOKEN_RE = re.compile(rf"{_BR_DOT}|{_WORD_DOT}", re.IGNORECASE)

ASSET_EXTENSIONS = word_list("asset_extensions")
RESERVED_TLDS = word_list("reserved_tlds")
_HEXISH_RE = re.compile(r"^[0-9a-f]{16,}$")
_SPLIT_LOCAL_RE = re.compile(r"[.\-_+]")


def find_in_text(text: str) -> list[tuple[str, int]]:
    """Plain addresses in visible text: (address as written, offset)."""
    found: list[tuple[str, int]] = []
    at = text.find("@")
    if at == -1:
        return found
    reversed_text = text[::-1]
    size = len(text)
    done = 0  # the end of the last address: addresses do not overlap
    while at != -1:
        local = _LOCAL_REVERSED_RE.match(reversed_text, size - at)
        domain = _DOMAIN_RE.match(text, at + 1, min(size, at + 1 + _DOMAIN_WINDOW))
        if local and domain and len(local.group()) <= 64:
            start = at - len(local.group())
            if start >= done and _starts_a_word(text, start):
                found.append((text[start : domain.end()], start))
                done = domain.end()
        at = text.find("@", max(done, at + 1))
    return found


def _starts_a_word(text: str, start: int) -> bool:
    """Does a local part start at start: a letter or digit, not glued to what comes before?"""
    if text[start] not in _LOCAL_START:
        return False
    before = text[start - 1] if start else " "
    return not (before.isalnum() or before in _GLUE)


def find_obfuscated(text: str) -> list[tuple[str, int]]:
    """Addresses written to fool harvesters, rebuilt: (address, offset)."""
    if " AT " not in text and not _looks_obfuscated(text.lower()):
        return []
    reversed_text = text[::-1]
    found = []
    done = 0
    for token in AT_TOKEN_RE.finditer(text):
        if token.start() < done:
            continue
        parts = _obfuscated_around(text, reversed_text, token)
        if parts is None:
            continue
        start, local, domain, end = parts
        if start < done:
            continue
        dotted_local = _DOT_TOKEN_RE.sub(".", local)
        dotted_domain = _DOT_TOKEN_RE.sub(".", domain)
        obfuscated_dots = dotted_local != local or dotted_domain != domain
        word_at = token.group() != "@" and token.group()[0] not in "[({<"
        if token.group() == "@" and not obfuscated_dots:
            continue  # a plain address: find_in_text has it
        if word_at and token.group() != "AT" and not _DOT_TOKEN_RE.search(domain):
            continue  # "visit us at booking.com" is prose; "jane AT firm.com" is not
        found.append((f"{dotted_local}@{dotted_domain}".replace(" ", ""), start))
        done = end
    return found


def _looks_obfuscated(lowered: str) -> bool:
    if BRACKET_HINT_RE.search(lowered):
        return True
    return "dot" in lowered and WORD_DOT_HINT_RE.search(lowered) is not None


def _spaces(text: str, at: int, step: int) -> int:
    """How many white-space characters (at most 16) run from at, backwards (-1) or forwards."""
    count = 0
    i = at - 1 if step < 0 else at
    while count < 16 and 0 <= i < len(text) and text[i].isspace():
        count += 1
        i += step
    return count


def _obfuscated_around(text: str, reversed_text: str, token: re.Match):
    """(start, local, domain, end) of the address written around an at token, or None."""
    size = len(text)
    plain = token.group() == "@"
    word = not plain and token.group()[0] not in "[({<"
    local_end, domain_start = token.start(), token.end()
    if not plain:
        before, after = _spaces(text, local_end, -1), _spaces(text, domain_start, 1)
        if word and (not before or not after):
            return None
        local_end -= before
        domain_start += after
    reversed_start = size - local_end
    local = OBFUSCATED_LOCAL_REVERSED_RE.match(
        reversed_text, reversed_start, min(size, reversed_start + _LOCAL_WINDOW)
    )
    if local is None or _LOCAL_GOES_ON_REVERSED_RE.match(reversed_text, local.end()):
        return None
    domain = OBFUSCATED_DOMAIN_RE.match(
        text, domain_start, min(size, domain_start + _DOMAIN_WINDOW)
    )
    if domain is None:
        return None
    start = local_end - len(local.group())
    return start, text[start:local_end], domain.group(), domain.end()


def from_mailto(href: str) -> list[str]:
    """Addresses in a mailto: href: percent-decoded, query dropped, comma lists split."""
    value = href.strip()
    if value[:7].lower() != "mailto:":
        return []
    value = unquote(value[7:].split("?", 1)[0]).strip()
    out = []
    for part in re.split(r"[,;]", value):
        part = part.strip().strip("<>").strip()
        if "@" not in part:
            rebuilt = find_obfuscated(part)
            if rebuilt:
                out.append(rebuilt[0][0])
            continue
        out.append(part)
    return out


def decode_cfemail(hexed: str) -> str:
    """Cloudflare's email protection: first byte is the key, XOR the rest. '' if malformed."""
    hexed = hexed.strip()
    if "#" in hexed:
        hexed = hexed.rsplit("#", 1)[1]
    try:
        data = bytes.fromhex(hexed)
    except ValueError:
        return ""
    if len(data) < 2:
        return ""
    key = data[0]
    try:
        return bytes(b ^ key for b in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return ""


def normalize(address: str) -> str:
    return address.strip().strip(".,;:!?'\"()[]<>").lower()


def is_contact_email(address: str) -> bool:
    """False for asset names, reserved/example/tracking domains, placeholders and bad syntax."""
    if address.count("@") != 1 or len(address) > 254:
        return False
    local, domain = address.rsplit("@", 1)
    if not local or "." not in domain:
        return False
    labels = domain.split(".")
    if labels[-1] in ASSET_EXTENSIONS or labels[-1] in RESERVED_TLDS:
        return False
    junk = junk_email_domains()
    for i in range(len(labels)):
        if ".".join(labels[i:]) in junk:
            return False
    if local in placeholder_email_locals() or _HEXISH_RE.match(local):
        return False
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def email_type(address: str) -> str:
    local = address.split("@", 1)[0]
    roles = role_email_locals()
    first = _SPLIT_LOCAL_RE.split(local, maxsplit=1)[0]
    # "info.berlin@", "sales-uk@" are roles too; short first parts ("it.", "pr.") are too risky.
    if local in roles or (len(first) >= 4 and first in roles):
        return "generic"
    return "personal"
