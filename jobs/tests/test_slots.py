"""Drain slots: at most N drains at once, held by a lease that a dead worker cannot keep."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from jobs import slots
from jobs.models import DrainSlot

pytestmark = pytest.mark.django_db


def test_slots_are_taken_one_each_until_none_is_left():
    with (
        slots.drain_slot(job="j", count=2, lease_seconds=60) as first,
        slots.drain_slot(job="j", count=2, lease_seconds=60) as second,
        slots.drain_slot(job="j", count=2, lease_seconds=60) as third,
    ):
        assert (first, second, third) == (0, 1, None)
        assert slots.free_slots(job="j", count=2) == 0
    assert slots.free_slots(job="j", count=2) == 2


def test_a_slot_whose_lease_ran_out_is_free_again():
    with slots.drain_slot(job="j", count=1, lease_seconds=60) as index:
        DrainSlot.objects.filter(index=index).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
        with slots.drain_slot(job="j", count=1, lease_seconds=60) as again:
            assert again == 0


def test_the_last_finished_drain_is_the_jobs_sign_of_life():
    assert slots.last_drain_finished(job="j") is None
    with slots.drain_slot(job="j", count=1, lease_seconds=60) as index:
        slots.record_drain(job="j", index=index, summary="processed 3 pages")
    assert slots.last_drain_finished(job="j") is not None
    assert DrainSlot.objects.get().last_summary == "processed 3 pages"


@pytest.mark.django_db(transaction=True)
def test_racing_workers_never_share_a_slot():
    taken, ready = [], threading.Barrier(6)

    def worker():
        try:
            ready.wait()
            with slots.drain_slot(job="race", count=2, lease_seconds=60) as index:
                taken.append(index)
                ready_to_leave.wait()
        finally:
            connection.close()

    ready_to_leave = threading.Barrier(6)
    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(i for i in taken if i is not None) == [0, 1]
    assert taken.count(None) == 4
