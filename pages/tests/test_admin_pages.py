import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.tests.factories import ContactFactory
from pages.models import Page
from pages.services import processing
from pages.tests.factories import DomainFactory, PageFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:pages_page_changelist"


def failed_page(error: str, **kwargs) -> Page:
    return PageFactory(failed=True, error=error, **kwargs)


def listed_urls(response) -> set[str]:
    return {page.url for page in response.context["cl"].result_list}


def test_list_shows_badges_counts_links_and_a_short_error(staff_client):
    page = PageFactory(url="https://acme.example.org/team", domain__name="acme.example.org")
    ContactFactory.create_batch(2, page=page)
    failed_page("fetch failed: " + "x" * 300)
    content = staff_client.get(reverse(CHANGELIST)).content.decode()
    assert '<span class="wf7-badge wf7-badge-new">New</span>' in content
    assert '<span class="wf7-badge wf7-badge-none">not queued</span>' in content
    assert '<span class="wf7-badge wf7-badge-error">Error</span>' in content
    assert 'class="field-contacts_found">2<' in content
    assert reverse("admin:pages_page_change", args=[page.pk]) in content
    assert 'href="https://acme.example.org/team" target="_blank"' in content
    assert "?domain=acme.example.org" in content
    short_error = re.search(r'<td class="field-short_error"><span title="[^"]*">([^<]*)<', content)
    assert short_error.group(1) == "fetch failed: " + "x" * 25 + "…"
    assert "By error reason" not in content


def test_the_list_costs_a_fixed_number_of_queries(staff_client):
    def queries_for_list():
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(reverse(CHANGELIST))
        assert response.status_code == 200
        return len(queries), len(response.context["cl"].result_list)

    for index in range(5):
        ContactFactory(page=PageFactory(domain__name=f"d{index}.example.org"))
    few, rows = queries_for_list()
    assert rows == 5
    for index in range(95):
        ContactFactory(page=failed_page(f"timeout: {index}", domain__name=f"e{index}.example.org"))
    many, rows = queries_for_list()
    assert rows == 100
    assert many == few
    assert many <= 6


def test_filters_on_each_status_domain_dates_and_search(staff_client):
    acme = DomainFactory(name="acme.example.org")
    new = PageFactory(domain=acme, url="https://acme.example.org/a")
    selected = PageFactory(page_curation_status="Selected", url="https://other.example.org/b")
    error = failed_page("dns: no such host", url="https://acme.example.org/c", domain=acme)

    def urls(query: str) -> set[str]:
        return listed_urls(staff_client.get(reverse(CHANGELIST) + "?" + query))

    assert urls("page_curation_status__exact=Selected") == {selected.url, error.url}
    assert urls("page_processing_status__exact=Queued") == {selected.url}
    assert urls("page_processing_status__isnull=True") == {new.url}
    assert urls("contact_scrape_status__exact=Error") == {error.url}
    assert urls("domain=ACME.example.org") == {new.url, error.url}
    assert urls("error=dns") == {error.url}
    assert (
        "By error reason" in staff_client.get(reverse(CHANGELIST) + "?error=dns").content.decode()
    )
    assert urls("error=timeout") == set()
    midnight = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    assert len(urls(urlencode({"created_at__gte": midnight.isoformat()}))) == 3
    assert urls(urlencode({"created_at__lt": midnight.isoformat()})) == set()
    assert urls("q=other.example") == {selected.url}
    assert urls("q=/c") == {error.url}


def test_domain_filter_keeps_the_other_filters_in_its_form(staff_client):
    url = reverse(CHANGELIST) + "?page_curation_status__exact=New&q=acme"
    content = staff_client.get(url).content.decode()
    assert '<input type="hidden" name="page_curation_status__exact" value="New">' in content
    assert '<input type="hidden" name="q" value="acme">' in content


def test_change_view_shows_contacts_error_attempts_and_timings(staff_client):
    page = failed_page("fetch failed: connection reset\n" + "detail " * 100)
    started = timezone.now() - timezone.timedelta(seconds=12)
    Page.objects.filter(pk=page.pk).update(
        processing_attempts=2, processing_started_at=started, processed_at=timezone.now()
    )
    ContactFactory(page=page, email="jane@acme.example.org", name="Jane Roe")
    content = staff_client.get(reverse("admin:pages_page_change", args=[page.pk])).content.decode()
    assert "jane@acme.example.org" in content
    assert "Jane Roe" in content
    assert "detail " * 100 in content.replace("\n", "")
    assert 'class="readonly">2<' in content
    assert "12." in content and " s<" in content
    assert "Process now" in content
    assert 'name="contacts-0-email"' not in content  # read-only inline


def test_process_now_hands_the_page_to_the_worker(
    staff_client, monkeypatch, django_capture_on_commit_callbacks
):
    handed = []
    monkeypatch.setattr(processing, "async_task", lambda func, *args: handed.append((func, args)))
    page = PageFactory(page_curation_status="Archived")
    url = reverse("admin:pages_page_process_now", args=[page.pk])
    assert staff_client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, follow=True)
    assert handed == [("extraction.tasks.process_pages_now", ([str(page.pk)],))]
    page.refresh_from_db()
    assert (page.page_curation_status, page.page_processing_status) == ("Selected", "Queued")
    assert "Queued and handed to the worker" in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("admin:pages_page_change", args=[page.pk])


def test_domain_list_counts_and_links(staff_client):
    acme = DomainFactory(name="acme.example.org")
    pages = PageFactory.create_batch(3, domain=acme)
    ContactFactory.create_batch(2, page=pages[0])
    DomainFactory(name="empty.example.org")
    with CaptureQueriesContext(connection) as queries:
        response = staff_client.get(reverse("admin:pages_domain_changelist"))
    content = response.content.decode()
    assert len(queries) <= 6
    assert f'{reverse(CHANGELIST)}?domain=acme.example.org">3</a>' in content
    contacts = reverse("admin:contacts_contact_changelist")
    assert f'{contacts}?domain=acme.example.org">2</a>' in content
    assert f'{contacts}?domain=empty.example.org">0</a>' in content


def test_the_domain_filter_takes_an_idn_in_either_form(staff_client):
    page = PageFactory(domain__name="xn--mnchen-3ya.de", url="https://xn--mnchen-3ya.de/team")
    PageFactory()

    for typed in ["MÜNCHEN.de", "xn--mnchen-3ya.de"]:
        response = staff_client.get(reverse(CHANGELIST), {"domain": typed})
        assert listed_urls(response) == {page.url}, typed
