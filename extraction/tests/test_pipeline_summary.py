from datetime import timedelta

import pytest
from django.utils import timezone

from contacts.tests.factories import ContactFactory
from extraction.selectors import pipeline_summary
from pages.models import Page
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_counts_every_status_and_the_trouble():
    PageFactory()
    PageFactory(page_curation_status="Selected")
    stuck = PageFactory(page_curation_status="Selected")
    Page.objects.filter(pk=stuck.pk).update(
        page_processing_status="Processing",
        processing_heartbeat_at=timezone.now() - timedelta(hours=2),
    )
    for message in ["HTTP 404: not found", "HTTP 404: gone", "Timeout: after 70 s"]:
        failed = PageFactory(page_curation_status="Selected")
        Page.objects.filter(pk=failed.pk).update(
            page_processing_status="Error", page_processing_error=message
        )
    done = PageFactory(complete=True)
    empty = PageFactory(complete=True)
    Page.objects.filter(pk=empty.pk).update(contact_scrape_status="NoContactFound")
    ContactFactory(page=done, domain=done.domain)

    summary = pipeline_summary()

    assert summary["pages"] == 8
    assert summary["curation_status"] == {"New": 1, "Selected": 7, "Archived": 0}
    assert summary["processing_status"] == {
        "Queued": 1,
        "Processing": 1,
        "Complete": 2,
        "Error": 3,
        "none": 1,
    }
    assert summary["queue_depth"] == 1
    assert summary["stuck"] == 1
    assert summary["orphans"] == 0
    assert summary["errors_by_reason"] == [
        {"reason": "HTTP 404", "count": 2},
        {"reason": "Timeout", "count": 1},
    ]
    assert summary["contacts"] == 1
    assert summary["complete_without_contacts"] == 1
    assert summary["last_processed_at"] is not None
