"""Turning lists of URLs into pages: shared by ``import_pages``, the admin and the API."""

import csv
import ipaddress
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from core.exceptions import ApplicationError
from pages.models import Domain, Page, PageCurationStatus
from pages.services.curation import pages_set_curation_status

MAX_URL_LENGTH = 2048
_url_validator = URLValidator(schemes=["http", "https"])


class InvalidPageUrl(ApplicationError, ValueError):
    """A URL the service cannot fetch; the message says why."""

    field = "urls"


class ImportFormatError(ApplicationError, ValueError):
    """The input as a whole cannot be read (a CSV without a ``url`` column)."""

    field = "urls"


@dataclass
class ImportReport:
    created: int = 0
    skipped: int = 0
    queued: int = 0
    invalid: list[tuple[int, str, str]] = field(default_factory=list)  # (line, text, reason)
    created_ids: list = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"created {self.created}, skipped {self.skipped}, "
            f"invalid {len(self.invalid)}, queued {self.queued}"
        )


def normalize_page_url(raw: str) -> tuple[str, str]:
    """Return ``(url, host)``: scheme and host lower case, fragment dropped, empty path as ``/``."""
    text = raw.strip()
    if not text:
        raise InvalidPageUrl("empty URL")
    if len(text) > MAX_URL_LENGTH:
        raise InvalidPageUrl(f"longer than {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InvalidPageUrl(f"malformed URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidPageUrl("scheme must be http or https")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise InvalidPageUrl("no host name")
    if parts.username or parts.password:
        raise InvalidPageUrl("credentials in URLs are not accepted")
    try:
        _url_validator(text)
    except ValidationError:
        raise InvalidPageUrl("not a valid URL") from None
    netloc = f"[{host}]" if _is_ipv6(host) else host
    if port is not None:
        netloc = f"{netloc}:{port}"
    url = urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))
    return url, host


def _is_ipv6(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).version == 6
    except ValueError:
        return False


def read_url_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, url_text)`` from one URL a line, or a CSV with a ``url`` column."""
    lines = iter(lines)
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        header = next(csv.reader([line]))
        if len(header) > 1 or header[0].strip().lower() == "url":
            yield from _read_csv(header, lines, first_number=number + 1)
        else:
            yield number, line.strip()
            for later, text in enumerate(lines, start=number + 1):
                if text.strip() and not text.lstrip().startswith("#"):
                    yield later, text.strip()
        return


def _read_csv(header: list[str], lines: Iterator[str], first_number: int):
    names = [name.strip().lower() for name in header]
    if "url" not in names:
        raise ImportFormatError("the CSV header has no 'url' column")
    column = names.index("url")
    for number, row in enumerate(csv.reader(lines), start=first_number):
        if row and any(cell.strip() for cell in row):
            yield number, row[column].strip() if column < len(row) else ""


@transaction.atomic
def pages_import(*, lines: Iterable[tuple[int, str]], select: bool = False) -> ImportReport:
    """Create the pages that are new, skip those already known, report the invalid lines."""
    report = ImportReport()
    wanted: dict[str, str] = {}
    for number, text in lines:
        try:
            url, host = normalize_page_url(text)
        except InvalidPageUrl as exc:
            report.invalid.append((number, text, str(exc)))
            continue
        if url in wanted:
            report.skipped += 1
        else:
            wanted[url] = host
    existing = _existing_urls(list(wanted))
    report.skipped += len(existing)
    new = {url: host for url, host in wanted.items() if url not in existing}
    domain_ids = _domain_ids(set(new.values()))
    pages = [Page(url=url, domain_id=domain_ids[host]) for url, host in new.items()]
    Page.objects.bulk_create(pages, batch_size=2000, ignore_conflicts=True)
    report.created_ids = [page.id for page in pages]
    report.created = len(pages)
    if select and pages:
        report.queued = pages_set_curation_status(
            page_ids=report.created_ids, status=PageCurationStatus.SELECTED
        ).queued_count
    return report


def _existing_urls(urls: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(urls), 5000):
        chunk = urls[start : start + 5000]
        found.update(Page.objects.filter(url__in=chunk).values_list("url", flat=True))
    return found


def _domain_ids(hosts: set[str]) -> dict[str, object]:
    Domain.objects.bulk_create(
        [Domain(name=host) for host in hosts], batch_size=2000, ignore_conflicts=True
    )
    ids: dict[str, object] = {}
    names = list(hosts)
    for start in range(0, len(names), 5000):
        chunk = names[start : start + 5000]
        ids.update(Domain.objects.filter(name__in=chunk).values_list("name", "id"))
    return ids
