import pytest
from django.urls import reverse

from pages.models import Page, PageCurationStatus
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def run_action(client, action, pages):
    return client.post(
        reverse("admin:pages_page_changelist"),
        {"action": action, "_selected_action": [p.pk for p in pages]},
        follow=True,
    )


def test_select_action_queues_pages_and_says_so(staff_client):
    pages = PageFactory.create_batch(2)
    response = run_action(staff_client, "select_for_extraction", pages)
    assert "2 selected, 2 queued." in response.content.decode()
    assert Page.objects.filter(page_processing_status="Queued").count() == 2


def test_archive_action(staff_client):
    page = PageFactory(page_curation_status=PageCurationStatus.SELECTED)
    response = run_action(staff_client, "archive", [page])
    assert "1 archived, 0 queued." in response.content.decode()
    page.refresh_from_db()
    assert page.page_curation_status == "Archived"


def test_the_page_list_renders(staff_client):
    PageFactory.create_batch(3)
    response = staff_client.get(reverse("admin:pages_page_changelist"))
    assert response.status_code == 200


def test_select_action_counts_only_the_pages_it_queued(staff_client):
    new = PageFactory()
    already = PageFactory(page_curation_status=PageCurationStatus.SELECTED)
    response = run_action(staff_client, "select_for_extraction", [new, already])
    assert "2 selected, 2 queued." in response.content.decode()
    assert set(Page.objects.values_list("page_processing_status", flat=True)) == {"Queued"}


def test_mark_not_a_fit_action_archives_and_dequeues(staff_client):
    queued = PageFactory(page_curation_status=PageCurationStatus.SELECTED)
    untouched = PageFactory()
    response = run_action(staff_client, "mark_not_a_fit", [queued])
    assert "1 marked not a fit." in response.content.decode()
    queued.refresh_from_db()
    assert queued.page_curation_status == "Archived"
    assert queued.contact_scrape_status == "NotAFit"
    assert queued.page_processing_status is None
    untouched.refresh_from_db()
    assert untouched.contact_scrape_status == "New"


def test_requeue_failed_action_requeues_only_errors(staff_client):
    failed = PageFactory(failed=True, error="timeout: 70 s", processing_attempts=3)
    complete = PageFactory(complete=True)
    response = run_action(staff_client, "requeue_failed", [failed, complete])
    content = response.content.decode()
    assert "1 re-queued. 1 not in Error, left as they were." in content
    failed.refresh_from_db()
    complete.refresh_from_db()
    assert failed.page_processing_status == "Queued"
    assert failed.page_processing_error == ""
    assert failed.processing_attempts == 0
    assert complete.page_processing_status == "Complete"


def test_select_across_every_filtered_page(staff_client):
    PageFactory.create_batch(3, domain__name="acme.example.org")
    other = PageFactory()
    response = staff_client.post(
        reverse("admin:pages_page_changelist") + "?domain=acme.example.org",
        {"action": "select_for_extraction", "select_across": "1", "_selected_action": ["x"]},
        follow=True,
    )
    assert "3 selected, 3 queued." in response.content.decode()
    other.refresh_from_db()
    assert other.page_processing_status is None


def test_actions_need_the_change_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_page"))
    client.force_login(viewer)
    page = PageFactory()
    response = run_action(client, "select_for_extraction", [page])
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.page_processing_status is None
