"""Email addresses: found in text, links and Cloudflare markup; junk told from contacts."""

import re
from urllib.parse import unquote

from email_validator import EmailNotValidError, validate_email

from .data import junk_email_domains, placeholder_email_locals, role_email_locals

# A plain address in text. Bounded so it cannot start or end in the middle of a longer token;
# a trailing full stop or other punctuation is left out because the TLD must be letters.
_LOCAL = r"[a-z0-9](?:[a-z0-9._%+'-]{0,63})"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
EMAIL_RE = re.compile(
    rf"(?<![\w.%+'-])({_LOCAL}@(?:{_LABEL}\.)+[a-z]{{2,24}})(?![\w-]|\.[a-z0-9])", re.IGNORECASE
)

# Obfuscated: "jane [at] firm [dot] com", "jane(at)firm.com", "jane {at} firm {dot} co {dot} uk",
# "jane dot doe at firm dot com", "jane @ firm . com" is not handled on purpose (rare, and noisy).
_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
_BR_AT = rf"\s*{_OPEN}\s*(?:at|@|ät|arroba|a)\s*{_CLOSE}\s*"
_WORD_AT = r"\s+(?:at|AT|At)\s+"
_BR_DOT = rf"\s*{_OPEN}\s*(?:dot|punkt|point|punto|\.)\s*{_CLOSE}\s*"
_WORD_DOT = r"\s+(?:dot|DOT|Dot|punkt|PUNKT)\s+"
_ANY_DOT = rf"(?:{_BR_DOT}|{_WORD_DOT}|\.)"
_OBF_LOCAL = r"[a-z0-9][a-z0-9_%+'-]*"
OBFUSCATED_RE = re.compile(
    rf"(?<![\w.%+'-])({_OBF_LOCAL}(?:{_ANY_DOT}{_OBF_LOCAL})*)"
    rf"({_BR_AT}|{_WORD_AT}|@)"
    rf"((?:{_LABEL}{_ANY_DOT})+[a-z]{{2,24}})(?![\w-]|\.[a-z0-9])",
    re.IGNORECASE,
)
# Cheap test before running OBFUSCATED_RE over a whole page.
# (run on the lower-cased text: a case-insensitive regex over a whole page is slow).
OBFUSCATION_HINT_RE = re.compile(
    rf"{_OPEN}\s*(?:at|@|ät|arroba|a|dot|punkt|point|punto|\.)\s*{_CLOSE}|\sdot\s"
)
_DOT_TOKEN_RE = re.compile(rf"{_BR_DOT}|{_WORD_DOT}", re.IGNORECASE)
_WORD_AT_RE = re.compile(_WORD_AT)

ASSET_EXTENSIONS = frozenset(
    [
        "png",
        "jpg",
        "jpeg",
        "jpe",
        "gif",
        "webp",
        "avif",
        "svg",
        "ico",
        "bmp",
        "tif",
        "tiff",
        "heic",
        "jxl",
        "woff",
        "woff2",
        "ttf",
        "otf",
        "eot",
        "js",
        "mjs",
        "cjs",
        "jsx",
        "ts",
        "tsx",
        "css",
        "scss",
        "sass",
        "less",
        "map",
        "json",
        "xml",
        "php",
        "asp",
        "aspx",
        "jsp",
        "mp4",
        "webm",
        "mov",
        "mp3",
        "wav",
        "ogg",
        "pdf",
        "zip",
        "gz",
    ]
)
RESERVED_TLDS = frozenset({"test", "example", "invalid", "localhost", "local", "internal", "lan"})
_HEXISH_RE = re.compile(r"^[0-9a-f]{16,}$")
_SPLIT_LOCAL_RE = re.compile(r"[.\-_+]")


def find_in_text(text: str) -> list[tuple[str, int]]:
    """Plain addresses in visible text: (address as written, offset)."""
    found: list[tuple[str, int]] = []
    at = text.find("@")
    done = 0  # matches end here or before: only look around each "@", not the whole page
    while at != -1:
        for m in EMAIL_RE.finditer(text, max(done, at - 65), min(len(text), at + 256)):
            if m.start(1) >= done and m.start(1) < at < m.end(1):  # the address of this "@"
                found.append((m.group(1), m.start(1)))
                done = m.end(1)
                break
        done = max(done, at + 1)
        at = text.find("@", done)
    return found


def find_obfuscated(text: str) -> list[tuple[str, int]]:
    """Addresses written to fool harvesters, rebuilt: (address, offset)."""
    if not OBFUSCATION_HINT_RE.search(text.lower()):
        return []
    found = []
    for m in OBFUSCATED_RE.finditer(text):
        local, at, domain = m.group(1), m.group(2), m.group(3)
        dotted_local = _DOT_TOKEN_RE.sub(".", local)
        dotted_domain = _DOT_TOKEN_RE.sub(".", domain)
        obfuscated_dots = dotted_local != local or dotted_domain != domain
        if at == "@" and not obfuscated_dots:
            continue  # a plain address: find_in_text has it
        if _WORD_AT_RE.fullmatch(at) and not _DOT_TOKEN_RE.search(domain):
            continue  # "visit us at booking.com" is prose, not an address
        address = f"{dotted_local}@{dotted_domain}".replace(" ", "")
        found.append((address, m.start()))
    return found


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
