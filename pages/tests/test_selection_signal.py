import pytest

from pages.models import Page, PageCurationStatus, PageProcessingStatus
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_creating_a_selected_page_queues_it():
    page = PageFactory(page_curation_status=PageCurationStatus.SELECTED)
    page.refresh_from_db()
    assert page.page_processing_status == PageProcessingStatus.QUEUED


def test_selecting_through_save_queues_and_clears_the_error():
    page = PageFactory(
        page_curation_status=PageCurationStatus.ARCHIVED,
        page_processing_status=PageProcessingStatus.ERROR,
        page_processing_error="boom",
        processing_attempts=3,
    )
    page = Page.objects.get(pk=page.pk)
    page.page_curation_status = PageCurationStatus.SELECTED
    page.save()
    page.refresh_from_db()
    assert page.page_processing_status == PageProcessingStatus.QUEUED
    assert page.page_processing_error == ""
    assert page.processing_attempts == 0


def test_saving_an_already_selected_page_keeps_its_processing_state():
    page = Page.objects.get(pk=PageFactory(complete=True).pk)
    page.url = page.url + "?edited"
    page.save()
    page.refresh_from_db()
    assert page.page_processing_status == PageProcessingStatus.COMPLETE


@pytest.mark.parametrize("status", [PageCurationStatus.ARCHIVED, PageCurationStatus.NEW])
def test_archiving_or_new_through_save_takes_an_unclaimed_page_off_the_queue(status):
    page = Page.objects.get(pk=PageFactory(page_curation_status=PageCurationStatus.SELECTED).pk)
    page.page_curation_status = status
    page.save()

    page.refresh_from_db()
    assert page.page_processing_status is None


@pytest.mark.parametrize(
    ("state", "processing"),
    [("processing", "Processing"), ("complete", "Complete"), ("failed", "Error")],
)
def test_archiving_through_save_leaves_a_claimed_or_finished_page_as_it_is(state, processing):
    page = Page.objects.get(pk=PageFactory(**{state: True}).pk)
    page.page_curation_status = PageCurationStatus.ARCHIVED
    page.save()

    page.refresh_from_db()
    assert page.page_processing_status == processing
