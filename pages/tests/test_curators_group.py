import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from contacts.tests.factories import ContactFactory
from pages.models import Page
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(client, django_user_model):
    user = django_user_model.objects.create_user("curator", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    return client


def test_the_migration_gives_curators_exactly_these_permissions():
    permissions = Group.objects.get(name="Curators").permissions.all()
    assert sorted(f"{p.content_type.app_label}.{p.codename}" for p in permissions) == [
        "contacts.view_contact",
        "contacts.view_socialprofile",
        "pages.add_page",
        "pages.change_page",
        "pages.view_domain",
        "pages.view_page",
    ]


def test_a_curator_can_do_the_daily_work(curator_client):
    page = PageFactory()
    ContactFactory(page=page)
    for name in [
        "admin:pages_page_changelist",
        "admin:pages_domain_changelist",
        "admin:contacts_contact_changelist",
        "admin:contacts_socialprofile_changelist",
        "admin:pages_page_import",
        "pipeline_dashboard",
    ]:
        assert curator_client.get(reverse(name)).status_code == 200, name
    response = curator_client.post(
        reverse("admin:pages_page_changelist"),
        {"action": "select_for_extraction", "_selected_action": [page.pk]},
        follow=True,
    )
    assert "1 selected, 1 queued." in response.content.decode()
    actions = response.context["action_form"].fields["action"].choices
    assert "delete_selected" not in {name for name, _ in actions}


def test_a_curator_cannot_delete_or_manage_users(curator_client):
    page = PageFactory()
    assert (
        curator_client.post(
            reverse("admin:pages_page_delete", args=[page.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Page.objects.filter(pk=page.pk).exists()
    assert curator_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert curator_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    contact = ContactFactory()
    assert (
        curator_client.get(reverse("admin:contacts_contact_delete", args=[contact.pk])).status_code
        == 403
    )
