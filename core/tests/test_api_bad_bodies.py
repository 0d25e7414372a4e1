"""Bodies no client should send: nested thousands deep, or over the upload limit. Each is the
API's JSON 400 under ``errors.body``, and nothing is written."""

import json

import pytest
from django.test import override_settings

from pages.models import Page
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000 + "]" * 100_000
DEEP_IN_A_FIELD = '{"urls": ' + "[" * 50_000 + "]" * 50_000 + ', "select": true}'


def send(client, method, url, body: str | bytes):
    return getattr(client, method)(url, body, content_type="application/json")


def body_error(response) -> str:
    assert response.status_code == 400, response.content[:200]
    assert response["Content-Type"] == "application/json"
    (message,) = response.json()["errors"]["body"]
    return message


@pytest.mark.parametrize("body", [DEEP, DEEP_IN_A_FIELD])
@pytest.mark.parametrize(
    "method, url", [("post", "/api/v3/pages"), ("put", "/api/v3/pages/status")]
)
def test_json_nested_thousands_deep_is_a_400(curator_client, method, url, body):
    assert body_error(send(curator_client, method, url, body)) == (
        "JSON parse error - nested too deep."
    )
    assert not Page.objects.exists()


def test_the_token_endpoint_refuses_deep_json_too(anonymous_client):
    assert "nested too deep" in body_error(send(anonymous_client, "post", "/api/v3/token", DEEP))


def urls_body(size: int) -> str:
    """A valid request to create pages, padded with spaces to ``size`` bytes."""
    body = '{"urls": ["https://big.example.org/"], "select": false}'
    return body + " " * (size - len(body))


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_upload_limit_is_a_400(curator_client):
    response = send(curator_client, "post", "/api/v3/pages", urls_body(1001))

    assert body_error(response) == "The body is larger than 1000 bytes."
    assert not Page.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_of_exactly_the_limit_is_read(curator_client):
    response = send(curator_client, "post", "/api/v3/pages", urls_body(1000))

    assert response.status_code == 201
    assert Page.objects.filter(url="https://big.example.org/").exists()


def test_the_default_limit_applies(curator_client, settings):
    page = PageFactory()
    body = json.dumps({"page_ids": [str(page.pk)], "status": "Selected"})
    padded = body + " " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1 - len(body))

    message = body_error(send(curator_client, "put", "/api/v3/pages/status", padded))

    assert message == f"The body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes."
    page.refresh_from_db()
    assert page.page_curation_status == "New"


@pytest.mark.parametrize("body", [b"\xff\xfe{", b'{"urls": ["\xc3"]}', b"NaN", b"{'urls': []}"])
def test_undecodable_or_invalid_json_is_a_400(curator_client, body):
    assert body_error(send(curator_client, "post", "/api/v3/pages", body)).startswith(
        "JSON parse error - "
    )
