import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder

from extraction.selectors import pipeline_summary
from jobs import slots
from pages.queue import PAGE_JOB
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_reports_and_fails_on_pages_whose_worker_stopped():
    PageFactory(stuck=True)
    PageFactory(failed=True, error="HTTP 404: Not Found")
    PageFactory(queued=True)
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("audit_pages", stdout=out)
    assert exit_status.value.code == 1
    text = out.getvalue()
    assert "stuck: 1" in text
    assert "queue_depth: 1" in text
    assert re.search(r"1\s+HTTP 404", text)


def test_json_matches_the_selector_and_exits_0_when_healthy():
    PageFactory(failed=True)
    PageFactory(processing=True)
    with slots.drain_slot(job=PAGE_JOB.name, count=1, lease_seconds=60) as index:
        slots.record_drain(job=PAGE_JOB.name, index=index, summary="processed 0 pages")
    numbers = json.loads(_run("audit_pages", "--json"))
    assert numbers.pop("health")["status"] == "ok"
    expected = json.loads(json.dumps(pipeline_summary(), cls=DjangoJSONEncoder))
    assert numbers == expected
    assert numbers["stuck"] == 0
    assert numbers["errors_by_reason"] == [{"reason": "HTTP 503", "count": 1}]


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
