"""Claims on the page queue: one worker's rows are no other's, fairly spread over sites."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from jobs import claims
from pages.models import Page
from pages.queue import PAGE_JOB
from pages.tests.factories import DomainFactory, PageFactory

pytestmark = pytest.mark.django_db


def queue_on(site: str, count: int, *, minutes_ago: int = 0) -> list[Page]:
    domain = DomainFactory(name=site)
    pages = PageFactory.create_batch(count, domain=domain, queued=True)
    when = timezone.now() - timedelta(minutes=minutes_ago)
    Page.objects.filter(pk__in=[p.pk for p in pages]).update(queued_at=when)
    return pages


def test_a_claim_counts_the_attempt_and_stamps_its_token():
    (page,) = queue_on("a.example", 1)
    (claim,) = claims.claim(PAGE_JOB, batch_size=5)
    page.refresh_from_db()
    assert (page.page_processing_status, page.processing_attempts) == ("Processing", 1)
    assert page.processing_started_at == claim.token == page.processing_heartbeat_at
    assert (claim.id, claim.url, claim.domain_id) == (page.pk, page.url, page.domain_id)
    assert claims.claim(PAGE_JOB, batch_size=5) == []


def test_no_batch_is_one_sites_pages_while_other_sites_wait():
    queue_on("big.example", 50, minutes_ago=10)  # the oldest selection by far
    for n in range(4):
        queue_on(f"small{n}.example", 2)
    batch = claims.claim(PAGE_JOB, batch_size=10)
    sites = Counter(Page.objects.get(pk=c.id).domain.name for c in batch)
    assert len(batch) == 10
    assert set(sites) == {"big.example", *(f"small{n}.example" for n in range(4))}
    assert sites["big.example"] <= 3


def test_a_single_site_fills_the_batch():
    queue_on("only.example", 7)
    assert len(claims.claim(PAGE_JOB, batch_size=5)) == 5
    assert len(claims.claim(PAGE_JOB, batch_size=5)) == 2


def test_each_site_gives_its_oldest_selection_first():
    old = queue_on("a.example", 1, minutes_ago=30)
    queue_on("a.example", 3)
    (claim,) = claims.claim(PAGE_JOB, batch_size=1)
    assert claim.id == old[0].pk


def test_only_the_asked_rows_are_claimed():
    _first, second = queue_on("a.example", 2)
    (claim,) = claims.claim(PAGE_JOB, batch_size=5, ids=[second.pk])
    assert claim.id == second.pk


@pytest.mark.django_db(transaction=True)
def test_rows_locked_by_another_worker_are_skipped_not_waited_for():
    queue_on("a.example", 3)
    queue_on("b.example", 3)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(
                "SELECT id FROM pages_page WHERE page_processing_status = 'Queued' "
                "ORDER BY url LIMIT 4 FOR UPDATE"
            )
            held = {row[0] for row in cursor.fetchall()}
            mine = claims.claim(PAGE_JOB, batch_size=10)
            cursor.execute("ROLLBACK")
    finally:
        other.close()
    assert len(mine) == 2
    assert not held & {c.id for c in mine}


def test_renew_keeps_only_rows_still_claimed():
    queue_on("a.example", 2)
    kept, lost = claims.claim(PAGE_JOB, batch_size=2)
    Page.objects.filter(pk=lost.id).update(page_processing_status="Queued")
    past = timezone.now() - timedelta(minutes=5)
    Page.objects.update(processing_heartbeat_at=past)
    assert claims.renew(PAGE_JOB, [kept, lost]) == 1
    assert Page.objects.get(pk=kept.id).processing_heartbeat_at > past


def test_release_gives_rows_back_without_counting_the_attempt():
    (page,) = queue_on("a.example", 1)
    claimed = claims.claim(PAGE_JOB, batch_size=1)
    assert claims.release(PAGE_JOB, claimed) == 1
    page.refresh_from_db()
    assert (page.page_processing_status, page.processing_attempts) == ("Queued", 0)
    assert page.processing_started_at is None


def test_expired_leases_go_back_to_the_queue_then_to_error(settings):
    settings.PAGE_PROCESSING_MAX_ATTEMPTS = 3
    retry, spent = PageFactory(stuck=True), PageFactory(stuck=True)
    Page.objects.filter(pk=spent.pk).update(processing_attempts=3)
    result = claims.recover_expired(PAGE_JOB, lease_seconds=600)
    assert (result.requeued, result.failed) == (1, 1)
    retry.refresh_from_db()
    spent.refresh_from_db()
    assert retry.page_processing_status == "Queued"
    assert (spent.page_processing_status, spent.contact_scrape_status) == ("Error", "Error")
    assert spent.page_processing_error.startswith("Lease expired")


def test_a_live_heartbeat_keeps_an_old_claim():
    page = PageFactory(processing=True)
    Page.objects.filter(pk=page.pk).update(
        processing_started_at=timezone.now() - timedelta(hours=3)
    )
    assert claims.recover_expired(PAGE_JOB, lease_seconds=60).requeued == 0
