import csv
import io

import pytest

from contacts.export import COLUMNS, contacts_csv_lines
from contacts.models import Contact
from contacts.tests.factories import ContactFactory

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
