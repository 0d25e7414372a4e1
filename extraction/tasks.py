"""django-q2 entry points. Each is a stateless task that takes ids (or nothing) and calls the
job: django-q2 may deliver a task twice or lose it, and the claim and the lease make either
harmless.

The scheduled tick fans out: it enqueues one drain per free drain slot, so every worker of
every cluster sharing the broker takes part; each drain claims batches until the queue is empty
or the interval is spent."""

import time
from uuid import UUID

from django.conf import settings
from django_q.tasks import async_task

from extraction.processing import PageJob, summary
from jobs import slots
from jobs.loop import LoopOptions, run
from pages.models import Page, PageProcessingStatus
from pages.queue import PAGE_JOB
from pages.services.processing import pages_recover_expired_leases

TIME_MARGIN_SECONDS = 5
DRAIN_TASK = "extraction.tasks.drain_page_queue"


def interval_seconds() -> int:
    return settings.PAGE_CURATION_SCHEDULER_INTERVAL_MINUTES * 60


def process_page_queue() -> str:
    """The scheduled tick: give back dead workers' pages, then start a drain per free slot."""
    recovered = pages_recover_expired_leases()
    queued = Page.objects.filter(page_processing_status=PageProcessingStatus.QUEUED).exists()
    free = slots.free_slots(job=PAGE_JOB.name, count=settings.PAGE_CURATION_SCHEDULER_MAX_INSTANCES)
    # Each cluster takes a waiting task for each of its workers besides the ones it runs, so
    # twice as many drains as free slots reach every cluster; a drain without a slot ends at once.
    drains = 2 * free if queued else min(free, 1)  # an empty queue still gets one look a tick
    for _ in range(drains):
        async_task(DRAIN_TASK, group=PAGE_JOB.name)
    return (
        f"started {drains} drains ({free} slots free); "
        f"leases expired: {recovered.requeued} re-queued, {recovered.failed} failed"
    )


def drain_page_queue() -> str:
    """One drain: hold a slot, process pages until the queue is empty or the interval is spent."""
    budget = max(interval_seconds() - TIME_MARGIN_SECONDS, 1)
    with slots.drain_slot(
        job=PAGE_JOB.name,
        count=settings.PAGE_CURATION_SCHEDULER_MAX_INSTANCES,
        lease_seconds=budget + settings.PAGE_PROCESSING_LEASE_SECONDS,
    ) as slot:
        if slot is None:
            return "skipped: every drain slot is busy"
        options = LoopOptions(
            batch_size=settings.PAGE_CURATION_SCHEDULER_BATCH_SIZE,
            deadline=time.monotonic() + budget,
        )
        with PageJob() as job:
            result = summary(run(job, options))
        slots.record_drain(job=PAGE_JOB.name, index=slot, summary=result)
        return f"{result} [slot {slot}, {slots.holder()}]"


def process_pages_now(page_ids: list[str]) -> str:
    """Process these pages at once (the admin's "Process now"), if they are still queued."""
    ids = [UUID(page_id) for page_id in page_ids]
    with PageJob() as job:
        return summary(run(job, LoopOptions(batch_size=len(ids), ids=ids, drain=False)))
