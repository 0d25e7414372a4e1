"""The curator's changes to pages. Every write of ``page_curation_status`` is here.

Each takes ``acting_user`` and leaves one admin ``LogEntry`` per page (the page's history shows
who selected, archived or re-queued it); a command or the job passes no user and logs nothing."""

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple
from uuid import UUID

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.exceptions import ApplicationError
from pages.models import ContactScrapeStatus, Page, PageCurationStatus, PageProcessingStatus
from pages.selectors import failed_pages

ID_CHUNK = 10_000  # stays under PostgreSQL's 65,535 bind parameters per statement
UNCLAIMED = [PageProcessingStatus.QUEUED]


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


def queue_changes() -> dict[str, Any]:
    """The fields that put a page (back) in the queue: shared with the selection signal."""
    return {
        "page_processing_status": PageProcessingStatus.QUEUED,
        "page_processing_error": "",
        "processing_attempts": 0,
        "processing_started_at": None,
        "processing_heartbeat_at": None,
        "queued_at": timezone.now(),
    }


def _unique_ids(page_ids: Iterable[UUID | str]) -> list[UUID]:
    return list(dict.fromkeys(UUID(str(page_id)) for page_id in page_ids))


def _page_sets(ids: list[UUID] | None) -> Iterator[QuerySet[Page]]:
    """Querysets covering ``ids`` (all pages when None), each small enough for one query."""
    if ids is None:
        yield Page.objects.all()
        return
    for start in range(0, len(ids), ID_CHUNK):
        yield Page.objects.filter(id__in=ids[start : start + ID_CHUNK])


def _audit(acting_user, pages: QuerySet[Page], message: str) -> None:
    if acting_user is not None and acting_user.pk is not None:
        LogEntry.objects.log_actions(
            acting_user.pk, pages, CHANGE, change_message=message, single_object=False
        )


@transaction.atomic
def pages_set_curation_status(
    *,
    page_ids: Iterable[UUID | str],
    status: PageCurationStatus | str,
    acting_user=None,
) -> CurationResult:
    """Set the curator's status on many pages at once.

    Selecting (or re-selecting) queues a page; archiving it or setting it back to New takes it off
    the queue if no worker has claimed it yet. All or nothing: when an id is not a page,
    ``PagesNotFound`` is raised and nothing changes."""
    status = PageCurationStatus(status)
    ids = _unique_ids(page_ids)
    found: set[UUID] = set()
    for pages in _page_sets(ids):
        found.update(pages.values_list("id", flat=True))
    if missing := set(ids) - found:
        raise PagesNotFound(missing)
    updated = 0
    for pages in _page_sets(ids):
        if status == PageCurationStatus.SELECTED:
            updated += pages.update(page_curation_status=status, **queue_changes())
        else:
            updated += pages.update(page_curation_status=status)
            pages.filter(page_processing_status__in=UNCLAIMED).update(page_processing_status=None)
        _audit(acting_user, pages, f"Curation status set to {status.label}.")
    queued = updated if status == PageCurationStatus.SELECTED else 0
    return CurationResult(updated_count=updated, queued_count=queued)


def pages_select(*, page_ids: Iterable[UUID | str], acting_user=None) -> CurationResult:
    return pages_set_curation_status(
        page_ids=page_ids, status=PageCurationStatus.SELECTED, acting_user=acting_user
    )


def pages_archive(*, page_ids: Iterable[UUID | str], acting_user=None) -> CurationResult:
    return pages_set_curation_status(
        page_ids=page_ids, status=PageCurationStatus.ARCHIVED, acting_user=acting_user
    )


@transaction.atomic
def pages_requeue_failed(
    *, page_ids: Iterable[UUID | str] | None = None, transient_only: bool = False, acting_user=None
) -> int:
    """Put ``Error`` pages (all of them when ``page_ids`` is None) back in the queue.

    ``transient_only`` leaves the permanent failures (an HTTP 4xx, a refused address, a page that
    is not HTML) where they are: fetching them again would fail the same way."""
    requeued = 0
    failed = failed_pages(transient_only=transient_only)
    for pages in _page_sets(None if page_ids is None else _unique_ids(page_ids)):
        ids = list(failed.filter(id__in=pages.values("id")).values_list("id", flat=True))
        requeued += Page.objects.filter(id__in=ids).update(
            page_curation_status=PageCurationStatus.SELECTED, **queue_changes()
        )
        _audit(acting_user, Page.objects.filter(id__in=ids), "Re-queued after an error.")
    return requeued


@transaction.atomic
def pages_mark_not_a_fit(*, page_ids: Iterable[UUID | str], acting_user=None) -> int:
    """The curator says the page holds no contacts worth having: archive it and drop it from the
    queue (a page already being processed finishes, but its result will not be written)."""
    marked = 0
    for pages in _page_sets(_unique_ids(page_ids)):
        marked += pages.update(
            page_curation_status=PageCurationStatus.ARCHIVED,
            contact_scrape_status=ContactScrapeStatus.NOT_A_FIT,
        )
        pages.filter(
            page_processing_status__in=[
                PageProcessingStatus.QUEUED,
                PageProcessingStatus.PROCESSING,
            ]
        ).update(
            page_processing_status=None,
            processing_started_at=None,
            processing_heartbeat_at=None,
        )
        _audit(acting_user, pages, "Marked not a fit.")
    return marked
