"""Writes to pages. Every change of curation status goes through ``set_curation_status``."""

from collections.abc import Iterable
from typing import NamedTuple
from uuid import UUID

from django.db import transaction

from core.exceptions import ApplicationError
from pages.models import ContactScrapeStatus, Page, PageCurationStatus, PageProcessingStatus

ID_CHUNK = 10_000  # stays under PostgreSQL's 65,535 bind parameters per statement


class PagesNotFound(ApplicationError):
    """Some of the ids asked for are not pages; nothing was changed."""

    field = "page_ids"

    def __init__(self, missing_ids: Iterable[UUID]):
        self.missing_ids = sorted(str(page_id) for page_id in missing_ids)
        super().__init__(f"These ids are not pages: {', '.join(self.missing_ids)}.")

    def extra(self) -> dict:
        return {"unknown_page_ids": self.missing_ids}


class CurationResult(NamedTuple):
    updated_count: int
    queued_count: int


def _chunks(items: list):
    size = ID_CHUNK
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _status_changes(status: PageCurationStatus) -> dict:
    changes = {"page_curation_status": status}
    if status == PageCurationStatus.SELECTED:
        changes.update(
            page_processing_status=PageProcessingStatus.QUEUED,
            page_processing_error="",
            processing_attempts=0,
            processing_started_at=None,
        )
    return changes


@transaction.atomic
def set_curation_status(
    *, page_ids: Iterable[UUID | str], status: PageCurationStatus | str
) -> CurationResult:
    """Set the curator's status on many pages at once; selecting (or re-selecting) queues them.

    All or nothing: when an id is not a page, ``PagesNotFound`` is raised and nothing changes.
    """
    status = PageCurationStatus(status)
    ids = list(dict.fromkeys(UUID(str(page_id)) for page_id in page_ids))
    found = set()
    for chunk in _chunks(ids):
        found.update(Page.objects.filter(id__in=chunk).values_list("id", flat=True))
    if missing := set(ids) - found:
        raise PagesNotFound(missing)
    changes = _status_changes(status)
    updated = sum(Page.objects.filter(id__in=chunk).update(**changes) for chunk in _chunks(ids))
    queued = updated if status == PageCurationStatus.SELECTED else 0
    return CurationResult(updated_count=updated, queued_count=queued)


def _page_sets(page_ids: Iterable[UUID | str] | None):
    """Querysets covering ``page_ids`` (all pages when None), each small enough for one query."""
    if page_ids is None:
        yield Page.objects.all()
        return
    ids = list(dict.fromkeys(UUID(str(page_id)) for page_id in page_ids))
    for chunk in _chunks(ids):
        yield Page.objects.filter(id__in=chunk)


@transaction.atomic
def requeue_failed_pages(*, page_ids: Iterable[UUID | str] | None = None) -> int:
    """Put ``Error`` pages (all of them when ``page_ids`` is None) back in the queue."""
    changes = _status_changes(PageCurationStatus.SELECTED)
    return sum(
        pages.filter(page_processing_status=PageProcessingStatus.ERROR).update(**changes)
        for pages in _page_sets(page_ids)
    )


@transaction.atomic
def mark_not_a_fit(*, page_ids: Iterable[UUID | str]) -> int:
    """The curator says the page holds no contacts worth having: archive it and drop it from the
    queue (a page already being processed finishes, but its result will not be written)."""
    marked = 0
    for pages in _page_sets(page_ids):
        marked += pages.update(
            page_curation_status=PageCurationStatus.ARCHIVED,
            contact_scrape_status=ContactScrapeStatus.NOT_A_FIT,
        )
        pages.filter(
            page_processing_status__in=[
                PageProcessingStatus.QUEUED,
                PageProcessingStatus.PROCESSING,
            ]
        ).update(page_processing_status=None, processing_started_at=None)
    return marked
