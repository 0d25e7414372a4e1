"""The domain's dual status: selecting queues discovery on every path; the orphan is refused."""

import pytest
from django.contrib.admin.models import LogEntry
from django.db import IntegrityError, connection, transaction

from core.web_addresses import InvalidWebAddress
from pages.models import Domain
from pages.services.domains import (
    DomainsNotFound,
    domains_archive,
    domains_import,
    domains_requeue_failed,
    domains_select,
    normalize_domain_entry,
)

pytestmark = pytest.mark.django_db


def test_a_plain_save_of_a_selected_domain_queues_discovery():
    domain = Domain.objects.create(name="firm.example", domain_curation_status="Selected")
    assert domain.discovery_status == "Queued"
    assert domain.discovery_queued_at is not None


def test_reselecting_after_discovery_queues_again():
    domain = Domain.objects.create(name="firm.example", domain_curation_status="Selected")
    Domain.objects.filter(pk=domain.pk).update(
        discovery_status="Complete", domain_curation_status="Archived"
    )
    domain = Domain.objects.get(pk=domain.pk)
    domain.domain_curation_status = "Selected"
    domain.save()
    domain.refresh_from_db()
    assert domain.discovery_status == "Queued"


def test_saving_a_selected_domain_again_does_not_requeue_it():
    domain = Domain.objects.create(name="firm.example", domain_curation_status="Selected")
    Domain.objects.filter(pk=domain.pk).update(discovery_status="Complete")
    domain = Domain.objects.get(pk=domain.pk)
    domain.save()
    domain.refresh_from_db()
    assert domain.discovery_status == "Complete"


def test_the_database_refuses_the_orphan():
    domain = Domain.objects.create(name="firm.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        Domain.objects.filter(pk=domain.pk).update(domain_curation_status="Selected")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pages_domain SET domain_curation_status = 'Selected' WHERE id = %s",
            [domain.pk],
        )


def test_the_service_selects_queues_and_audits(admin_user):
    domains = [Domain.objects.create(name=f"d{n}.example") for n in range(3)]
    result = domains_select(domain_ids=[d.pk for d in domains], acting_user=admin_user)
    assert (result.updated_count, result.queued_count) == (3, 3)
    assert set(Domain.objects.values_list("discovery_status", flat=True)) == {"Queued"}
    assert LogEntry.objects.filter(user=admin_user).count() == 3


def test_archiving_takes_an_unclaimed_domain_off_the_queue():
    queued = Domain.objects.create(name="a.example", domain_curation_status="Selected")
    claimed = Domain.objects.create(name="b.example", domain_curation_status="Selected")
    Domain.objects.filter(pk=claimed.pk).update(discovery_status="Processing")
    domains_archive(domain_ids=[queued.pk, claimed.pk])
    queued.refresh_from_db()
    claimed.refresh_from_db()
    assert (queued.domain_curation_status, queued.discovery_status) == ("Archived", None)
    assert claimed.discovery_status == "Processing"  # the worker's result will still land


def test_unknown_ids_change_nothing():
    domain = Domain.objects.create(name="a.example")
    with pytest.raises(DomainsNotFound):
        domains_select(domain_ids=[domain.pk, "00000000-0000-0000-0000-000000000001"])
    domain.refresh_from_db()
    assert domain.domain_curation_status == "New"


def test_transient_failures_are_requeued_permanent_ones_not():
    flaky = Domain.objects.create(name="a.example", domain_curation_status="Selected")
    gone = Domain.objects.create(name="b.example", domain_curation_status="Selected")
    Domain.objects.filter(pk=flaky.pk).update(
        discovery_status="Error", discovery_error="Robots.txt unavailable (HTTP 503)"
    )
    Domain.objects.filter(pk=gone.pk).update(
        discovery_status="Error", discovery_error="HTTP 404: Not Found"
    )
    assert domains_requeue_failed() == 1
    flaky.refresh_from_db()
    assert flaky.discovery_status == "Queued"


@pytest.mark.parametrize(
    ("entry", "host", "homepage"),
    [
        ("Firm.Example", "firm.example", "https://firm.example/"),
        ("http://firm.example:8080/en/", "firm.example", "http://firm.example:8080/en/"),
        ("https://www.firm.example", "www.firm.example", "https://www.firm.example/"),
    ],
)
def test_entries_are_hosts_or_homepages(entry, host, homepage):
    assert normalize_domain_entry(entry) == (host, homepage)


@pytest.mark.parametrize("entry", ["", "ftp://firm.example/", "http://", "a b c"])
def test_bad_entries_are_refused(entry):
    with pytest.raises(InvalidWebAddress):
        normalize_domain_entry(entry)


def test_import_creates_selects_and_reports():
    Domain.objects.create(name="known.example")
    lines = ["new.example", "https://new.example/", "known.example", "ftp://bad", "other.example"]
    report = domains_import(lines=enumerate(lines, start=1))
    assert (report.created, report.skipped, report.queued) == (2, 2, 2)
    assert [line for line, _text, _reason in report.invalid] == [4]
    assert Domain.objects.get(name="new.example").discovery_status == "Queued"
    assert Domain.objects.get(name="known.example").discovery_status is None


def test_import_without_select_queues_nothing():
    report = domains_import(lines=[(1, "new.example")], select=False)
    assert (report.created, report.queued) == (1, 0)
    assert Domain.objects.get(name="new.example").discovery_status is None


def test_a_robots_txt_that_did_not_answer_is_retried_later():
    from datetime import timedelta

    from django.utils import timezone

    from pages.services.domains import domains_retry_unavailable_robots

    old, recent, other = (
        Domain.objects.create(name=name, domain_curation_status="Selected")
        for name in ("old.example", "recent.example", "other.example")
    )
    now = timezone.now()
    for domain, error, when in (
        (old, "Robots.txt unavailable (HTTP 503): nothing fetched", now - timedelta(hours=2)),
        (recent, "Robots.txt unavailable (HTTP 503): nothing fetched", now),
        (other, "HTTP 404: Not Found", now - timedelta(hours=2)),
    ):
        Domain.objects.filter(pk=domain.pk).update(
            discovery_status="Error", discovery_error=error, discovered_at=when
        )
    assert domains_retry_unavailable_robots(older_than=timedelta(hours=1)) == 1
    statuses = dict(Domain.objects.values_list("name", "discovery_status"))
    assert statuses == {
        "old.example": "Queued",
        "recent.example": "Error",
        "other.example": "Error",
    }
