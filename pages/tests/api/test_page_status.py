import json
import uuid

import pytest

from pages.models import Page
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db

V3 = "/api/v3/pages/status"
V2 = "/api/v2/pages/status"


def state():
    """Every page's statuses, to show that a refused request changed nothing."""
    return list(
        Page.objects.order_by("pk").values_list(
            "pk",
            "page_curation_status",
            "page_processing_status",
            "page_processing_error",
            "updated_at",
        )
    )


def put(client, url, body):
    return client.put(url, body, format="json")


def test_selecting_queues_the_pages(curator_client):
    pages = PageFactory.create_batch(2)
    untouched = PageFactory()

    response = put(
        curator_client, V3, {"page_ids": [str(p.pk) for p in pages], "status": "Selected"}
    )

    assert response.status_code == 200
    assert response.json() == {"updated_count": 2, "queued_count": 2}
    assert set(
        Page.objects.filter(pk__in=[p.pk for p in pages]).values_list(
            "page_curation_status", "page_processing_status"
        )
    ) == {("Selected", "Queued")}
    untouched.refresh_from_db()
    assert (untouched.page_curation_status, untouched.page_processing_status) == ("New", None)


def test_archiving_queues_nothing(curator_client):
    page = PageFactory()

    response = put(curator_client, V3, {"page_ids": [str(page.pk)], "status": "Archived"})

    assert response.json() == {"updated_count": 1, "queued_count": 0}
    page.refresh_from_db()
    assert (page.page_curation_status, page.page_processing_status) == ("Archived", None)


def test_reselecting_queues_again_and_clears_the_error(curator_client):
    pages = PageFactory.create_batch(3, failed=True, error="HTTP 500: boom")
    ids = [str(p.pk) for p in pages]

    response = put(curator_client, V3, {"page_ids": [*ids, ids[0]], "status": "Selected"})

    assert response.json() == {"updated_count": 3, "queued_count": 3}
    assert set(Page.objects.values_list("page_processing_status", "page_processing_error")) == {
        ("Queued", "")
    }


def test_unknown_ids_refuse_the_whole_batch(curator_client):
    page = PageFactory()
    missing = str(uuid.uuid4())
    before = state()

    response = put(curator_client, V3, {"page_ids": [str(page.pk), missing], "status": "Selected"})

    assert response.status_code == 400
    body = response.json()
    assert body["unknown_page_ids"] == [missing]
    assert missing in body["errors"]["page_ids"][0]
    assert str(page.pk) not in body["errors"]["page_ids"][0]
    assert state() == before


def test_v2_accepts_queued_as_the_old_trigger(curator_client):
    page = PageFactory()

    response = put(curator_client, V2, {"page_ids": [str(page.pk)], "status": "Queued"})

    assert response.status_code == 200
    assert response.json() == {"updated_count": 1, "queued_count": 1}
    page.refresh_from_db()
    assert (page.page_curation_status, page.page_processing_status) == ("Selected", "Queued")


@pytest.mark.parametrize("status", ["New", "Selected", "Archived"])
def test_v2_takes_the_v3_statuses_too(curator_client, status):
    page = PageFactory()

    response = put(curator_client, V2, {"page_ids": [str(page.pk)], "status": status})

    assert response.status_code == 200
    page.refresh_from_db()
    assert page.page_curation_status == status


def test_v3_refuses_the_v2_queued(curator_client):
    page = PageFactory()

    response = put(curator_client, V3, {"page_ids": [str(page.pk)], "status": "Queued"})

    assert response.status_code == 400
    assert "status" in response.json()["errors"]
    page.refresh_from_db()
    assert page.page_curation_status == "New"


def test_a_batch_of_exactly_the_limit_is_accepted(curator_client, settings):
    settings.API_MAX_BATCH = 3
    pages = PageFactory.create_batch(3)

    response = put(
        curator_client, V3, {"page_ids": [str(p.pk) for p in pages], "status": "Archived"}
    )

    assert response.json() == {"updated_count": 3, "queued_count": 0}


BAD_BODIES = {
    "missing page_ids": ({"status": "Selected"}, "page_ids", "required"),
    "missing status": ({"page_ids": ["PAGE"]}, "status", "required"),
    "empty list": ({"page_ids": [], "status": "Selected"}, "page_ids", "empty"),
    "page_ids not a list": ({"page_ids": "PAGE", "status": "Selected"}, "page_ids", "list"),
    "non-UUID id": ({"page_ids": ["PAGE", "page-7"], "status": "Selected"}, "page_ids", "UUID"),
    "integer id": ({"page_ids": [7], "status": "Selected"}, "page_ids", "UUID"),
    "hex without dashes": (
        {"page_ids": ["0" * 32], "status": "Selected"},
        "page_ids",
        "UUID",
    ),
    "unknown status": ({"page_ids": ["PAGE"], "status": "Done"}, "status", "valid choice"),
    "null status": ({"page_ids": ["PAGE"], "status": None}, "status", "null"),
    "too many ids": ({"page_ids": ["PAGE", "X", "X"], "status": "Selected"}, "page_ids", "2"),
    "not an object": (["PAGE"], "non_field_errors", "dictionary"),
}


@pytest.mark.parametrize("url", [V3, V2])
@pytest.mark.parametrize("case", BAD_BODIES, ids=list(BAD_BODIES))
def test_a_bad_body_is_a_400_naming_the_field_and_changes_nothing(
    curator_client, settings, url, case
):
    settings.API_MAX_BATCH = 2
    page = PageFactory()
    body, field, message = BAD_BODIES[case]
    text = json.dumps(body).replace('"PAGE"', f'"{page.pk}"').replace('"X"', f'"{uuid.uuid4()}"')
    before = state()

    response = curator_client.put(url, text, content_type="application/json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert message.lower() in json.dumps(errors[field]).lower()
    assert state() == before


def test_the_bad_index_is_named(curator_client):
    page = PageFactory()

    response = put(curator_client, V3, {"page_ids": [str(page.pk), "nope"], "status": "Selected"})

    assert response.json()["errors"] == {"page_ids": {"1": ["Must be a valid UUID."]}}


@pytest.mark.parametrize("url", [V3, V2])
def test_malformed_json_is_a_400_and_changes_nothing(curator_client, url):
    page = PageFactory()
    before = state()

    response = curator_client.put(
        url, f'{{"page_ids": ["{page.pk}"], "status": "Selected"', content_type="application/json"
    )

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["errors"]["body"][0]
    assert state() == before


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_a_wrong_content_type_is_a_400_and_changes_nothing(curator_client, content_type):
    page = PageFactory()
    before = state()
    body = json.dumps({"page_ids": [str(page.pk)], "status": "Selected"})

    response = curator_client.put(V3, body, content_type=content_type)

    assert response.status_code == 400
    message = response.json()["errors"]["content_type"][0]
    assert content_type in message and "application/json" in message
    assert state() == before


def test_no_body_at_all_names_the_missing_fields(curator_client):
    response = curator_client.put(V3)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"page_ids", "status"}
