import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder

from contacts.tests.factories import ContactFactory
from extraction.selectors import pipeline_summary
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pipeline():
    PageFactory()
    PageFactory(page_curation_status="Selected")
    PageFactory(page_curation_status="Archived")
    long_ago = datetime(2025, 1, 1, tzinfo=UTC)
    PageFactory.create_batch(2, failed=True, error="HTTP 404: gone", processed_at=long_ago)
    done = PageFactory(complete=True, processed_at=datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC))
    ContactFactory.create_batch(2, page=done, domain=done.domain)


def test_the_pipeline_numbers(reader_client, pipeline):
    body = reader_client.get("/api/v3/pipeline").json()

    assert body["pages"] == 6
    assert body["curation_status"] == {"New": 1, "Selected": 4, "Archived": 1}
    assert body["processing_status"]["Error"] == 2
    assert body["queue_depth"] == 1
    assert body["errors_by_reason"] == [{"reason": "HTTP 404", "count": 2}]
    assert body["contacts"] == 2
    assert body["last_processed_at"] == "2025-03-04T05:06:07Z"


def test_the_endpoint_serves_the_selector_as_it_is(reader_client, pipeline):
    expected = json.loads(json.dumps(pipeline_summary(), cls=DjangoJSONEncoder))

    assert reader_client.get("/api/v3/pipeline").json() == expected


def test_the_endpoint_matches_audit_pages(reader_client, pipeline):
    out = StringIO()
    with pytest.raises(SystemExit):  # the fixture's stuck page makes it exit 1
        call_command("audit_pages", "--json", stdout=out)
    printed = json.loads(out.getvalue())
    printed.pop("health")

    assert reader_client.get("/api/v3/pipeline").json() == printed


def test_stuck_pages_show(reader_client):
    PageFactory(stuck=True)

    assert reader_client.get("/api/v3/pipeline").json()["stuck"] == 1
