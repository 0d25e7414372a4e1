"""The job loop with a stand-in job: heartbeat, deadline, groups, one batch or a drain."""

import queue
import threading
import time

import pytest
from django.db import transaction
from django.utils import timezone

from jobs.loop import LoopOptions, Written, run
from pages.models import Page
from pages.queue import PAGE_JOB
from pages.services.processing import PageOutcome, pages_record_outcomes
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db(transaction=True)


class StandInJob:
    """Finishes each row after ``seconds`` (never, when None) on a timer thread."""

    spec = PAGE_JOB

    def __init__(self, seconds: float | None = 0.0):
        self.seconds = seconds
        self.done: queue.SimpleQueue = queue.SimpleQueue()
        self.groups: list[int] = []
        self.cancelled: list = []

    def start(self, items):
        if self.seconds is None:
            return
        for item in items:
            outcome = (item, PageOutcome(scrape_status="NoContactFound"))
            threading.Timer(self.seconds, self.done.put, args=[outcome]).start()

    def finished(self, timeout):
        found = []
        try:
            found.append(self.done.get(timeout=timeout) if timeout else self.done.get_nowait())
            while True:
                found.append(self.done.get_nowait())
        except queue.Empty:
            return found

    def cancel(self, items):
        self.cancelled += items

    def write(self, results):
        self.groups.append(len(results))
        with transaction.atomic():
            ours = pages_record_outcomes(outcomes=results, now=timezone.now())
        return Written(complete=len(ours), stale=len(results) - len(ours))


def statuses() -> list[str]:
    return sorted(Page.objects.values_list("page_processing_status", flat=True))


def test_a_drain_processes_every_queued_row_in_batches():
    PageFactory.create_batch(7, queued=True)
    progress = []
    stats = run(StandInJob(), LoopOptions(batch_size=3, on_progress=progress.append))
    assert (stats.processed, stats.complete) == (7, 7)
    assert statuses() == ["Complete"] * 7
    assert progress and progress[-1].processed == 7


def test_one_batch_only_when_not_draining():
    PageFactory.create_batch(5, queued=True)
    assert run(StandInJob(), LoopOptions(batch_size=2, drain=False)).processed == 2
    assert statuses().count("Queued") == 3


def test_results_are_written_in_groups_no_larger_than_asked():
    PageFactory.create_batch(12, queued=True)
    job = StandInJob()
    run(job, LoopOptions(batch_size=12, group_size=5, group_seconds=1.0))
    assert sum(job.groups) == 12
    assert max(job.groups) <= 5
    assert len(job.groups) < 12, "every result was written on its own"


def test_the_heartbeat_renews_the_lease_while_the_work_goes_on(settings):
    settings.JOB_HEARTBEAT_SECONDS = 0.1
    (page,) = PageFactory.create_batch(1, queued=True)
    beats = []

    def watch():
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            beat = Page.objects.filter(pk=page.pk).values_list(
                "processing_heartbeat_at", flat=True
            )[0]
            if beat and beat not in beats:
                beats.append(beat)
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    run(StandInJob(seconds=1.0), LoopOptions(batch_size=1, drain=False))
    watcher.join()
    assert len(beats) >= 3, "the lease was not renewed while the row was worked on"


def test_rows_still_in_flight_at_the_deadline_go_back_to_the_queue():
    PageFactory.create_batch(4, queued=True)
    job = StandInJob(seconds=None)
    stats = run(job, LoopOptions(batch_size=4, deadline=time.monotonic() + 0.3))
    assert (stats.processed, stats.released) == (0, 4)
    assert len(job.cancelled) == 4
    assert statuses() == ["Queued"] * 4
    assert set(Page.objects.values_list("processing_attempts", flat=True)) == {0}


def test_nothing_is_claimed_after_the_deadline():
    PageFactory.create_batch(2, queued=True)
    stats = run(StandInJob(), LoopOptions(batch_size=2, deadline=time.monotonic() - 1))
    assert stats.processed == 0
    assert statuses() == ["Queued", "Queued"]
