"""Taking pages off the queue, and giving back the ones whose worker vanished.

A claim stamps ``processing_started_at``; that stamp is the claim's token, so a result is written
only while the page is still in the state this run claimed (see ``results.write_page_result``)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pages.models import ContactScrapeStatus, Page, PageProcessingStatus
from pages.selectors import stuck_pages


@dataclass(frozen=True)
class ClaimedPage:
    id: UUID
    url: str
    domain_id: UUID
    claimed_at: datetime


@dataclass(frozen=True)
class LeaseRecovery:
    requeued: int
    failed: int


def claim_pages(*, batch_size: int, page_ids: list[UUID] | None = None) -> list[ClaimedPage]:
    """Mark up to ``batch_size`` queued pages ``Processing`` in one short transaction.

    ``SKIP LOCKED`` lets any number of workers claim at once without waiting on, or taking, each
    other's pages (SQLite ignores it; it serialises writers anyway)."""
    now = timezone.now()
    with transaction.atomic():
        queued = Page.objects.filter(page_processing_status=PageProcessingStatus.QUEUED)
        if page_ids is not None:
            queued = queued.filter(id__in=page_ids)
        ids = list(
            queued.select_for_update(skip_locked=True).values_list("id", flat=True)[:batch_size]
        )
        if not ids:
            return []
        Page.objects.filter(id__in=ids).update(
            page_processing_status=PageProcessingStatus.PROCESSING,
            processing_started_at=now,
            processing_attempts=F("processing_attempts") + 1,
        )
        rows = Page.objects.filter(id__in=ids).values_list("id", "url", "domain_id")
        return [ClaimedPage(page_id, url, domain_id, now) for page_id, url, domain_id in rows]


def recover_expired_leases(
    *, lease_seconds: int | None = None, max_attempts: int | None = None
) -> LeaseRecovery:
    """Pages ``Processing`` past the lease go back to the queue, or to ``Error`` when they have
    used up their attempts (a page that kills its worker must not loop for ever)."""
    if lease_seconds is None:
        lease_seconds = settings.PAGE_PROCESSING_LEASE_SECONDS
    if max_attempts is None:
        max_attempts = settings.PAGE_PROCESSING_MAX_ATTEMPTS
    lease = timedelta(seconds=lease_seconds)
    with transaction.atomic():
        failed = (
            stuck_pages(older_than=lease)
            .filter(processing_attempts__gte=max_attempts)
            .update(
                page_processing_status=PageProcessingStatus.ERROR,
                page_processing_error=(
                    f"Lease expired: no result after {max_attempts} attempts "
                    "(the worker stopped or the page is too slow)"
                ),
                contact_scrape_status=ContactScrapeStatus.ERROR,
                processed_at=timezone.now(),
            )
        )
        requeued = stuck_pages(older_than=lease).update(
            page_processing_status=PageProcessingStatus.QUEUED, processing_started_at=None
        )
    return LeaseRecovery(requeued=requeued, failed=failed)


def reset_stuck_pages(*, older_than: timedelta) -> int:
    """An operator's reset: stuck pages back to the queue with their attempts forgotten."""
    return stuck_pages(older_than=older_than).update(
        page_processing_status=PageProcessingStatus.QUEUED,
        processing_started_at=None,
        processing_attempts=0,
    )
