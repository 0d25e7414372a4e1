"""``GET /healthz`` and ``audit_pages``: 503 and exit 1 when the job cannot run."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobs import slots
from jobs.models import DrainSlot
from pages.queue import PAGE_JOB
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def drained(seconds_ago: float = 0) -> None:
    with slots.drain_slot(job=PAGE_JOB.name, count=1, lease_seconds=60) as index:
        slots.record_drain(job=PAGE_JOB.name, index=index, summary="processed 0 pages")
    DrainSlot.objects.update(last_finished_at=timezone.now() - timedelta(seconds=seconds_ago))


def test_healthy_when_a_drain_finished_lately(client):
    PageFactory(queued=True)
    drained(seconds_ago=30)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["failing"]) == ("ok", [])
    assert (body["database"], body["broker"], body["queue_depth"]) == ("ok", "ok", 1)
    assert 25 <= body["seconds_since_last_drain"] <= 60


def test_failing_when_no_drain_has_finished_for_several_intervals(client):
    """Ticks skipped for ever (no slot ever free) look like this: nothing finishes."""
    PageFactory(queued=True)
    drained(seconds_ago=3600)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["job"]


def test_failing_when_the_job_never_ran(client):
    assert client.get("/healthz").json()["failing"] == ["job"]


def test_failing_while_a_dead_workers_pages_wait(client):
    drained()
    PageFactory(stuck=True)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["stalled"] == 1


def test_failing_when_the_broker_is_unreachable(client, monkeypatch):
    class DeadBroker:
        def ping(self):
            raise ConnectionError("no broker")

    monkeypatch.setattr("extraction.health.get_broker", DeadBroker)
    drained()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]


def test_needs_no_login_and_tells_no_secrets(client, settings):
    drained()
    body = client.get("/healthz").content.decode()
    assert settings.SECRET_KEY not in body
    assert "postgres" not in body


def test_audit_pages_exits_1_when_the_job_cannot_run():
    PageFactory(queued=True)
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("audit_pages", stdout=out)
    assert exit_status.value.code == 1
    assert "health: failing job" in out.getvalue()
