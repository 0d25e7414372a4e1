"""Who may call what: no credentials 401; reading needs the model's view permission
(``pages.view_page``, ``contacts.view_contact``), changing needs ``pages.change_page``, as in the
admin; the "API readers" and "Curators" groups; token and session authentication both work."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from contacts.tests.factories import ContactFactory
from pages.models import Page
from pages.tests.factories import PageFactory
from wf7.tests.api_clients import token_client

pytestmark = pytest.mark.django_db

READS = [
    ("/api/v3/pages", "pages.view_page"),
    ("/api/v3/pages/{page}", "pages.view_page"),
    ("/api/v3/contacts", "contacts.view_contact"),
    ("/api/v3/contacts/export", "contacts.view_contact"),
    ("/api/v3/pipeline", "pages.view_page"),
]


def writes(page):
    body = {"page_ids": [str(page.pk)], "status": "Selected"}
    return [
        ("put", "/api/v3/pages/status", body),
        ("put", "/api/v2/pages/status", {**body, "status": "Queued"}),
        ("post", "/api/v3/pages", {"urls": ["https://new.example.org/"], "select": True}),
    ]


def call(client, method, url, body):
    return getattr(client, method)(url, body, format="json")


def unchanged(page) -> bool:
    page.refresh_from_db()
    return page.page_curation_status == "New" and Page.objects.count() == 1


@pytest.fixture
def page():
    page = PageFactory()
    ContactFactory(page=page, domain=page.domain)
    return page


@pytest.mark.parametrize("url", [url for url, _ in READS])
def test_reading_without_credentials_is_401(anonymous_client, page, url):
    response = anonymous_client.get(url.format(page=page.pk))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "errors": {"detail": ["Authentication credentials were not provided."]}
    }


def test_writing_without_credentials_is_401_and_changes_nothing(anonymous_client, page):
    for method, url, body in writes(page):
        assert call(anonymous_client, method, url, body).status_code == 401, url
    assert unchanged(page)


@pytest.mark.parametrize("url, permission", READS)
def test_reading_without_the_view_permission_is_403(nobody_client, page, url, permission):
    response = nobody_client.get(url.format(page=page.pk))

    assert response.status_code == 403
    assert response.json() == {
        "errors": {"detail": [f"You need the {permission} permission to read this."]}
    }


@pytest.mark.parametrize("url, permission", READS)
def test_the_view_permission_alone_reads_that_model(django_user_model, page, url, permission):
    user = django_user_model.objects.create_user("one-permission")
    app_label, codename = permission.split(".")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    other_reads = [other for other, needed in READS if needed != permission]
    client = token_client(user)

    assert client.get(url.format(page=page.pk)).status_code == 200
    for other in other_reads:
        assert client.get(other.format(page=page.pk)).status_code == 403, other


@pytest.mark.parametrize("url", [url for url, _ in READS])
def test_a_reader_reads(reader_client, page, url):
    assert reader_client.get(url.format(page=page.pk)).status_code == 200


def group_member(django_user_model, group: str):
    user = django_user_model.objects.create_user(f"member of {group}")
    user.groups.add(Group.objects.get(name=group))
    return token_client(user)


def test_the_api_readers_group_reads_everything_and_changes_nothing(django_user_model, page):
    client = group_member(django_user_model, "API readers")

    for url, _ in READS:
        assert client.get(url.format(page=page.pk)).status_code == 200, url
    for method, url, body in writes(page):
        assert call(client, method, url, body).status_code == 403, url
    assert unchanged(page)


def test_the_api_readers_group_has_exactly_the_view_permissions():
    permissions = Group.objects.get(name="API readers").permissions.all()
    assert sorted(f"{p.content_type.app_label}.{p.codename}" for p in permissions) == [
        "contacts.view_contact",
        "contacts.view_socialprofile",
        "pages.view_domain",
        "pages.view_page",
    ]


def test_the_curators_group_reads_and_writes(django_user_model, page):
    client = group_member(django_user_model, "Curators")

    for url, _ in READS:
        assert client.get(url.format(page=page.pk)).status_code == 200, url
    for method, url, body in writes(page):
        assert call(client, method, url, body).status_code in (200, 201), url
    page.refresh_from_db()
    assert page.page_curation_status == "Selected"


def test_a_user_without_the_permission_cannot_write(reader_client, page):
    for method, url, body in writes(page):
        response = call(reader_client, method, url, body)
        assert response.status_code == 403, url
        assert "pages.change_page" in response.json()["errors"]["detail"][0]
    assert unchanged(page)


def test_a_user_with_the_permission_writes(curator_client, page):
    for method, url, body in writes(page):
        assert call(curator_client, method, url, body).status_code in (200, 201), url
    page.refresh_from_db()
    assert page.page_curation_status == "Selected"
    assert Page.objects.filter(url="https://new.example.org/").exists()


def test_a_superuser_writes(django_user_model, page):
    client = token_client(django_user_model.objects.create_superuser("root"))

    response = call(client, *writes(page)[0])

    assert response.status_code == 200


def test_a_group_permission_counts(django_user_model, page):
    group = Group.objects.create(name="api curators")
    group.permissions.add(Permission.objects.get(codename="change_page"))
    user = django_user_model.objects.create_user("member")
    user.groups.add(group)

    assert call(token_client(user), *writes(page)[0]).status_code == 200


def test_a_wrong_token_is_401(page):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert client.get("/api/v3/pages").status_code == 401
    assert call(client, *writes(page)[0]).status_code == 401
    assert unchanged(page)


def test_an_inactive_users_token_is_401(curator, page):
    client = token_client(curator)
    curator.is_active = False
    curator.save()

    assert client.get("/api/v3/pages").status_code == 401
    assert call(client, *writes(page)[0]).status_code == 401
    assert unchanged(page)


def test_session_authentication_reads_and_writes(curator, page):
    client = APIClient()
    client.force_login(curator)

    assert client.get("/api/v3/pages").status_code == 200
    assert call(client, *writes(page)[0]).status_code == 200


def test_session_reader_cannot_write(reader, page):
    client = APIClient()
    client.force_login(reader)

    assert client.get("/api/v3/pipeline").status_code == 200
    assert call(client, *writes(page)[0]).status_code == 403
    assert unchanged(page)


def test_an_inactive_session_user_is_401(curator, page):
    client = APIClient()
    client.force_login(curator)
    curator.is_active = False
    curator.save()

    assert client.get("/api/v3/pages").status_code == 401


def test_session_writes_need_the_csrf_token(curator, page):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(curator)

    response = call(client, *writes(page)[0])

    assert response.status_code == 403
    assert "CSRF" in response.json()["errors"]["detail"][0]
    assert unchanged(page)


def test_drf_create_token_makes_a_working_token(curator, page):
    call_command("drf_create_token", curator.username)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get(user=curator).key}")

    assert call(client, *writes(page)[0]).status_code == 200
