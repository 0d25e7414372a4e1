"""The admin's add and change forms: the URL in its normal form, the domain derived from it."""

import pytest
from django.urls import reverse

from pages.models import Domain, Page
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:pages_page_add")


def management(client, address) -> dict:
    """The inline formsets' management fields, as the form on the page sends them."""
    data = {}
    for formset in client.get(address).context["inline_admin_formsets"]:
        form = formset.formset.management_form
        data.update({form.add_prefix(name): value for name, value in form.initial.items()})
    return data


def submit(client, address, **fields):
    return client.post(address, {**management(client, address), **fields})


def form_errors(response) -> list[str]:
    return response.context["adminform"].form.errors.get("url", [])


def test_adding_a_page_stores_the_normal_form_and_derives_the_domain(staff_client):
    response = submit(
        staff_client, ADD, url="HTTPS://MÜNCHEN.de:443/a/../Team#people", page_curation_status="New"
    )

    assert response.status_code == 302
    page = Page.objects.get()
    assert page.url == "https://xn--mnchen-3ya.de/Team"
    assert page.domain == Domain.objects.get(name="xn--mnchen-3ya.de")


def test_changing_the_url_moves_the_page_to_its_new_domain(staff_client):
    page = PageFactory(url="https://old.example.org/x", domain__name="old.example.org")

    response = submit(
        staff_client,
        reverse("admin:pages_page_change", args=[page.pk]),
        url="https://New.Example.org/x",
        page_curation_status="New",
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.url, page.domain.name) == ("https://new.example.org/x", "new.example.org")


@pytest.mark.parametrize(
    "url, message",
    [
        ("https://example.org/" + "ü" * 3000, "longer than 2,000 bytes once encoded"),
        ("https://faß.de/", "the host faß.de is a different name under IDNA 2003"),
        ("https://user:pw@example.org/", "credentials in URLs are not accepted"),
        ("ftp://example.org/", "scheme must be http or https"),
        ("https://example.org/\x00", "Null characters are not allowed."),
    ],
)
def test_a_bad_url_is_a_form_error_and_saves_nothing(staff_client, url, message):
    response = submit(staff_client, ADD, url=url, page_curation_status="New")

    assert response.status_code == 200
    assert form_errors(response)[0].startswith(message)
    assert not Page.objects.exists()
    assert not Domain.objects.exists()


def test_another_spelling_of_a_known_url_is_a_duplicate(staff_client):
    PageFactory(url="https://example.org/team", domain__name="example.org")

    response = submit(
        staff_client, ADD, url="https://EXAMPLE.org:443/team#x", page_curation_status="New"
    )

    assert response.status_code == 200
    assert form_errors(response) == ["Page with this Url already exists."]
    assert Page.objects.count() == 1


def test_the_domain_is_shown_not_edited(staff_client):
    page = PageFactory()

    form = (
        staff_client.get(reverse("admin:pages_page_change", args=[page.pk]))
        .context["adminform"]
        .form
    )

    assert "domain" not in form.fields
    assert set(form.fields) == {"url", "page_curation_status"}
