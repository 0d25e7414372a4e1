import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.export import COLUMNS, contacts_csv_lines
from contacts.models import Contact
from contacts.tests.factories import ContactFactory, SocialProfileFactory

pytestmark = pytest.mark.django_db


def read_csv(queryset):
    return list(csv.reader(io.StringIO("".join(contacts_csv_lines(queryset)))))


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
