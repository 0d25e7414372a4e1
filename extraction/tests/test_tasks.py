"""The django-q2 side of the job: the schedule, the tick, "Process now"."""

import pytest
from django.core.management import call_command
from django.db import connections
from django_q.models import Schedule

from extraction import tasks
from extraction.schedule import SCHEDULE_NAME
from extraction.tests.job_helpers import queue_pages
from pages.models import Page
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


def test_the_tick_drains_the_queue(page_server):
    queue_pages(*(page_server.html(f"/{n}", "<p>none</p>") for n in range(3)))
    assert tasks.process_page_queue().startswith("processed 3 pages")


def test_the_tick_is_skipped_while_every_slot_is_held(settings):
    settings.PAGE_CURATION_SCHEDULER_MAX_INSTANCES = 1
    queue_pages("https://harrisonlaw.com/held")
    other = connections.create_connection("default")  # another worker, holding the only slot
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [tasks.LOCK_KEY_BASE])
        assert tasks.process_page_queue().startswith("skipped")
    finally:
        other.close()
    assert Page.objects.filter(page_processing_status="Queued").count() == 1


def test_process_now_hands_the_pages_to_the_worker(monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr(processing, "async_task", lambda func, *args: sent.append((func, args)))
    page = PageFactory(complete=True)
    with django_capture_on_commit_callbacks(execute=True):
        processing.pages_enqueue_processing(page_ids=[page.pk])
    page.refresh_from_db()
    assert page.page_processing_status == "Queued"
    assert sent == [("extraction.tasks.process_pages_now", ([str(page.pk)],))]
