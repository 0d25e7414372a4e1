import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.export import COLUMNS, contacts_csv_lines
from contacts.models import Contact
from contacts.tests.factories import ContactFactory, SocialProfileFactory

pytestmark = pytest.mark.django_db


def read_csv(queryset, **kwargs):
    return list(csv.reader(io.StringIO("".join(contacts_csv_lines(queryset, **kwargs)))))


def test_exports_a_header_and_one_row_per_contact():
    contact = ContactFactory(name="Jane Doe", phone_number="+12025550123")
    rows = read_csv(Contact.objects.all())
    assert rows[0] == COLUMNS
    assert rows[1][:3] == [contact.email, "Jane Doe", "+12025550123"]
    assert rows[1][COLUMNS.index("domain")] == contact.domain.name


@pytest.mark.parametrize("evil", ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(evil):
    ContactFactory(name=evil)
    name = read_csv(Contact.objects.all())[1][1]
    assert name == "'" + evil


def test_an_e164_phone_number_is_not_a_formula():
    ContactFactory(name="+1+1", phone_number="+442079460000")
    row = read_csv(Contact.objects.all())[1]
    assert (row[1], row[2]) == ("'+1+1", "+442079460000")


def test_ordinary_text_is_left_alone():
    ContactFactory(name="Anne-Marie O'Neil")
    assert read_csv(Contact.objects.all())[1][1] == "Anne-Marie O'Neil"


def test_new_columns_come_after_the_old_ones():
    assert COLUMNS[:9] == [
        "email",
        "name",
        "phone_number",
        "email_type",
        "found_by",
        "domain",
        "source_url",
        "created_at",
        "last_seen_at",
    ]
    assert COLUMNS[9:] == ["position", "still_on_page", "social_profiles"]


def test_position_provenance_and_the_contacts_own_profiles():
    jane = ContactFactory(position="Geschäftsführerin", still_on_page=False)
    SocialProfileFactory(page=jane.page, domain=jane.domain, contact=jane, handle="in/jane")
    SocialProfileFactory(
        page=jane.page,
        domain=jane.domain,
        contact=jane,
        network="xing",
        handle="Jane_Roe",
        url="https://www.xing.com/profile/Jane_Roe",
    )
    SocialProfileFactory(page=jane.page, domain=jane.domain, handle="company/firm")  # not hers
    bob = ContactFactory()
    rows = {
        row[0]: dict(zip(COLUMNS, row, strict=True)) for row in read_csv(Contact.objects.all())[1:]
    }
    assert rows[jane.email]["position"] == "Geschäftsführerin"
    assert rows[jane.email]["still_on_page"] == "false"
    assert rows[jane.email]["social_profiles"] == (
        "https://www.linkedin.com/in/jane https://www.xing.com/profile/Jane_Roe"
    )
    assert (rows[bob.email]["still_on_page"], rows[bob.email]["social_profiles"]) == ("true", "")


def test_the_profiles_take_one_query_per_chunk():
    for contact in ContactFactory.create_batch(5):
        SocialProfileFactory(page=contact.page, domain=contact.domain, contact=contact)
    with CaptureQueriesContext(connection) as queries:
        assert len(read_csv(Contact.objects.all())) == 6
    assert len(queries) == 2


def test_an_export_of_more_rows_than_a_chunk_is_complete_and_has_no_duplicates(
    django_assert_num_queries,
):
    # Ties on created_at across chunk borders: the id breaks them.
    ContactFactory.create_batch(23)
    Contact.objects.filter(pk__in=Contact.objects.values("pk")[:10]).update(
        created_at=Contact.objects.first().created_at
    )
    expected = sorted(Contact.objects.values_list("email", flat=True))

    # 23 rows, 5 a chunk: 5 chunks, the last one short; each reads its contacts' profiles too
    with django_assert_num_queries(10):
        rows = read_csv(Contact.objects.all(), chunk_size=5)

    emails = [row[0] for row in rows[1:]]
    assert len(emails) == len(set(emails)) == 23
    assert sorted(emails) == expected


def test_the_export_is_newest_first():
    contacts = ContactFactory.create_batch(4)
    for age, contact in enumerate(contacts):
        Contact.objects.filter(pk=contact.pk).update(
            created_at=timezone.now() - timedelta(days=age)
        )

    emails = [row[0] for row in read_csv(Contact.objects.all(), chunk_size=3)[1:]]

    assert emails == [contact.email for contact in contacts]


def test_an_exact_multiple_of_the_chunk_ends_with_an_empty_query(django_assert_num_queries):
    ContactFactory.create_batch(6)

    with django_assert_num_queries(5):  # two chunks and their profiles, then the empty one
        assert len(read_csv(Contact.objects.all(), chunk_size=3)) == 7


def test_the_export_keeps_the_filter():
    kept = ContactFactory.create_batch(4, email_type="generic")
    ContactFactory.create_batch(3, email_type="personal")

    rows = read_csv(Contact.objects.filter(email_type="generic"), chunk_size=2)

    assert sorted(row[0] for row in rows[1:]) == sorted(c.email for c in kept)


def test_rows_written_during_an_export_are_neither_repeated_nor_lost():
    ContactFactory.create_batch(6)
    before = set(Contact.objects.values_list("email", flat=True))
    lines = contacts_csv_lines(Contact.objects.all(), chunk_size=2)
    read = [next(lines), next(lines)]  # the header and the first row
    ContactFactory.create_batch(3)  # newer than anything: before the export's start

    read.extend(lines)

    emails = [row[0] for row in csv.reader(io.StringIO("".join(read)))][1:]
    assert len(emails) == len(set(emails))
    assert set(emails) == before
