"""django-q2 entry points. Each is a stateless task that takes ids (or nothing) and calls the
job: django-q2 may deliver a task twice or lose it, and the claim and the lease make either
harmless.

The scheduled tick fans out: it enqueues one drain per free drain slot, so every worker of
every cluster sharing the broker takes part; each drain claims batches until the queue is empty
or the interval is spent. A drain first discovers the queued domains' pages (within half its
time when pages wait too), then processes pages, so a domain's selected pages are processed in
the same tick."""

import time
from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django_q.tasks import async_task

from extraction.discovery.job import DomainJob
from extraction.discovery.job import summary as discovery_summary
from extraction.processing import PageJob, summary
from jobs import claims, slots
from jobs.loop import LoopOptions, run
from pages.models import DiscoveryStatus, Domain, Page, PageProcessingStatus
from pages.queue import DOMAIN_JOB, PAGE_JOB
from pages.services.domains import domains_retry_unavailable_robots
from pages.services.processing import pages_recover_expired_leases

TIME_MARGIN_SECONDS = 5
DRAIN_TASK = "extraction.tasks.drain_page_queue"


def interval_seconds() -> int:
    return settings.PAGE_CURATION_SCHEDULER_INTERVAL_MINUTES * 60


def process_page_queue() -> str:
    """The scheduled tick: give back dead workers' pages, then start a drain per free slot."""
    recovered = pages_recover_expired_leases()
    claims.recover_expired(DOMAIN_JOB)
    domains_retry_unavailable_robots(older_than=timedelta(minutes=settings.ROBOTS_RETRY_MINUTES))
    queued = _pages_queued() or _domains_queued()
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


def _pages_queued() -> bool:
    return Page.objects.filter(page_processing_status=PageProcessingStatus.QUEUED).exists()


def _domains_queued() -> bool:
    return Domain.objects.filter(discovery_status=DiscoveryStatus.QUEUED).exists()


def _discover(deadline: float) -> str:
    options = LoopOptions(batch_size=settings.DISCOVERY_BATCH_SIZE, deadline=deadline)
    with DomainJob() as job:
        return discovery_summary(run(job, options))


def drain_page_queue() -> str:
    """One drain: hold a slot, discover queued domains, then process pages until the queue is
    empty or the interval is spent."""
    budget = max(interval_seconds() - TIME_MARGIN_SECONDS, 1)
    with slots.drain_slot(
        job=PAGE_JOB.name,
        count=settings.PAGE_CURATION_SCHEDULER_MAX_INSTANCES,
        lease_seconds=budget + settings.PAGE_PROCESSING_LEASE_SECONDS,
    ) as slot:
        if slot is None:
            return "skipped: every drain slot is busy"
        started = time.monotonic()
        result = ""
        if _domains_queued():
            share = budget / 2 if _pages_queued() else budget
            result = _discover(started + share) + "; "
        options = LoopOptions(
            batch_size=settings.PAGE_CURATION_SCHEDULER_BATCH_SIZE,
            deadline=started + budget,
        )
        with PageJob() as job:
            result += summary(run(job, options))
        slots.record_drain(job=PAGE_JOB.name, index=slot, summary=result)
        return f"{result} [slot {slot}, {slots.holder()}]"


def process_pages_now(page_ids: list[str]) -> str:
    """Process these pages at once (the admin's "Process now"), if they are still queued."""
    ids = [UUID(page_id) for page_id in page_ids]
    with PageJob() as job:
        return summary(run(job, LoopOptions(batch_size=len(ids), ids=ids, drain=False)))
