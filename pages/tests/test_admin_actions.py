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
