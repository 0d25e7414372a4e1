from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from pages.models import Page
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def statuses() -> dict:
    return dict(Page.objects.values_list("pk", "page_processing_status"))


def test_only_pages_without_a_recent_heartbeat_are_reset():
    stuck, working, failed = (
        PageFactory(stuck=True),
        PageFactory(processing=True),
        PageFactory(failed=True),
    )
    out = run("reset_pages", "--stuck-minutes", "30")
    assert out == "re-queued 1 stuck pages (no heartbeat for 30 min)"
    assert statuses() == {stuck.pk: "Queued", working.pk: "Processing", failed.pk: "Error"}
    stuck.refresh_from_db()
    assert stuck.processing_attempts == 0


def test_errors_are_requeued_transient_ones_by_default():
    transient = PageFactory(failed=True)
    gone = PageFactory(failed=True, error="HTTP 404: Not Found")
    out = run("reset_pages", "--errors")
    assert out.endswith("and 1 Error pages (transient)")
    assert statuses() == {transient.pk: "Queued", gone.pk: "Error"}
    transient.refresh_from_db()
    assert transient.page_processing_error == ""


@pytest.mark.parametrize(
    "message",
    ["HTTP 404: Not Found", "Refused: x is not a public address", "Bad redirect: http://[::1"],
)
def test_all_requeues_permanent_failures_too(message):
    page = PageFactory(failed=True, error=message)
    assert run("reset_pages", "--errors", "--all").endswith("and 1 Error pages (all)")
    assert statuses() == {page.pk: "Queued"}


def test_a_rate_limit_counts_as_transient():
    page = PageFactory(failed=True, error="HTTP 429: Too Many Requests")
    run("reset_pages", "--errors")
    assert statuses() == {page.pk: "Queued"}


def test_dry_run_changes_nothing():
    PageFactory(stuck=True)
    PageFactory(failed=True)
    out = run("reset_pages", "--errors", "--dry-run", "--stuck-minutes", "10")
    assert out == (
        "would re-queue 1 stuck pages (no heartbeat for 10 min) and 1 Error pages (transient)"
    )
    assert not Page.objects.filter(page_processing_status="Queued").exists()


def test_a_fresh_heartbeat_on_an_old_claim_is_not_stuck():
    page = PageFactory(processing=True, processing_started_at=timezone.now() - timedelta(hours=2))
    run("reset_pages", "--stuck-minutes", "1")
    assert statuses() == {page.pk: "Processing"}


def test_nonsense_is_refused():
    with pytest.raises(Exception, match="cannot be negative"):
        run("reset_pages", "--stuck-minutes", "-1")
