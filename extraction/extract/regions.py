"""Which country's numbering a page uses, for numbers written without the country code.

The host's country-code TLD says it (.de, .co.uk); when the host names no country (github.io,
.com, .org), the country codes of the page's own international numbers do, then the ccTLDs of
the page's email addresses (a club on github.io whose officers write from bluewin.ch), then the
page's ``lang`` attribute ("pt-BR" → BR, "tr" → TR; "es" → ES, then MX, AR... for a number that is
no valid Spanish one); else the configured default.
"""

import re
from collections import Counter

import phonenumbers

from .data import word_list
from .phones import default_region, domain_region, host_region

_INTERNATIONAL_RE = re.compile(r"\+\s?(\d{1,3})")  # a literal first: searched fast
_MAX_NUMBERS = 50
# Countries tried for a page in a language spoken in several (each costs a parse per number).
MAX_ALTERNATIVES = 6


def page_region(
    url: str,
    lang: str,
    text: str,
    tel_hrefs: list[str],
    fallback: str | None = None,
    email_domains: list[str] | None = None,
) -> tuple[str, tuple[str, ...]]:
    """(the region, the other regions to try) for numbers written without a country code."""
    found = (
        host_region(url)
        or _calling_code_region(text, tel_hrefs)
        or _email_domain_region(email_domains or [])
    )
    if found:
        return found, ()
    regions = _lang_regions(lang)
    if regions:
        return regions[0], regions[1:]
    return (fallback or default_region()).upper(), ()


def _calling_code_region(text: str, tel_hrefs: list[str]) -> str:
    """The country most of the page's international numbers belong to, or ''."""
    counts: Counter[str] = Counter()
    sources = [*tel_hrefs, text] if "+" in text else tel_hrefs
    for source in sources:
        for match in _INTERNATIONAL_RE.finditer(source):
            if match.start() and (
                source[match.start() - 1].isalnum() or source[match.start() - 1] == "+"
            ):
                continue
            region = _region_of_code(match.group(1))
            if region:
                counts[region] += 1
            if sum(counts.values()) >= _MAX_NUMBERS:
                break
    return counts.most_common(1)[0][0] if counts else ""


def _email_domain_region(domains: list[str]) -> str:
    """The country most of the page's email domains name by their ccTLD, or ''."""
    counts = Counter(domain_region(d) for d in domains[:_MAX_NUMBERS])
    counts.pop("", None)
    return counts.most_common(1)[0][0] if counts else ""


def _region_of_code(digits: str) -> str:
    """Country calling codes are prefix-free: the first prefix that is one names the country."""
    for size in (1, 2, 3):
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(digits[:size] or 0))
        if regions:
            region = regions[0]
            return region if region in phonenumbers.SUPPORTED_REGIONS else ""
    return ""


def _lang_regions(lang: str) -> tuple[str, ...]:
    """ "pt-BR" → (BR,), "es" → (ES, MX, AR, ...): the countries of the page's language."""
    parts = lang.strip().replace("_", "-").lower().split("-")
    if (
        len(parts) >= 2
        and len(parts[1]) == 2
        and parts[1].upper() in phonenumbers.SUPPORTED_REGIONS
    ):
        return (parts[1].upper(),)
    for entry in word_list("language_regions"):
        language, *regions = entry.split()
        if language == parts[0]:
            return tuple(r.upper() for r in regions)[:MAX_ALTERNATIVES]
    return ()
