"""The django-q2 side of the job: the schedule, the tick, "Process now"."""

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from extraction import tasks
from extraction.schedule import SCHEDULE_NAME
from extraction.tests.job_helpers import queue_pages
from jobs import slots
from pages.models import Page
from pages.queue import PAGE_JOB
from pages.services import processing
from pages.tests.factories import PageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("job_settings")]


def test_the_schedule_is_registered_once_however_often_we_migrate(settings):
    call_command("migrate", verbosity=0)
    settings.PAGE_CURATION_SCHEDULER_INTERVAL_MINUTES = 2
    call_command("migrate", verbosity=0)
    (schedule,) = Schedule.objects.filter(name=SCHEDULE_NAME)
    assert schedule.func == "extraction.tasks.process_page_queue"
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == ("I", 2, -1)


def test_the_tick_starts_a_drain_per_free_slot(monkeypatch, settings):
    settings.PAGE_CURATION_SCHEDULER_MAX_INSTANCES = 3
    sent = []
    monkeypatch.setattr(tasks, "async_task", lambda func, **kw: sent.append(func))
    PageFactory(queued=True)
    with slots.drain_slot(job=PAGE_JOB.name, count=3, lease_seconds=60):
        assert tasks.process_page_queue().startswith("started 4 drains (2 slots free)")
    assert sent == [tasks.DRAIN_TASK] * 4


def test_an_empty_queue_still_gets_one_look_a_tick(monkeypatch, settings):
    settings.PAGE_CURATION_SCHEDULER_MAX_INSTANCES = 3
    sent = []
    monkeypatch.setattr(tasks, "async_task", lambda func, **kw: sent.append(func))
    tasks.process_page_queue()
    assert sent == [tasks.DRAIN_TASK]


def test_the_tick_gives_back_a_dead_workers_pages(monkeypatch):
    monkeypatch.setattr(tasks, "async_task", lambda func, **kw: None)
    stuck = PageFactory(stuck=True)
    assert "1 re-queued" in tasks.process_page_queue()
    stuck.refresh_from_db()
    assert stuck.page_processing_status == "Queued"


def test_a_drain_empties_the_queue_and_leaves_a_sign_of_life(page_server):
    queue_pages(*(page_server.html(f"/{n}", "<p>none</p>") for n in range(3)))
    assert tasks.drain_page_queue().startswith("processed 3 pages")
    assert slots.last_drain_finished(job=PAGE_JOB.name) is not None
    assert slots.free_slots(job=PAGE_JOB.name, count=1) == 1


def test_a_drain_is_skipped_while_every_slot_is_held(settings):
    settings.PAGE_CURATION_SCHEDULER_MAX_INSTANCES = 1
    PageFactory(queued=True)
    with slots.drain_slot(job=PAGE_JOB.name, count=1, lease_seconds=60):
        assert tasks.drain_page_queue().startswith("skipped")
    assert Page.objects.filter(page_processing_status="Queued").count() == 1
    assert slots.last_drain_finished(job=PAGE_JOB.name) is None


def test_process_now_hands_the_pages_to_the_worker(monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr(processing, "async_task", lambda func, *args: sent.append((func, args)))
    page = PageFactory(complete=True)
    with django_capture_on_commit_callbacks(execute=True):
        processing.pages_enqueue_processing(page_ids=[page.pk])
    page.refresh_from_db()
    assert page.page_processing_status == "Queued"
    assert sent == [("extraction.tasks.process_pages_now", ([str(page.pk)],))]
