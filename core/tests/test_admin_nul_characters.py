"""NUL characters (which PostgreSQL cannot hold) and other junk in the admin's list filters,
search and object ids: the filter is dropped with a message, or the list is empty, or a 404 —
never a 500."""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.urls import reverse

from contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def list_parameters(model_admin) -> set[str]:
    """The search box and every list filter's parameter, as the admin's links spell them."""
    names = {"q", "o", "p"}
    for list_filter in model_admin.list_filter:
        if isinstance(list_filter, str):
            names |= {list_filter, f"{list_filter}__exact", f"{list_filter}__gte"}
        elif isinstance(list_filter, tuple):
            names.add(list_filter[0])
        else:
            names.add(list_filter.parameter_name)
    return names


def changelists(only: str = ""):
    for model, model_admin in admin.site._registry.items():
        if only and only != model._meta.label_lower:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for name in sorted(list_parameters(model_admin)):
            yield url, name


@pytest.fixture
def staff(staff_client):
    ContactFactory()
    staff_client.raise_request_exception = False
    return staff_client


REGISTERED = sorted(model._meta.label_lower for model in admin.site._registry)


@pytest.mark.parametrize("model", REGISTERED)
def test_a_nul_in_a_filter_is_dropped_with_a_message(staff, model):
    for url, name in changelists(model):
        response = staff.get(url, {name: "a\x00b", "keep": "1"})

        assert response.status_code == 302, name
        assert response["Location"] == f"{url}?keep=1"
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        assert messages[-1] == f"Ignored {name}: a filter or search cannot hold a NUL character."


def test_the_list_shows_the_message_after_the_redirect(staff):
    url = reverse("admin:pages_page_changelist")

    response = staff.get(url, {"domain": "\x00"}, follow=True)

    assert response.status_code == 200
    assert "cannot hold a NUL character" in response.content.decode()


@pytest.mark.parametrize("model", REGISTERED)
def test_other_junk_in_a_filter_is_never_a_500(staff, model):
    for url, name in changelists(model):
        for junk in ["\x01\x7f", "%", "\\", "'", "x" * 5000, "\ufffd"]:
            assert staff.get(url, {name: junk}).status_code in (200, 302), (name, junk)


@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_a_nul_in_an_object_id_is_a_404(staff, view):
    for model in admin.site._registry:
        path = f"/admin/{model._meta.app_label}/{model._meta.model_name}/a%00b/{view}/"
        assert staff.get(path).status_code == 404, path


def test_a_post_with_a_nul_in_the_address_is_a_400(staff):
    url = reverse("admin:pages_page_changelist")

    assert staff.post(f"{url}?domain=%00", {"action": "archive"}).status_code == 400


def test_the_autocomplete_drops_a_nul(staff):
    response = staff.get("/admin/autocomplete/", {"term": "\x00", "app_label": "pages"})

    assert response.status_code == 302


def test_the_api_is_left_to_its_own_validation(reader_client):
    response = reader_client.get("/api/v3/pages", {"domain": "\x00"})

    assert response.status_code == 400
    assert response.json()["errors"]["domain"] == ["Null characters are not allowed."]
