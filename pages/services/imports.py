"""Turning lists of URLs into pages: shared by ``import_pages``, the admin and the API."""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from uuid import UUID, uuid4

from django.db import transaction

from core.exceptions import ApplicationError
from core.web_addresses import InvalidWebAddress, host_of, normalize_url
from pages.models import Domain, Page, PageCurationStatus
from pages.services.curation import pages_set_curation_status


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
    """Create the pages that are new, skip those already known, report the invalid lines.

    Safe against another import of the same URLs at the same time: each page is counted as
    created by the one import whose row went in, and as skipped by the other."""
    report = ImportReport()
    wanted: dict[str, str] = {}
    for number, text in lines:
        try:
            url = normalize_url(text)
        except InvalidWebAddress as exc:
            report.invalid.append((number, text, str(exc)))
            continue
        if url in wanted:
            report.skipped += 1
        else:
            wanted[url] = host_of(url)
    existing = _existing_urls(list(wanted))
    new = {url: host for url, host in wanted.items() if url not in existing}
    report.created_ids = _insert_new_pages(new)
    report.created = len(report.created_ids)
    report.skipped += len(wanted) - report.created
    if select and report.created_ids:
        report.queued = pages_set_curation_status(
            page_ids=report.created_ids, status=PageCurationStatus.SELECTED
        ).queued_count
    return report


def _insert_new_pages(urls_and_hosts: dict[str, str]) -> list:
    """Insert the pages, skipping URLs that are already there (or that a concurrent import is
    inserting); return the ids of the rows this call inserted.

    ``bulk_create(ignore_conflicts=True)`` does not say which rows went in, so each page gets a
    fresh id here and the rows that carry one of them afterwards are exactly ours."""
    domain_ids = _domain_ids(set(urls_and_hosts.values()))
    pages = [
        Page(id=uuid4(), url=url, domain_id=domain_ids[host])
        for url, host in urls_and_hosts.items()
    ]
    Page.objects.bulk_create(pages, batch_size=2000, ignore_conflicts=True)
    proposed = [page.id for page in pages]
    inserted: set = set()
    for start in range(0, len(proposed), 5000):
        chunk = proposed[start : start + 5000]
        inserted.update(Page.objects.filter(id__in=chunk).values_list("id", flat=True))
    return [page_id for page_id in proposed if page_id in inserted]


def domain_for_url(*, url: str) -> Domain:
    """The domain of a normalised URL, created when it is new (the admin's page form)."""
    domain, _ = Domain.objects.get_or_create(name=host_of(url))
    return domain


def _existing_urls(urls: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(urls), 5000):
        chunk = urls[start : start + 5000]
        found.update(Page.objects.filter(url__in=chunk).values_list("url", flat=True))
    return found


def _domain_ids(hosts: set[str]) -> dict[str, UUID]:
    Domain.objects.bulk_create(
        [Domain(name=host) for host in hosts], batch_size=2000, ignore_conflicts=True
    )
    ids: dict[str, UUID] = {}
    names = list(hosts)
    for start in range(0, len(names), 5000):
        chunk = names[start : start + 5000]
        ids.update(Domain.objects.filter(name__in=chunk).values_list("name", "id"))
    return ids
