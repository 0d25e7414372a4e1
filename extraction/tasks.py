"""django-q2 entry points. Each is a stateless tick that takes ids (or nothing) and calls the
pipeline: django-q2 may deliver a tick twice or lose it, and the claim and the lease make either
harmless."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

from django.conf import settings
from django.db import connection

from extraction.processing import PageJob, summary
from jobs.loop import LoopOptions, run

LOCK_KEY_BASE = 0x5746_3700  # "WF7" — the PostgreSQL advisory lock keys of the job's instances
TIME_MARGIN_SECONDS = 5


@contextmanager
def instance_slot() -> Iterator[int | None]:
    """Hold one of ``PAGE_CURATION_SCHEDULER_MAX_INSTANCES`` slots, or yield None when all are
    taken. PostgreSQL frees a slot itself if its holder's connection dies; SQLite has one
    worker and needs no slot."""
    if connection.vendor != "postgresql":
        yield 0
        return
    with connection.cursor() as cursor:
        for slot in range(settings.PAGE_CURATION_SCHEDULER_MAX_INSTANCES):
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY_BASE + slot])
            if cursor.fetchone()[0]:
                break
        else:
            yield None
            return
    try:
        yield slot
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY_BASE + slot])


def process_page_queue() -> str:
    """The scheduled tick: drain the queue until it is empty or the interval is spent."""
    with instance_slot() as slot:
        if slot is None:
            return "skipped: every instance slot is busy"
        budget = settings.PAGE_CURATION_SCHEDULER_INTERVAL_MINUTES * 60 - TIME_MARGIN_SECONDS
        options = LoopOptions(
            batch_size=settings.PAGE_CURATION_SCHEDULER_BATCH_SIZE,
            deadline=time.monotonic() + max(budget, 1),
        )
        with PageJob() as job:
            return summary(run(job, options))


def process_pages_now(page_ids: list[str]) -> str:
    """Process these pages at once (the admin's "Process now"), if they are still queued."""
    ids = [UUID(page_id) for page_id in page_ids]
    with PageJob() as job:
        return summary(run(job, LoopOptions(batch_size=len(ids), ids=ids, drain=False)))
