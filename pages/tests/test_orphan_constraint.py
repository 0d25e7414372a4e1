import pytest
from django.db import IntegrityError, connection, transaction

from pages.models import Page, PageCurationStatus
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_raw_sql_cannot_make_an_orphan():
    page = PageFactory(page_curation_status=PageCurationStatus.SELECTED)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pages_page SET page_processing_status = NULL WHERE id = %s", [page.id]
        )
    page.refresh_from_db()
    assert page.page_processing_status == "Queued"


def test_queryset_update_cannot_make_an_orphan():
    page = PageFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Page.objects.filter(pk=page.pk).update(page_curation_status="Selected")


def test_the_suite_runs_on_postgresql():
    """Locking and constraint tests mean nothing on SQLite: the test command must give us PG."""
    assert connection.vendor == "postgresql"
