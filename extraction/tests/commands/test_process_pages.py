import io
import re

import pytest
from django.core.management import call_command

from extraction.tests.job_helpers import card, queue_pages
from pages.models import Page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("job_settings")]


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


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
    for args in (["--batch-size", "0"], ["--workers", "0"], ["--concurrency", "0"]):
        with pytest.raises(Exception, match="must be positive"):
            run("process_pages", *args)
