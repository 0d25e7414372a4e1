"""The original's values turned into this system's: statuses, domain names, emails, phones.

Each function returns the value to store or raises ``InvalidValue`` saying why the row cannot be
imported as it is."""

import re
from typing import NamedTuple

from email_validator import EmailNotValidError, validate_email

from core.web_addresses import InvalidWebAddress, host_of, normalize_url
from extraction.extract.emails import email_type, is_contact_email
from extraction.extract.phones import to_e164
from pages.models import ContactScrapeStatus, PageCurationStatus, PageProcessingStatus

# The original's "no contact found" rows: notfound_{page id prefix}@{domain}.
PLACEHOLDER_EMAIL_RE = re.compile(r"^\s*notfound_[^@]*@", re.IGNORECASE)

CURATION_STATUSES = {
    "new": PageCurationStatus.NEW,
    "selected": PageCurationStatus.SELECTED,
    "archived": PageCurationStatus.ARCHIVED,
    "queued": PageCurationStatus.SELECTED,  # v2's trigger value meant "selected"
}
PROCESSING_STATUSES = {
    "queued": PageProcessingStatus.QUEUED,
    "processing": PageProcessingStatus.QUEUED,  # nothing is processing it any more
    "complete": PageProcessingStatus.COMPLETE,
    "error": PageProcessingStatus.ERROR,
}
SCRAPE_STATUSES = {status.value.lower(): status for status in ContactScrapeStatus}
MAX_NAME_LENGTH = 255
MAX_EMAIL_LENGTH = 254
MAX_PHONE_LENGTH = 20


class InvalidValue(ValueError):
    """A value that has no equivalent here; the message names it."""


class PageStatuses(NamedTuple):
    curation: str
    processing: str | None
    scrape: str


def _lookup(table: dict, value, what: str, *, default):
    if value is None or not str(value).strip():
        return default
    try:
        return table[str(value).strip().lower()]
    except KeyError:
        raise InvalidValue(f"unknown {what} {value!r}") from None


def page_statuses(curation, processing, scrape) -> PageStatuses:
    """The three statuses as this system has them; an orphan (selected, never queued) and a page
    stuck in ``Processing`` come back queued."""
    curation = _lookup(CURATION_STATUSES, curation, "curation status", default=None)
    if curation is None:
        curation = PageCurationStatus.NEW
    processing = _lookup(PROCESSING_STATUSES, processing, "processing status", default=None)
    if curation == PageCurationStatus.SELECTED and processing is None:
        processing = PageProcessingStatus.QUEUED
    scrape = _lookup(SCRAPE_STATUSES, scrape, "contact scrape status", default=None)
    return PageStatuses(
        curation=str(curation),
        processing=None if processing is None else str(processing),
        scrape=str(scrape or ContactScrapeStatus.NEW),
    )


def domain_name(raw) -> str:
    """The host name of a domain row ("Example.COM", "https://example.com/" → "example.com")."""
    text = str(raw or "").strip()
    if not text:
        raise InvalidValue("empty domain name")
    if "://" not in text:
        text = f"http://{text}"
    try:
        return host_of(normalize_url(text))
    except InvalidWebAddress as exc:
        raise InvalidValue(f"domain {str(raw)[:100]!r}: {exc}") from None


def page_url(raw) -> str:
    try:
        return normalize_url(str(raw or ""))
    except InvalidWebAddress as exc:
        raise InvalidValue(f"url {str(raw)[:200]!r}: {exc}") from None


def is_placeholder(email) -> bool:
    return bool(email) and bool(PLACEHOLDER_EMAIL_RE.match(str(email)))


def contact_email(raw) -> str | None:
    """Lower case, valid, and a contact by the extractor's rules; None when there is none."""
    text = str(raw or "").strip()
    if not text:
        return None
    try:
        email = validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise InvalidValue(f"email {text[:100]!r}: {exc}") from None
    if len(email) > MAX_EMAIL_LENGTH:
        raise InvalidValue(f"email {text[:100]!r}: longer than {MAX_EMAIL_LENGTH} characters")
    if not is_contact_email(email):  # the original's regex took "logo@2x.png" for an address
        raise InvalidValue(
            f"email {text[:100]!r}: not a contact (by the extractor's rules: a file name, a "
            f"reserved, example or tracking domain, or a placeholder)"
        )
    return email


def contact_phone(raw, region: str) -> str | None:
    """E.164 by the extractor's rules (``region`` for numbers without a country code)."""
    text = str(raw or "").strip()
    if not text:
        return None
    e164 = to_e164(text, region)
    if not e164 or len(e164) > MAX_PHONE_LENGTH:
        raise InvalidValue(f"phone {text[:50]!r} is not a valid number (region {region})")
    return e164


def contact_email_type(email: str | None) -> str:
    return email_type(email) if email else ""


def contact_name(raw) -> str:
    return " ".join(str(raw or "").split())[:MAX_NAME_LENGTH]
