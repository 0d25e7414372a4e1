"""The domain admin: both statuses as badges, robots.txt state, the actions, the candidates, and
the import page."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from pages.models import Domain, Page

pytestmark = pytest.mark.django_db


def run_action(client, action, domains):
    return client.post(
        reverse("admin:pages_domain_changelist"),
        {"action": action, "_selected_action": [d.pk for d in domains]},
        follow=True,
    )


def test_the_list_shows_both_statuses_and_robots(staff_client):
    Domain.objects.create(name="a.example", domain_curation_status="Selected")
    Domain.objects.create(name="b.example", robots_status="Missing")
    response = staff_client.get(reverse("admin:pages_domain_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "wf7-badge-selected" in html and "wf7-badge-queued" in html
    assert "none (allow all)" in html
    assert reverse("admin:pages_domain_import") in html


def test_discover_pages_action_queues_and_audits(staff_client):
    domains = [Domain.objects.create(name=f"d{n}.example") for n in range(2)]
    response = run_action(staff_client, "discover_pages", domains)
    assert "2 selected, 2 queued for discovery." in response.content.decode()
    assert Domain.objects.filter(discovery_status="Queued").count() == 2
    assert LogEntry.objects.count() == 2


def test_archive_action(staff_client):
    domain = Domain.objects.create(name="a.example", domain_curation_status="Selected")
    response = run_action(staff_client, "archive", [domain])
    assert "1 archived." in response.content.decode()
    domain.refresh_from_db()
    assert (domain.domain_curation_status, domain.discovery_status) == ("Archived", None)


def test_the_domain_view_lists_candidates_best_first(staff_client):
    domain = Domain.objects.create(name="a.example")
    # The best made first: newest-first (the lists' default) would show it last.
    Page.objects.create(
        domain=domain, url="https://a.example/kontakt", discovery_score=12, page_kind="contact"
    )
    Page.objects.create(
        domain=domain, url="https://a.example/about", discovery_score=6, page_kind="about"
    )
    response = staff_client.get(reverse("admin:pages_domain_change", args=[domain.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("https://a.example/kontakt") < html.index("https://a.example/about")
    link = html.split("scored pages, with the page actions")[0].rsplit('href="', 1)[1].split('"')[0]
    listing = staff_client.get(link.replace("&amp;", "&")).content.decode()
    assert listing.index("https://a.example/kontakt") < listing.index("https://a.example/about")


def test_the_import_page_imports_and_reports(staff_client):
    url = reverse("admin:pages_domain_import")
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"urls": "a.example\nftp://bad\n", "select": "on"})
    html = response.content.decode()
    assert "created 1, skipped 0, invalid 1, queued 1" in html
    assert Domain.objects.get(name="a.example").discovery_status == "Queued"
