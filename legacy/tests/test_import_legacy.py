from io import StringIO
from unittest import mock

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from contacts.models import Contact
from legacy.importing import _Import
from legacy.tests.legacy_schema import (
    DOMAINS,
    contact_id,
    create_legacy_tables,
    domain_id,
    drop_legacy_tables,
    page_id,
)
from pages.models import Domain, Page

pytestmark = pytest.mark.django_db
SCHEMA = "legacy_test"
LONGEST_DOMAIN = DOMAINS[5][1]  # 248 characters


def _dsn() -> str:
    settings = connection.settings_dict
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    user = settings["USER"] or "postgres"
    return f"postgres://{user}@{host}:{port}/{settings['NAME']}"


@pytest.fixture
def legacy_url(db):
    if connection.vendor != "postgresql":
        pytest.fail("import_legacy's tests need DATABASE_URL to name a PostgreSQL database")
    dsn = _dsn()
    drop_legacy_tables(dsn, SCHEMA)
    create_legacy_tables(dsn, SCHEMA)
    yield dsn
    drop_legacy_tables(dsn, SCHEMA)


@pytest.fixture
def legacy_url_without_scrape_status(db):
    dsn = _dsn()
    drop_legacy_tables(dsn, SCHEMA)
    create_legacy_tables(dsn, SCHEMA, scrape_status_column=False)
    yield dsn
    drop_legacy_tables(dsn, SCHEMA)


def run(url, *args, schema=SCHEMA) -> str:
    out = StringIO()
    call_command("import_legacy", "--database-url", url, "--schema", schema, *args, stdout=out)
    return out.getvalue()


def snapshot(*, without=()) -> dict:
    """Every row of the three tables, column by column (less the ``without`` columns)."""
    tables = {}
    for model in (Domain, Page, Contact):
        rows = [
            {k: v for k, v in row.items() if k not in without} for row in model.objects.values()
        ]
        tables[model.__name__] = sorted(rows, key=lambda row: str(row["id"]))
    return tables


def test_imports_the_sample_with_every_mapping(legacy_url):
    output = run(legacy_url, "--chunk-size", "2")

    assert set(Domain.objects.values_list("id", "name")) == {
        (domain_id(1), "example-firm.de"),
        (domain_id(2), "www.acme.co.uk"),
        (domain_id(5), "us-shop.com"),
        (domain_id(6), LONGEST_DOMAIN),
    }
    pages = {p.id: p for p in Page.objects.all()}
    assert set(pages) == {page_id(n) for n in (1, 2, 3, 4, 5, 6, 9)}
    statuses = {
        n: (
            pages[page_id(n)].page_curation_status,
            pages[page_id(n)].page_processing_status,
            pages[page_id(n)].contact_scrape_status,
        )
        for n in (1, 2, 3, 4, 5, 6, 9)
    }
    assert statuses == {
        1: ("Selected", "Complete", "ContactFound"),
        2: ("Selected", "Queued", "New"),  # v2's curation "Queued"
        3: ("Selected", "Queued", "ContactFound"),  # the orphan, queued
        4: ("New", "Queued", "ContactFound"),  # stuck in Processing, queued again
        5: ("Selected", "Complete", "NoContactFound"),  # its placeholder dropped
        6: ("Archived", None, "ContactFound"),
        9: ("Selected", "Complete", "ContactFound"),
    }
    assert pages[page_id(6)].domain_id == domain_id(1)  # its domain merged into 1
    assert pages[page_id(1)].created_at.isoformat() == "2025-08-01T10:00:00+00:00"
    assert pages[page_id(1)].processed_at is not None
    assert pages[page_id(2)].processed_at is None
    assert pages[page_id(3)].queued_at is not None and pages[page_id(6)].queued_at is None

    contacts = {c.id: c for c in Contact.objects.all()}
    assert set(contacts) == {contact_id(n) for n in (1, 3, 6, 8, 9, 11)}
    anna = contacts[contact_id(1)]
    assert (anna.email, anna.phone_number, anna.name) == (
        "anna.schmidt@example-firm.de",
        "+49301234567",  # region DE from the domain
        "Anna Schmidt",  # filled from its duplicate
    )
    assert anna.source_url == "https://example-firm.de/kontakt"  # from its page
    assert anna.created_at.isoformat() == "2025-09-01T12:00:00+00:00"
    bob = contacts[contact_id(3)]
    assert (bob.phone_number, bob.source_url) == ("+442079460018", "https://www.acme.co.uk/old")
    phone_only = contacts[contact_id(6)]
    assert (phone_only.email, phone_only.phone_number) == (None, "+442079460019")
    assert phone_only.source_url == "https://www.acme.co.uk/about"
    assert (contacts[contact_id(8)].email_type, contacts[contact_id(8)].phone_number) == (
        "generic",
        None,
    )
    sales = contacts[contact_id(9)]
    assert (sales.page_id, sales.phone_number) == (page_id(9), "+12127365000")
    assert contacts[contact_id(11)].email == "max@acme.co.uk"
    assert not Contact.objects.filter(email__startswith="notfound_").exists()

    assert "domains: 4 imported, 0 skipped, 1 merged" in output
    assert "pages: 7 imported, 0 skipped, 1 merged" in output
    assert "contacts: 6 imported, 0 skipped, 2 merged" in output
    assert "placeholder contacts dropped: 3" in output
    assert "pages marked NoContactFound: 1, ContactFound: 4" in output
    assert "invalid rows: 11 (9 not imported)" in output
    for table, ids in [
        ("domains", [domain_id(4), domain_id(7)]),
        ("pages", [page_id(7), page_id(8), page_id(10), page_id(11)]),
        ("contacts", [contact_id(n) for n in (5, 8, 10, 11, 13)]),
    ]:
        for row_id in ids:
            assert f"{table} {row_id}:" in output
    assert f"contacts {contact_id(8)}: phone '12' is not a valid number" in output
    assert "imported without it" in output
    assert f"contacts {contact_id(13)}: email 'logo@2x.png': not a contact" in output
    assert "'Pending'" in output and "'Done'" in output


def test_a_second_run_changes_nothing(legacy_url):
    run(legacy_url)
    before = snapshot()
    output = run(legacy_url)
    assert snapshot() == before
    assert "domains: 0 imported, 4 skipped, 1 merged" in output
    assert "pages: 0 imported, 7 skipped, 1 merged" in output
    assert "contacts: 0 imported, 6 skipped, 2 merged" in output
    assert "pages marked NoContactFound: 0, ContactFound: 0" in output
    assert "invalid rows: 9 (9 not imported)" in output  # those imported without a value: skipped


def test_the_chunk_size_does_not_change_the_result(legacy_url):
    run(legacy_url, "--chunk-size", "1")
    by_one = snapshot(without={"updated_at", "created_at"})  # a domain's: the import's time
    Domain.objects.all().delete()
    run(legacy_url)
    assert snapshot(without={"updated_at", "created_at"}) == by_one
    assert len(by_one["Contact"]) == 6


def test_rows_already_there_under_their_natural_key_are_merged_into(legacy_url):
    existing = Domain.objects.create(name="us-shop.com")
    Page.objects.create(domain=existing, url="https://us-shop.com/about")
    output = run(legacy_url)
    assert "domains: 3 imported, 0 skipped, 2 merged" in output
    sales = Contact.objects.get(email="sales@us-shop.com")
    assert sales.domain_id == existing.id
    assert sales.page.url == "https://us-shop.com/about"
    assert not Domain.objects.filter(id=domain_id(5)).exists()


def test_a_dry_run_reports_and_writes_nothing(legacy_url):
    output = run(legacy_url, "--dry-run")
    assert "contacts: 6 imported, 0 skipped, 2 merged" in output
    assert "dry run: nothing was written" in output
    assert snapshot() == {"Domain": [], "Page": [], "Contact": []}


def test_without_the_scrape_status_column_statuses_come_from_the_contacts(
    legacy_url_without_scrape_status,
):
    output = run(legacy_url_without_scrape_status)
    statuses = dict(Page.objects.values_list("id", "contact_scrape_status"))
    assert statuses[page_id(1)] == "ContactFound"
    assert statuses[page_id(2)] == "New"
    assert statuses[page_id(5)] == "NoContactFound"
    assert "pages marked NoContactFound: 1, ContactFound: 5" in output


def test_a_failure_part_way_leaves_nothing_written(legacy_url):
    failing = mock.patch.object(_Import, "_contacts", side_effect=RuntimeError("boom"))
    with failing, pytest.raises(RuntimeError):
        run(legacy_url)
    assert snapshot() == {"Domain": [], "Page": [], "Contact": []}


def test_an_unreachable_database_is_a_clear_error(db):
    with pytest.raises(CommandError, match="cannot connect to the original's database"):
        run("postgres://postgres:s3cret@127.0.0.1:1/nowhere")


def test_the_password_is_not_in_the_error(db):
    with pytest.raises(CommandError) as error:
        run("postgres://postgres:s3cret@127.0.0.1:notaport/nowhere")
    assert "s3cret" not in str(error.value)


def test_a_schema_without_the_tables_is_a_clear_error(legacy_url):
    with pytest.raises(CommandError, match="schema 'missing' has no table domains, pages"):
        run(legacy_url, schema="missing")


def test_a_missing_column_is_a_clear_error_and_nothing_is_written(legacy_url):
    with psycopg.connect(legacy_url, autocommit=True, prepare_threshold=None) as source:
        source.execute(f"ALTER TABLE {SCHEMA}.contacts DROP COLUMN email")
    with pytest.raises(CommandError, match=f"table {SCHEMA}.contacts has no column email"):
        run(legacy_url)
    assert snapshot() == {"Domain": [], "Page": [], "Contact": []}


@pytest.mark.parametrize("size", ["0", "10001", "many"])
def test_the_chunk_size_is_bounded(legacy_url, size):
    with pytest.raises(CommandError, match="chunk-size"):
        run(legacy_url, "--chunk-size", size)
