import io
import json
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import timezone
from django_q.models import Schedule

from extraction import tasks
from extraction.schedule import SCHEDULE_NAME
from extraction.tests.job_helpers import card, queue_pages
from pages.models import Page
from pages.selectors import pipeline_summary

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("job_settings")]


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def make_stuck(page, minutes=60, attempts=1):
    Page.objects.filter(pk=page.pk).update(
        page_processing_status="Processing",
        processing_started_at=timezone.now() - timedelta(minutes=minutes),
        processing_attempts=attempts,
    )


def make_failed(page, message="HTTP 404: Not Found"):
    Page.objects.filter(pk=page.pk).update(
        page_processing_status="Error", page_processing_error=message
    )


def test_process_pages_prints_a_summary(page_server):
    queue_pages(page_server.html("/a", card("A A", "a@harrisonlaw.com")), page_server.url("/x"))
    out = run("process_pages", "--batch-size", "5")
    assert re.search(
        r"processed 2 pages: 1 complete, 1 error, 0 stale; contacts 1 created, 0 updated; "
        r"[\d.]+ pages/s",
        out,
    )


def test_process_pages_drain(page_server):
    queue_pages(*(page_server.html(f"/{n}", "<p>none</p>") for n in range(5)))
    out = run("process_pages", "--drain", "--batch-size", "2", "--concurrency", "3")
    assert "processed 5 pages" in out
    assert not Page.objects.filter(page_processing_status="Queued").exists()


def test_process_pages_refuses_nonsense():
    with pytest.raises(Exception, match="must be positive"):
        run("process_pages", "--batch-size", "0")


def test_reset_pages_requeues_stuck_pages_only():
    stuck, fresh, failed = queue_pages(*(f"https://harrisonlaw.com/{n}" for n in range(3)))
    make_stuck(stuck, minutes=60)
    make_stuck(fresh, minutes=1)
    make_failed(failed)
    out = run("reset_pages", "--stuck-minutes", "30")
    assert out.strip() == "re-queued 1 stuck pages (Processing > 30 min)"
    statuses = dict(Page.objects.values_list("pk", "page_processing_status"))
    assert statuses == {stuck.pk: "Queued", fresh.pk: "Processing", failed.pk: "Error"}


def test_reset_pages_with_errors():
    (failed,) = queue_pages("https://harrisonlaw.com/f")
    make_failed(failed)
    out = run("reset_pages", "--errors")
    assert "and 1 Error pages" in out
    failed.refresh_from_db()
    assert (failed.page_processing_status, failed.page_processing_error) == ("Queued", "")


def test_reset_pages_dry_run_changes_nothing():
    stuck, failed = queue_pages("https://harrisonlaw.com/s", "https://harrisonlaw.com/f")
    make_stuck(stuck)
    make_failed(failed)
    out = run("reset_pages", "--errors", "--dry-run")
    assert out.strip() == ("would re-queue 1 stuck pages (Processing > 10 min) and 1 Error pages")
    assert Page.objects.filter(page_processing_status="Queued").count() == 0


def test_audit_pages_reports_and_fails_on_stuck_pages():
    stuck, failed, _queued = queue_pages(*(f"https://harrisonlaw.com/{n}" for n in range(3)))
    make_stuck(stuck)
    make_failed(failed)
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("audit_pages", stdout=out)
    assert exit_status.value.code == 1
    text = out.getvalue()
    assert "stuck: 1" in text
    assert "queue_depth: 1" in text
    assert re.search(r"1\s+HTTP 404", text)


def test_audit_pages_json_matches_the_selector_and_exits_0_when_healthy():
    (failed,) = queue_pages("https://harrisonlaw.com/f")
    make_failed(failed, "Timeout: no answer")
    numbers = json.loads(run("audit_pages", "--json"))
    expected = json.loads(json.dumps(pipeline_summary(), default=str))
    assert numbers == expected
    assert numbers["errors_by_reason"] == [{"reason": "Timeout", "count": 1}]


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
    monkeypatch.setattr(tasks, "async_task", lambda func, *args: sent.append((func, args)))
    (page,) = queue_pages("https://harrisonlaw.com/now")
    Page.objects.filter(pk=page.pk).update(page_processing_status="Complete")
    with django_capture_on_commit_callbacks(execute=True):
        tasks.enqueue_page_processing(page_ids=[page.pk])
    page.refresh_from_db()
    assert page.page_processing_status == "Queued"
    assert sent == [("extraction.tasks.process_pages_now", ([str(page.pk)],))]
