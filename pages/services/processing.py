"""The job's changes to pages: every write of ``page_processing_status`` outside curation.

The claim, heartbeat, lease and stale-result guard are the one job loop's (``jobs``); this module
says which fields of a page they use (``PAGE_JOB``) and writes the outcomes."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django_q.tasks import async_task

from jobs import claims
from jobs.spec import Claim
from pages.models import ContactScrapeStatus, Domain, Page, PageCurationStatus, PageProcessingStatus
from pages.queue import PAGE_JOB
from pages.selectors import stuck_pages
from pages.services.curation import pages_set_curation_status

MAX_ERROR_LENGTH = 1000


_RECORD = """
UPDATE pages_page AS p SET
    page_processing_status = v.processing, contact_scrape_status = v.scrape,
    page_processing_error = v.error, processed_at = %s,
    fetched_with = COALESCE(NULLIF(v.fetched_with, ''), p.fetched_with)
FROM unnest(%s::uuid[], %s::timestamptz[], %s::text[], %s::text[], %s::text[], %s::text[])
    AS v(id, token, processing, scrape, error, fetched_with)
WHERE p.id = v.id AND p.page_processing_status = 'Processing'
    AND p.processing_started_at = v.token
RETURNING p.id
"""


@dataclass(frozen=True)
class PageOutcome:
    """What processing found: ``contacts`` and ``profiles`` are the extractor's records.
    ``fetched_with`` says how (empty: not known); ``needs_rendering`` that a browser found
    contacts the fetched HTML lacked, so the page's domain is rendered from now on."""

    scrape_status: str
    contacts: Sequence = ()
    profiles: Sequence = ()
    error: str = ""
    fetched_with: str = ""
    needs_rendering: bool = False

    @property
    def failed(self) -> bool:
        return self.scrape_status == ContactScrapeStatus.ERROR


def truncate_error(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= MAX_ERROR_LENGTH else message[: MAX_ERROR_LENGTH - 1] + "…"


def pages_record_outcomes(
    *, outcomes: Sequence[tuple[Claim, PageOutcome]], now: datetime
) -> set[UUID]:
    """Write each page's outcome, in one statement, unless the page was reset, re-selected or
    reclaimed meanwhile; returns the ids written. Runs inside the caller's transaction."""
    if not outcomes:
        return set()
    rows = [
        (
            item.id,
            item.token,
            PageProcessingStatus.ERROR if outcome.failed else PageProcessingStatus.COMPLETE,
            outcome.scrape_status,
            truncate_error(outcome.error),
            outcome.fetched_with,
        )
        for item, outcome in outcomes
    ]
    if connection.vendor != "postgresql":
        return _record_one_by_one(rows, now)
    with connection.cursor() as cursor:
        cursor.execute(_RECORD, [now, *(list(column) for column in zip(*rows, strict=True))])
        return {row[0] for row in cursor.fetchall()}


def _record_one_by_one(rows: list[tuple], now: datetime) -> set[UUID]:
    written = set()
    for page_id, token, processing, scrape, error, fetched_with in rows:
        how = {"fetched_with": fetched_with} if fetched_with else {}
        if Page.objects.filter(
            id=page_id,
            page_processing_status=PageProcessingStatus.PROCESSING,
            processing_started_at=token,
        ).update(
            page_processing_status=processing,
            contact_scrape_status=scrape,
            page_processing_error=error,
            processed_at=now,
            **how,
        ):
            written.add(page_id)
    return written


def domains_mark_needs_rendering(*, domain_ids: Collection[Any]) -> int:
    """Remember that these domains' pages are rendered in a browser under ``FETCH_RENDER=auto``."""
    if not domain_ids:
        return 0
    return Domain.objects.filter(id__in=domain_ids, needs_rendering=False).update(
        needs_rendering=True
    )


def skip_waiting_for_disk() -> None:
    """Don't wait for this commit to reach the disk (PostgreSQL's ``synchronous_commit``).

    A crash of the database may then forget the last few results, but never half of one: those
    pages are still ``Processing`` in the database and the lease puts them back in the queue. It
    makes each group's transaction several times cheaper. ``SET LOCAL`` ends with the
    transaction, so it is safe behind a transaction-mode pooler."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def pages_reset_stuck(*, older_than: timedelta) -> int:
    """An operator's reset: pages ``Processing`` without a heartbeat for ``older_than`` go back
    to the queue with their attempts forgotten."""
    return stuck_pages(older_than=older_than).update(
        page_processing_status=PageProcessingStatus.QUEUED,
        processing_started_at=None,
        processing_heartbeat_at=None,
        processing_attempts=0,
    )


def pages_recover_expired_leases(*, lease_seconds: int | None = None) -> claims.LeaseRecovery:
    return claims.recover_expired(PAGE_JOB, lease_seconds=lease_seconds)


def pages_enqueue_processing(*, page_ids: list[Any], acting_user=None) -> None:
    """Queue the pages and hand them to a worker now rather than at the next tick."""
    with transaction.atomic():
        pages_set_curation_status(
            page_ids=page_ids, status=PageCurationStatus.SELECTED, acting_user=acting_user
        )
        ids = [str(page_id) for page_id in page_ids]
        transaction.on_commit(lambda: async_task("extraction.tasks.process_pages_now", ids))
