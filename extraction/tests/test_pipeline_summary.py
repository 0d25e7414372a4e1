import pytest

from contacts.tests.factories import ContactFactory
from extraction.selectors import pipeline_summary
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_counts_every_status_and_the_trouble():
    PageFactory()
    PageFactory(page_curation_status="Selected")
    PageFactory(stuck=True)
    for message in ["HTTP 404: not found", "HTTP 404: gone", "Timeout: after 70 s"]:
        PageFactory(failed=True, error=message)
    done = PageFactory(complete=True)
    PageFactory(complete=True, found=False)
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
