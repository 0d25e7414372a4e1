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

# "+49 (0)30 1234-567", "(202) 555-0123", "030/1234567", "0044 20 7946 0018", "01·42·68·53·00";
# long enough for two numbers after one label ("91 123 45 67 / 91 765 43 21").
CANDIDATE_RE = re.compile(
    r"(?=[+(\d])(?<![\w+/.,%$€£¥-])"
    # not an ISO date, a year range or a short number: cheap to rule out here
    r"(?!(?:19|20)\d\d[-/.]\d\d?[-/.]\d\d?(?!\d)|(?:19|20)\d\d\s?[-\u2013]\s?(?:19|20)\d\d(?!\d))"
    r"(?=(?:[^\d\n]{0,4}\d){7})"
    r"((?:\+\s?|00)?\(?\d[\d \u00a0\u2009\u202f\u00b7().\-/\u2010\u2011\u2013]{4,34}\d)"
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
_RUN_RE = re.compile(r"\d(?:[ \u00a0\u2009\u202f\u00b7().\-/\u2010\u2011\u2013]{0,4}\d){6,}")
_MARGIN = 16
_GROUPS_RE = re.compile(r"[\s\u00a0\u2009\u202f]+")

# Country-code TLDs that are sold as generic names: no country can be read from them.
VANITY_TLDS = word_list("vanity_tlds")
_E164 = phonenumbers.PhoneNumberFormat.E164
_INTERNATIONAL = phonenumbers.PhoneNumberFormat.INTERNATIONAL
# The parts of "91 123 45 67 / 91 765 43 21" or "55 5281-0024 · 5281-0141".
_PART_RE = re.compile(r"(?:[^/\s\u00b7\u2022]|\s(?![\u00b7\u2022]))+(?<!\s)")
_RANGE_RE = re.compile("^(\\d{3,})\\s?[-\u2013\u2014]\\s?(\\d{3,})$")
_DIGIT_GROUP_RE = re.compile(r"\d+")
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
    return host_region(url) or (fallback or default_region()).upper()


def host_region(url: str) -> str:
    """The country of url's host's ccTLD, or '' (a generic or vanity TLD, no host)."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return ""
    return domain_region(host)


def domain_region(domain: str) -> str:
    """The country of a domain's ccTLD ("bluewin.ch" → CH), or '' (generic or vanity TLD)."""
    host = domain.rstrip(".").lower()
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) != 2 or not tld.isalpha() or tld in VANITY_TLDS:
        return ""
    region = "GB" if tld == "uk" else tld.upper()
    return region if region in phonenumbers.SUPPORTED_REGIONS else ""


def to_e164(raw: str, region: str) -> str:
    """E.164 for a valid number, else ''."""
    number = _parsed(raw, region)
    return phonenumbers.format_number(number, _E164) if number is not None else ""


def _parsed(raw: str, region: str) -> "phonenumbers.PhoneNumber | None":
    """The valid number raw stands for, or None."""
    raw = raw.strip().replace("\u00b7", " ")
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def from_tel(href: str, region: str) -> str:
    value = href.strip()
    if value[:4].lower() != "tel:":
        return ""
    value = unquote(value[4:]).split(";", 1)[0].split("?", 1)[0]
    value = value.split(",", 1)[0]  # pause/extension dialling
    return to_e164(value, region) if any(ch.isdigit() for ch in value) else ""


def find_in_text(
    text: str, region: str, alternatives: tuple[str, ...] = ()
) -> list[tuple[str, int, int]]:
    """Phone numbers in visible text: (E.164, start, end) in order, fax numbers left out.

    A number that is no valid number of region is tried in the alternatives, in order (the
    other countries of the page's language)."""
    found = []
    regions = (region, *alternatives)
    for window_start, window_end in _digit_runs(text):
        for m in CANDIDATE_RE.finditer(text, window_start, window_end):
            whole, at = m.group(1), m.start(1)
            before = text[max(0, at - 32) : at]
            if "/" in whole or "\u00b7" in whole or "\u2022" in whole:
                found.extend(_numbers_of(whole, at, before, regions))
                continue
            e164 = _check(whole, before, region)
            if not e164 and alternatives:
                e164 = _check_anywhere(whole, before, alternatives)
            if e164:
                found.append((e164, at, at + len(whole)))
    return found


def _check_anywhere(cand: str, before: str, regions: tuple[str, ...]) -> str:
    return _check_where(cand, before, regions)[0]


def _check_where(cand: str, before: str, regions: tuple[str, ...]) -> tuple[str, str]:
    """(E.164, the region it is valid in) for the first region that takes cand, or ('', '')."""
    for region in regions:
        e164 = _check(cand, before, region)
        if e164:
            return e164, region
    return "", ""


def _numbers_of(
    whole: str, at: int, before: str, regions: tuple[str, ...]
) -> list[tuple[str, int, int]]:
    """The numbers of a candidate that may hold two after one label, split by a slash or a
    dot ("91 123 45 67 / 91 765 43 21", "55 5281-0024 · 5281-0141"); the ones after the first
    are of its country, and one written without the area code takes the first one's."""
    found: list[tuple[str, int, int]] = []
    area = ""
    for cand, start in _numbers_in(whole, at):
        e164, region = _check_where(cand, before, regions)
        if area and region not in regions[:1]:
            e164 = _check_anywhere(cand, before, regions[:1]) or _check_anywhere(
                f"{area} {cand}", before, regions[:1]
            )
        if e164:
            found.append((e164, start, start + len(cand)))
            if not area:
                area, regions = cand.split(None, 1)[0], (region,)
    return found


def _numbers_in(cand: str, start: int) -> list[tuple[str, int]]:
    """The parts of cand between slashes or spaced dots, if each is long enough to be a number
    ("030/1234567", "01 · 42 · 68 · 53 · 00": one number, the separator is a separator)."""
    parts = []
    for part in _PART_RE.finditer(cand):
        text = part.group().strip()
        if len(_NON_DIGIT_RE.sub("", text)) < 7:
            return [(cand, start)]
        parts.append((text, start + part.start() + part.group().index(text[0])))
    return parts


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
    """cand's E.164 if it reads as a phone number where it stands, else ''."""
    digits = len(_NON_DIGIT_RE.sub("", cand))
    if digits < 7 or digits > 17:
        return ""
    international = cand.startswith(("+", "00"))
    formatted = international or bool(_SEPARATOR_RE.search(cand))
    if formatted and _is_other_number(cand, region):
        return ""
    line = before.rsplit("\n", 1)[-1].lower()  # labels count on the number's own line
    labelled = _is_labelled(line)
    if not labelled and (not formatted or _is_rejected(line) or _is_range(cand)):
        return ""  # a bare run of digits is an ID, a timestamp or an order number
    low = before.lower()
    if ("fa" in low or "f" in low[-4:]) and _FAX_RE.search(before):  # "Fax" may be a cell before
        return ""
    if not international and region in TRUNK_ZERO_REGIONS and not cand.lstrip("(").startswith("0"):
        return ""
    e164 = _parse(cand, region, grouped=not labelled)
    if e164 or digits <= 10:
        return e164
    # A postcode or a second number run into this one: try without the first or last group.
    groups = _GROUPS_RE.split(cand)
    if len(groups) >= 3:
        return to_e164(" ".join(groups[1:]), region) or to_e164(" ".join(groups[:-1]), region)
    return ""


def _is_other_number(cand: str, region: str) -> bool:
    """An IP address, a postcode, a decimal, a year range or a date."""
    compact = cand.replace(" ", "")
    if _IP_RE.match(compact) or _is_postcode(compact, region) or _DECIMAL_RE.match(compact):
        return True
    return bool(_YEARS_RE.match(cand)) or any(r.search(cand) for r in _DATE_RES)


def _is_postcode(compact: str, region: str) -> bool:
    """ "12345-6789": a ZIP+4 or a CEP, unless the country dials its area codes with a 0
    ("06864-2647": area code and a short subscriber number)."""
    if not _ZIP_RE.match(compact):
        return False
    return not (region in TRUNK_ZERO_REGIONS and compact.startswith("0"))


def _is_range(cand: str) -> bool:
    """Two groups of as many digits, the second a little above the first: "pp. 31207-31218"."""
    match = _RANGE_RE.match(cand)
    if not match:
        return False
    first, second = match.group(1), match.group(2)
    return len(first) == len(second) and 0 < int(second) - int(first) < 10 ** (len(first) - 1)


def _parse(cand: str, region: str, grouped: bool) -> str:
    """E.164 of cand; with grouped, not if it ends in a short group the country never writes.

    An unlabelled "1234-5678-01" may parse as a number somewhere, but a phone number ends in a
    group of two digits only where its country writes one ("01 42 68 53 00"); other groupings
    vary too much from one writer to the next to judge ("0151-29704198", "227 151 341")."""
    if not grouped:
        return to_e164(cand, region)
    number = _parsed(cand, region)
    if number is None:
        return ""
    national = str(number.national_number)
    written = _group_ends(cand, national)
    last = max(written, default=len(national))
    if len(national) - last < 3:
        formatted = phonenumbers.format_number(number, _INTERNATIONAL).split(" ", 1)[-1]
        if last not in _group_ends(formatted, national):
            return ""  # a check-digit-like tail ("-01") where the country puts no group
    return phonenumbers.format_number(number, _E164)


def _group_ends(written: str, national: str) -> set[int]:
    """Where digit groups of written end, counted in digits of the national number."""
    digits = _NON_DIGIT_RE.sub("", written)
    if not digits.endswith(national):
        return set()
    skip = len(digits) - len(national)
    ends, count = set(), 0
    for group in _DIGIT_GROUP_RE.findall(written):
        count += len(group)
        if skip < count < len(digits):
            ends.add(count - skip)
    return ends


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
    return match is not None and match.group(0).strip(".") in REJECT_LABELS
