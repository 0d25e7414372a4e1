"""``/healthz``, ``audit_pages`` and the dashboard cover discovery: its queue, stalled domains,
failures."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from extraction.tests.test_health import drained
from pages.models import Domain

pytestmark = pytest.mark.django_db


def stalled_domain(name: str = "stuck.example") -> Domain:
    domain = Domain.objects.create(name=name, domain_curation_status="Selected")
    long_ago = timezone.now() - timedelta(hours=1)
    Domain.objects.filter(pk=domain.pk).update(
        discovery_status="Processing",
        discovery_started_at=long_ago,
        discovery_heartbeat_at=long_ago,
    )
    return domain


def test_healthz_counts_the_discovery_queue_and_fails_on_stalled_domains(client):
    Domain.objects.create(name="queued.example", domain_curation_status="Selected")
    drained(seconds_ago=10)
    body = client.get("/healthz").json()
    assert (body["discovery_queue_depth"], body["discovery_stalled"]) == (1, 0)
    assert body["status"] == "ok"

    stalled_domain()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "discovery_stalled" in response.json()["failing"]


def test_audit_pages_reports_discovery(client):
    Domain.objects.create(name="queued.example", domain_curation_status="Selected")
    Domain.objects.create(name="new.example")
    drained(seconds_ago=10)
    out = io.StringIO()
    call_command("audit_pages", "--json", stdout=out)
    discovery = json.loads(out.getvalue())["discovery"]
    assert discovery["domains"] == 2
    assert discovery["discovery_queue_depth"] == 1
    assert discovery["discovery_status"]["none"] == 1
    assert discovery["domain_curation_status"]["Selected"] == 1

    text = io.StringIO()
    call_command("audit_pages", stdout=text)
    assert "discovery_queue_depth: 1" in text.getvalue()


def test_audit_pages_fails_on_stalled_discovery():
    stalled_domain()
    drained(seconds_ago=10)
    with pytest.raises(SystemExit) as exit_status:
        call_command("audit_pages", stdout=io.StringIO())
    assert exit_status.value.code == 1


def test_the_dashboard_shows_discovery(staff_client):
    Domain.objects.create(name="queued.example", domain_curation_status="Selected")
    failed = Domain.objects.create(name="failed.example", domain_curation_status="Selected")
    Domain.objects.filter(pk=failed.pk).update(discovery_status="Error", discovery_error="HTTP 404")
    html = staff_client.get(reverse("pipeline_dashboard")).content.decode()
    assert 'id="card-discovery-queue"' in html
    assert "discovery_status__exact=Queued" in html
    assert "domains waiting for discovery" in html
