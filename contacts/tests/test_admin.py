import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.export import COLUMNS, PROFILE_COLUMNS
from contacts.tests.factories import ContactFactory, SocialProfileFactory
from pages.tests.factories import DomainFactory, PageFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:contacts_contact_changelist"


def listed(client, query=""):
    response = client.get(reverse(CHANGELIST) + query)
    return {contact.email for contact in response.context["cl"].result_list}


def test_search_on_email_name_and_phone(staff_client):
    ContactFactory(email="jane@acme.example.org", name="Jane Roe", phone_number="+14155550100")
    ContactFactory(email="sales@beta.example.org", name="", phone_number="+442079460000")
    assert listed(staff_client, "?q=jane@") == {"jane@acme.example.org"}
    assert listed(staff_client, "?q=Roe") == {"jane@acme.example.org"}
    assert listed(staff_client, "?q=2079460000") == {"sales@beta.example.org"}


def test_filters_on_domain_and_date(staff_client):
    acme = PageFactory(domain=DomainFactory(name="acme.example.org"))
    ContactFactory(page=acme, email="a@acme.example.org")
    ContactFactory(email="b@beta.example.org")
    assert listed(staff_client, "?domain=acme.example.org") == {"a@acme.example.org"}
    assert listed(staff_client, "?domain=nowhere.example.org") == set()
    assert len(listed(staff_client, "?created_at__gte=2000-01-01+00%3A00%3A00%2B00%3A00")) == 2
    assert listed(staff_client, "?created_at__lt=2000-01-01+00%3A00%3A00%2B00%3A00") == set()


def test_the_list_links_to_the_source_page_in_a_fixed_number_of_queries(staff_client):
    contact = ContactFactory()
    ContactFactory.create_batch(60)
    with CaptureQueriesContext(connection) as queries:
        content = staff_client.get(reverse(CHANGELIST)).content.decode()
    assert len(queries) <= 6
    assert reverse("admin:pages_page_change", args=[contact.page_id]) in content
    assert f'href="{contact.source_url}" target="_blank"' in content


def test_export_to_csv_uses_the_shared_exporter(staff_client):
    chosen = ContactFactory(email="jane@acme.example.org", name="=HYPERLINK()")
    ContactFactory(email="other@beta.example.org")
    response = staff_client.post(
        reverse(CHANGELIST), {"action": "export_csv", "_selected_action": [chosen.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="contacts-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == COLUMNS
    assert len(rows) == 2
    assert rows[1][0] == "jane@acme.example.org"
    assert rows[1][1] == "'=HYPERLINK()"


def test_the_list_shows_position_and_filters_on_still_on_page(staff_client):
    ContactFactory(email="jane@acme.example.org", position="Managing Partner")
    ContactFactory(email="gone@acme.example.org", still_on_page=False)
    assert "Managing Partner" in staff_client.get(reverse(CHANGELIST)).content.decode()
    assert listed(staff_client, "?still_on_page__exact=0") == {"gone@acme.example.org"}
    assert listed(staff_client, "?q=managing") == {"jane@acme.example.org"}


def test_social_profiles_list_filter_and_export(staff_client):
    jane = ContactFactory(email="jane@acme.example.org")
    mine = SocialProfileFactory(page=jane.page, domain=jane.domain, contact=jane, handle="in/jane")
    SocialProfileFactory(network="github", handle="octo", url="https://github.com/octo")
    changelist = reverse("admin:contacts_socialprofile_changelist")

    content = staff_client.get(changelist).content.decode()
    assert 'href="https://www.linkedin.com/in/jane" target="_blank"' in content
    assert reverse("admin:pages_page_change", args=[mine.page_id]) in content
    response = staff_client.get(changelist + "?network__exact=github")
    assert [p.handle for p in response.context["cl"].result_list] == ["octo"]
    response = staff_client.get(changelist + f"?domain={jane.domain.name}")
    assert [p.handle for p in response.context["cl"].result_list] == ["in/jane"]

    response = staff_client.post(
        changelist, {"action": "export_csv", "_selected_action": [mine.pk]}
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == PROFILE_COLUMNS
    assert [row[2] for row in rows[1:]] == ["in/jane"]


def test_social_profiles_are_not_added_or_edited_in_the_admin(staff_client):
    profile = SocialProfileFactory()
    assert staff_client.get(reverse("admin:contacts_socialprofile_add")).status_code == 403
    change = reverse("admin:contacts_socialprofile_change", args=[profile.pk])
    response = staff_client.post(change, {"handle": "company/other"})
    assert response.status_code == 403
    profile.refresh_from_db()
    assert profile.handle != "company/other"


def test_profiles_show_on_the_contact_page_and_domain_views(staff_client):
    jane = ContactFactory(email="jane@acme.example.org")
    SocialProfileFactory(page=jane.page, domain=jane.domain, contact=jane, handle="in/jane")
    views = [
        reverse("admin:contacts_contact_change", args=[jane.pk]),
        reverse("admin:pages_page_change", args=[jane.page_id]),
        reverse("admin:pages_domain_change", args=[jane.domain_id]),
    ]
    for url in views:
        content = staff_client.get(url).content.decode()
        assert "https://www.linkedin.com/in/jane" in content, url
        assert 'name="social_profiles-0-handle"' not in content, url  # read-only
    domains = staff_client.get(reverse("admin:pages_domain_changelist")).content.decode()
    profiles_link = f"{reverse('admin:contacts_socialprofile_changelist')}?domain={jane.domain}"
    assert f'href="{profiles_link}">1<' in domains
