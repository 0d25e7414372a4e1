"""Fixtures for API tests: users with and without the permission to change pages, and clients
that authenticate as them with a token (as API clients do)."""

import pytest
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def reader(django_user_model):
    """Active, but without ``pages.change_page``: may read, may not change."""
    return django_user_model.objects.create_user("reader")


@pytest.fixture
def curator(django_user_model):
    user = django_user_model.objects.create_user("curator")
    user.user_permissions.add(Permission.objects.get(codename="change_page"))
    return user


@pytest.fixture
def anonymous_client():
    return APIClient()


@pytest.fixture
def reader_client(reader):
    return token_client(reader)


@pytest.fixture
def curator_client(curator):
    return token_client(curator)
