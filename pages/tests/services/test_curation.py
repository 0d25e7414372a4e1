import uuid

import pytest
from django.contrib.admin.models import LogEntry

from pages.models import Page, PageCurationStatus, PageProcessingStatus
from pages.services.curation import (
    PagesNotFound,
    pages_mark_not_a_fit,
    pages_requeue_failed,
    pages_set_curation_status,
)
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_selecting_new_pages_queues_them():
    pages = PageFactory.create_batch(3)
    result = pages_set_curation_status(page_ids=[p.id for p in pages], status="Selected")
    assert result == (3, 3)
    assert set(Page.objects.values_list("page_processing_status", flat=True)) == {"Queued"}


@pytest.mark.parametrize("status", [PageCurationStatus.ARCHIVED, PageCurationStatus.NEW])
def test_archiving_or_unselecting_takes_an_unclaimed_page_off_the_queue(status):
    page = PageFactory(page_curation_status=PageCurationStatus.SELECTED)
    result = pages_set_curation_status(page_ids=[page.id], status=status)
    assert result == (1, 0)
    page.refresh_from_db()
    assert page.page_curation_status == status
    assert page.page_processing_status is None


def test_archiving_leaves_a_claimed_page_to_its_worker():
    page = PageFactory(processing=True)
    pages_set_curation_status(page_ids=[page.id], status=PageCurationStatus.ARCHIVED)
    page.refresh_from_db()
    assert page.page_processing_status == PageProcessingStatus.PROCESSING


def test_a_curators_change_is_on_the_pages_history(django_user_model):
    curator = django_user_model.objects.create_user("curator")
    pages = PageFactory.create_batch(2)
    pages_set_curation_status(
        page_ids=[p.id for p in pages], status=PageCurationStatus.SELECTED, acting_user=curator
    )
    entries = LogEntry.objects.filter(user=curator).order_by("object_id")
    assert sorted(entry.object_id for entry in entries) == sorted(str(p.id) for p in pages)
    assert all("Selected" in entry.get_change_message() for entry in entries)


def test_a_change_without_a_user_leaves_no_audit_record():
    page = PageFactory()
    pages_set_curation_status(page_ids=[page.id], status=PageCurationStatus.SELECTED)
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize("finished", ["complete", "failed"])
def test_reselecting_a_finished_page_queues_it_again(finished):
    page = PageFactory(**{finished: True})
    result = pages_set_curation_status(page_ids=[page.id], status=PageCurationStatus.SELECTED)
    assert result == (1, 1)
    page.refresh_from_db()
    assert (page.page_processing_status, page.page_processing_error) == ("Queued", "")
    assert page.processing_attempts == 0


def test_repeated_ids_count_once():
    page = PageFactory()
    assert pages_set_curation_status(page_ids=[page.id, str(page.id)], status="Selected") == (1, 1)


def test_an_unknown_id_changes_nothing():
    page = PageFactory()
    unknown = uuid.uuid4()
    with pytest.raises(PagesNotFound) as error:
        pages_set_curation_status(page_ids=[page.id, unknown], status="Selected")
    assert error.value.missing_ids == [str(unknown)]
    page.refresh_from_db()
    assert page.page_curation_status == "New"
    assert page.page_processing_status is None


def test_an_unknown_status_is_refused():
    page = PageFactory()
    with pytest.raises(ValueError):
        pages_set_curation_status(page_ids=[page.id], status="Queued")


def test_requeue_failed_pages_only_touches_errors():
    failed, done = PageFactory(failed=True), PageFactory(complete=True)
    assert pages_requeue_failed(page_ids=[failed.pk, done.pk]) == 1
    failed.refresh_from_db()
    done.refresh_from_db()
    assert (failed.page_processing_status, failed.page_processing_error) == ("Queued", "")
    assert done.page_processing_status == "Complete"


def test_mark_not_a_fit_archives_and_dequeues():
    queued = PageFactory(page_curation_status="Selected")
    assert pages_mark_not_a_fit(page_ids=[queued.pk]) == 1
    queued.refresh_from_db()
    assert queued.page_curation_status == "Archived"
    assert queued.contact_scrape_status == "NotAFit"
    assert queued.page_processing_status is None


def test_bulk_services_work_in_chunks(monkeypatch):
    """Large selections are split to stay under PostgreSQL's bind-parameter limit."""
    monkeypatch.setattr("pages.services.curation.ID_CHUNK", 2)
    pages = PageFactory.create_batch(5)
    ids = [page.id for page in pages]
    assert pages_set_curation_status(page_ids=ids, status="Selected") == (5, 5)
    failed = [page.id for page in PageFactory.create_batch(5, failed=True)]
    assert pages_requeue_failed(page_ids=failed) == 5
    assert pages_mark_not_a_fit(page_ids=ids) == 5
    assert Page.objects.filter(contact_scrape_status="NotAFit").count() == 5
