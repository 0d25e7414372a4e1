"""Drain slots: at most N drains of a job at once, whichever workers and machines run them.

Taking a slot is one conditional UPDATE of its row (free, or its lease ran out): the row lock
and PostgreSQL's re-check of the condition let exactly one of two racing workers have it. No
session state is involved, so this is safe behind a transaction-mode pooler."""

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.db.models import Max, Q
from django.utils import timezone

from jobs.models import DrainSlot


def holder() -> str:
    """This worker, as a slot records it: host and process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _ensure_slots(job: str, count: int) -> None:
    existing = set(DrainSlot.objects.filter(job=job).values_list("index", flat=True))
    missing = [DrainSlot(job=job, index=i) for i in range(count) if i not in existing]
    DrainSlot.objects.bulk_create(missing, ignore_conflicts=True)


def _free(now: datetime) -> Q:
    return Q(expires_at__isnull=True) | Q(expires_at__lt=now)


def free_slots(*, job: str, count: int) -> int:
    """How many of the job's ``count`` slots no live drain holds."""
    _ensure_slots(job, count)
    now = timezone.now()
    return DrainSlot.objects.filter(_free(now), job=job, index__lt=count).count()


@contextmanager
def drain_slot(*, job: str, count: int, lease_seconds: float) -> Iterator[int | None]:
    """Hold one of the job's ``count`` slots for at most ``lease_seconds``; yields its index, or
    None when every slot is held."""
    _ensure_slots(job, count)
    me, now = holder(), timezone.now()
    taken = None
    for index in range(count):
        if DrainSlot.objects.filter(_free(now), job=job, index=index).update(
            holder=me,
            expires_at=now + timedelta(seconds=lease_seconds),
            last_started_at=now,
        ):
            taken = index
            break
    try:
        yield taken
    finally:
        if taken is not None:
            DrainSlot.objects.filter(job=job, index=taken, holder=me).update(
                holder="", expires_at=None
            )


def record_drain(*, job: str, index: int, summary: str) -> None:
    DrainSlot.objects.filter(job=job, index=index).update(
        last_finished_at=timezone.now(), last_summary=summary[:1000], last_holder=holder()
    )


def last_drain_finished(*, job: str) -> datetime | None:
    """When a drain of the job last ran to its end (processed pages or found none)."""
    return DrainSlot.objects.filter(job=job).aggregate(last=Max("last_finished_at"))["last"]
