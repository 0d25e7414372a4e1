import pytest
from django.db import IntegrityError, connection, transaction

from contacts.models import Contact
from contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_email_is_stored_lower_case():
    contact = ContactFactory(email="  Jane.Doe@Firm.Example.ORG ")
    contact.refresh_from_db()
    assert contact.email == "jane.doe@firm.example.org"


def test_one_contact_per_domain_and_email_in_any_letter_case():
    first = ContactFactory(email="jane@firm.example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactFactory(page=first.page, email="JANE@firm.example.org")


def test_raw_sql_cannot_store_an_upper_case_email():
    first = ContactFactory(email="jane@firm.example.org")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE contacts_contact SET email = 'Jane@X.org' WHERE id = %s", [first.id])


def test_same_email_on_two_domains_is_two_contacts():
    ContactFactory(email="jane@firm.example.org")
    ContactFactory(email="jane@firm.example.org")
    assert Contact.objects.count() == 2


def test_phone_only_contacts_are_unique_per_domain():
    first = ContactFactory(email=None, phone_number="+12025550123")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactFactory(page=first.page, email=None, phone_number="+12025550123")
    ContactFactory(page=first.page, email="desk@firm.example.org", phone_number="+12025550123")


def test_a_contact_needs_an_email_or_a_phone():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactFactory(email="", phone_number="")
