"""Phone numbers: candidates in visible text, tel: links and JSON-LD, validated by libphonenumber.

A cheap regex finds digit runs that could be phone numbers; context rules throw out dates,
prices, years, IP addresses, postcodes, case and reference numbers; only then does
``phonenumbers.parse`` + ``is_valid_number`` decide. Numbers without a country code take the
page's region (see ``region_for_url``).
"""

import os
import re
from urllib.parse import unquote, urlsplit

import phonenumbers

from .data import word_list

# "+49 (0)30 1234-567", "(202) 555-0123", "030/1234567", "0044 20 7946 0018", "+44 20 7946 0018".
CANDIDATE_RE = re.compile(
    r"(?=[+(\d])(?<![\w+/.,%$€£¥-])"
    # not an ISO date, a year range or a short number: cheap to rule out here
    r"(?!(?:19|20)\d\d[-/.]\d\d?[-/.]\d\d?(?!\d)|(?:19|20)\d\d\s?[-\u2013]\s?(?:19|20)\d\d(?!\d))"
    r"(?=(?:[^\d\n]{0,4}\d){7})"
    r"((?:\+\s?|00)?\(?\d[\d \u00a0\u2009\u202f().\-/\u2010\u2011\u2013]{4,24}\d)"
    r"(?![\w%€$£¥]|[.,/-]\d|\s?(?:%|€|\$|£|¥|eur\b|usd\b|gbp\b|chf\b))",
    re.IGNORECASE,
)
# Words before a number that say it is a phone (searched as words of the lower-cased line).
PHONE_LABELS = word_list("phone_labels")
_PHONE_SYMBOLS = ("\u260e", "\U0001f4de", "\u2706")
_SHORT_LABEL_RE = re.compile(r"\b[tpmc]\s?[:.]\s*$")
_FAX_RE = re.compile(r"\b(?:fax|telefax|facsimile|f)\s?[:.]?\s*$", re.IGNORECASE)
# The word right before a number that says it is not a phone: IDs, references, registrations,
# versions, postcodes, coordinates, prices.
REJECT_LABELS = word_list("phone_reject_labels")
_TAIL_WORD_RE = re.compile(r"[a-z$][a-z0-9.$\-]*$")
_WORD_RE = re.compile(r"[^\W\d_]+")
_CURRENCY_SYMBOLS = "$€£¥₹#№"
_DATE_RES = (
    re.compile(r"(?<!\d)(?:19|20)\d\d\s?[-/.]\s?[01]?\d\s?[-/.]\s?[0-3]?\d(?!\d)"),
    re.compile(r"(?<!\d)[0-3]?\d\s?[-/.]\s?[01]?\d\s?[-/.]\s?(?:19|20)?\d\d(?!\d)"),
)
_YEARS_RE = re.compile("^(?:(?:19|20)\\d\\d[\\s\\-/\u2013]*){2,}$")
_IP_RE = re.compile(r"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")
_ZIP_RE = re.compile(r"^\d{5}-\d{3,4}$")
_DECIMAL_RE = re.compile(r"^-?\d{1,3}\.\d{3,}$")
_SEPARATOR_RE = re.compile(r"[^\d+]")
_NON_DIGIT_RE = re.compile(r"\D")
_RUN_RE = re.compile(r"\d(?:[ \u00a0\u2009\u202f().\-/\u2010\u2011\u2013]{0,4}\d){6,}")
_MARGIN = 16
_GROUPS_RE = re.compile(r"[\s\u00a0\u2009\u202f]+")

# Country-code TLDs that are sold as generic names: no country can be read from them.
VANITY_TLDS = word_list("vanity_tlds")
_E164 = phonenumbers.PhoneNumberFormat.E164
# Where a number written without the country code always starts with the trunk prefix 0
# ("030 …", "020 7946 …", "01 42 …"): a bare "123 456 789" there is an ID, not a phone.
TRUNK_ZERO_REGIONS = frozenset(r.upper() for r in word_list("trunk_zero_regions"))


def default_region() -> str:
    """PHONE_DEFAULT_REGION from Django settings when configured, else the environment, else US."""
    try:
        from django.conf import settings

        if settings.configured:
            value = getattr(settings, "PHONE_DEFAULT_REGION", "")
            if value:
                return str(value).upper()
    except Exception:  # Django missing or settings broken: fall back below
        pass
    return (os.environ.get("PHONE_DEFAULT_REGION") or "US").upper()


def region_for_url(url: str, fallback: str | None = None) -> str:
    """The page's country from its host's ccTLD (.de → DE, .co.uk → GB), else fallback."""
    fallback = (fallback or default_region()).upper()
    try:
        host = (urlsplit(url or "").hostname or "").rstrip(".").lower()
    except ValueError:
        return fallback
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) != 2 or not tld.isalpha() or tld in VANITY_TLDS:
        return fallback
    region = "GB" if tld == "uk" else tld.upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        return fallback
    return region


def to_e164(raw: str, region: str) -> str:
    """E.164 for a valid number, else ''."""
    raw = raw.strip()
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, _E164)


def from_tel(href: str, region: str) -> str:
    value = href.strip()
    if value[:4].lower() != "tel:":
        return ""
    value = unquote(value[4:]).split(";", 1)[0].split("?", 1)[0]
    value = value.split(",", 1)[0]  # pause/extension dialling
    return to_e164(value, region) if any(ch.isdigit() for ch in value) else ""


def find_in_text(text: str, region: str) -> list[tuple[str, int, int]]:
    """Phone numbers in visible text: (E.164, start, end) in order, fax numbers left out."""
    found = []
    for window_start, window_end in _digit_runs(text):
        for m in CANDIDATE_RE.finditer(text, window_start, window_end):
            cand = m.group(1)
            start = m.start(1)
            e164 = _check(cand, text[max(0, start - 32) : start], region)
            if e164:
                found.append((e164, start, m.end(1)))
    return found


def _digit_runs(text: str):
    """Windows around the runs of digits and separators long enough to hold a number.

    ``CANDIDATE_RE`` is costly to try at every digit of a long text; a plain run is cheap to
    find, and every candidate lies inside one (the margins give its look-arounds room)."""
    window_start = window_end = -1
    for run in _RUN_RE.finditer(text):
        start, end = max(run.start() - _MARGIN, 0), run.end() + _MARGIN
        if start <= window_end:
            window_end = end
            continue
        if window_end > 0:
            yield window_start, window_end
        window_start, window_end = start, end
    if window_end > 0:
        yield window_start, window_end


def _check(cand: str, before: str, region: str) -> str:
    digits = len(_NON_DIGIT_RE.sub("", cand))
    if digits < 7 or digits > 17:
        return ""
    international = cand.startswith(("+", "00"))
    formatted = international or bool(_SEPARATOR_RE.search(cand))
    if formatted:
        compact = cand.replace(" ", "")
        if _IP_RE.match(compact) or _ZIP_RE.match(compact) or _DECIMAL_RE.match(compact):
            return ""
        if _YEARS_RE.match(cand) or any(r.search(cand) for r in _DATE_RES):
            return ""
    line = before.rsplit("\n", 1)[-1].lower()  # labels count on the number's own line
    labelled = _is_labelled(line)
    if not formatted and not labelled:
        return ""  # a bare run of digits is an ID, a timestamp or an order number
    low = before.lower()
    if ("fa" in low or "f" in low[-4:]) and _FAX_RE.search(before):  # "Fax" may be a cell before
        return ""
    if not labelled and _is_rejected(line):
        return ""
    if not international and region in TRUNK_ZERO_REGIONS and not cand.lstrip("(").startswith("0"):
        return ""
    e164 = to_e164(cand, region)
    if e164 or digits <= 10:
        return e164
    # A postcode or a second number run into this one: try without the first or last group.
    groups = _GROUPS_RE.split(cand)
    if len(groups) >= 3:
        return to_e164(" ".join(groups[1:]), region) or to_e164(" ".join(groups[:-1]), region)
    return ""


def _is_labelled(line: str) -> bool:
    if any(word in PHONE_LABELS for word in _WORD_RE.findall(line)):
        return True
    return any(sym in line for sym in _PHONE_SYMBOLS) or bool(_SHORT_LABEL_RE.search(line[-6:]))


def _is_rejected(line: str) -> bool:
    """Is the number right after an ID/reference label or a currency?"""
    tail = line.rstrip(" \t:.#\u00a0")
    last = line.rstrip()[-1:]
    if (last and last in _CURRENCY_SYMBOLS) or (tail and tail[-1] in _CURRENCY_SYMBOLS):
        return True
    match = _TAIL_WORD_RE.search(tail[-24:])
    return bool(match) and match.group(0).strip(".") in REJECT_LABELS
