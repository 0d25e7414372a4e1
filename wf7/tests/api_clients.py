"""Fixtures for API tests: users with no permission, with the read permissions, and with the
permission to change pages, and clients that authenticate as them with a token (as API clients
do)."""

import pytest
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

READ_PERMISSIONS = [
    ("pages", "view_page"),
    ("contacts", "view_contact"),
    ("contacts", "view_socialprofile"),
]


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def grant(user, permissions: list[tuple[str, str]]) -> None:
    user.user_permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in permissions
        ]
    )


@pytest.fixture
def nobody(django_user_model):
    """Active, with no permission at all: authenticated, but may read nothing."""
    return django_user_model.objects.create_user("nobody")


@pytest.fixture
def reader(django_user_model):
    """May read pages, the pipeline and contacts; may not change anything."""
    user = django_user_model.objects.create_user("reader")
    grant(user, READ_PERMISSIONS)
    return user


@pytest.fixture
def curator(django_user_model):
    user = django_user_model.objects.create_user("curator")
    grant(user, [*READ_PERMISSIONS, ("pages", "change_page")])
    return user


@pytest.fixture
def anonymous_client():
    return APIClient()


@pytest.fixture
def nobody_client(nobody):
    return token_client(nobody)


@pytest.fixture
def reader_client(reader):
    return token_client(reader)


@pytest.fixture
def curator_client(curator):
    return token_client(curator)
