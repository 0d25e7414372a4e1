"""``pages_import``: every path's URLs in one normal form; bad lines reported while the good ones
go in; two imports of the same new URLs at once each count only the pages they created."""

import threading

import pytest
from django.db import connection, connections, transaction

from pages.models import Domain, Page, PageCurationStatus, PageProcessingStatus
from pages.services.imports import pages_import

SIX_KB_URL = "https://example.org/" + "ü" * 3000


def lines(*urls):
    return list(enumerate(urls, start=1))


@pytest.mark.django_db
def test_a_6_kb_utf8_url_is_a_clear_error_and_the_valid_lines_still_go_in():
    report = pages_import(
        lines=lines("https://a.example.org/", SIX_KB_URL, "https://b.example.org/"), select=True
    )

    assert (report.created, report.queued) == (2, 2)
    ((number, text, reason),) = report.invalid
    assert (number, text) == (2, SIX_KB_URL)
    assert reason == "longer than 2,000 bytes once encoded (18,020 bytes)"
    assert set(Page.objects.values_list("url", flat=True)) == {
        "https://a.example.org/",
        "https://b.example.org/",
    }


@pytest.mark.django_db
def test_spellings_of_one_address_make_one_page():
    report = pages_import(
        lines=lines(
            "HTTPS://Example.ORG:443/team/./a/../#people",
            "https://example.org/team/",
            "https://example.org/team/?",
        )
    )

    assert (report.created, report.skipped) == (1, 2)
    assert list(Page.objects.values_list("url", flat=True)) == ["https://example.org/team/"]


@pytest.mark.django_db
def test_an_idn_host_is_stored_as_its_a_label():
    report = pages_import(lines=lines("https://MÜNCHEN.de/impressum"))

    assert report.created == 1
    page = Page.objects.get()
    assert page.url == "https://xn--mnchen-3ya.de/impressum"
    assert page.domain.name == "xn--mnchen-3ya.de"


@pytest.mark.django_db
def test_an_idn_host_that_idna_2003_reads_differently_is_refused_at_import():
    report = pages_import(lines=lines("https://faß.de/kontakt", "https://ex\u200dample.com/"))

    assert report.created == 0
    reasons = [reason for _, _, reason in report.invalid]
    assert reasons[0].startswith("the host faß.de is a different name under IDNA 2003 (fass.de)")
    assert reasons[1].startswith("not a valid host name")
    assert not Domain.objects.exists()


@pytest.mark.django_db
def test_nul_and_control_characters_are_invalid_lines():
    report = pages_import(lines=lines("https://ok.example.org/", "https://x.example.org/\x00"))

    assert report.created == 1
    assert report.invalid == [
        (2, "https://x.example.org/\x00", "control character U+0000 in the URL")
    ]


URLS = [f"https://race.example.org/page/{n}" for n in range(200)]


def import_in_thread(results, name, select, before_commit=None):
    """``pages_import`` on a connection of its own, in an outer transaction that waits for
    ``before_commit`` (an Event) before it commits."""
    try:
        with transaction.atomic():
            results[name] = pages_import(lines=lines(*URLS), select=select)
            if before_commit is not None:
                assert before_commit.wait(20)
    except Exception as exc:  # the test reports it
        results[name] = exc
    finally:
        connections.close_all()


def waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_new_urls_at_once_each_count_only_their_own_pages():
    results: dict = {}
    release = threading.Event()
    first = threading.Thread(target=import_in_thread, args=(results, "first", True, release))
    first.start()
    for _ in range(400):  # the first import has inserted its rows and holds them uncommitted
        if "first" in results:
            break
        threading.Event().wait(0.05)
    second = threading.Thread(target=import_in_thread, args=(results, "second", True))
    second.start()
    for _ in range(400):  # the second now waits on the first's uncommitted rows
        if waiting_on_a_lock():
            break
        threading.Event().wait(0.05)
    else:
        pytest.fail("the second import never waited for the first")
    release.set()
    first.join(30)
    second.join(30)

    winner, loser = results["first"], results["second"]
    assert not isinstance(loser, Exception), loser
    assert (winner.created, winner.skipped, winner.queued) == (200, 0, 200)
    assert (loser.created, loser.skipped, loser.queued) == (0, 200, 0)
    assert loser.created_ids == []
    assert Page.objects.count() == 200
    assert set(Page.objects.values_list("id", flat=True)) == set(winner.created_ids)
    assert not Page.objects.exclude(page_curation_status=PageCurationStatus.SELECTED).exists()
    assert not Page.objects.exclude(page_processing_status=PageProcessingStatus.QUEUED).exists()


@pytest.mark.django_db(transaction=True)
def test_overlapping_imports_split_the_new_pages_between_them():
    results: dict = {}
    halves = {"a": URLS[:150], "b": URLS[50:]}

    def run(name):
        try:
            results[name] = pages_import(lines=lines(*halves[name]), select=True)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(name,)) for name in halves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    a, b = results["a"], results["b"]
    assert a.created + b.created == 200 == Page.objects.count()
    assert a.created + a.skipped == 150 == b.created + b.skipped
    assert set(a.created_ids).isdisjoint(b.created_ids)
    assert set(a.created_ids) | set(b.created_ids) == set(Page.objects.values_list("id", flat=True))
