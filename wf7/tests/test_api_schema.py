"""The API against its own OpenAPI schema: schemathesis generates valid and invalid requests for
every operation, and no response may be a 5xx or stray from the schema."""

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from contacts.tests.factories import ContactFactory, SocialProfileFactory
from pages.tests.factories import PageFactory
from wf7.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def token(db, django_user_model):
    """Some rows to find, and a superuser's token: every operation gets past the permissions."""
    for page in PageFactory.create_batch(3):
        contact = ContactFactory(page=page, domain=page.domain, name="=cmd|' /C calc'!A0")
        SocialProfileFactory(page=page, domain=page.domain, contact=contact)
    user = django_user_model.objects.create_superuser("fuzz")
    # As Django's test client does: a request must not close the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield Token.objects.create(user=user).key
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


def test_the_schema_is_public_json_or_yaml(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {
        "/api/v3/pages/status",
        "/api/v2/pages/status",
        "/api/v3/pages",
        "/api/v3/pages/{id}",
        "/api/v3/contacts",
        "/api/v3/contacts/export",
        "/api/v3/social-profiles",
        "/api/v3/social-profiles/export",
        "/api/v3/pipeline",
    } <= set(paths)


def test_the_docs_load_their_assets_from_the_app_itself(client):
    html = client.get("/api/docs/").content.decode()

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
