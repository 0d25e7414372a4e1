from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from contacts.models import Contact, SocialProfile
from contacts.services import (
    InvalidSocialProfile,
    PageFindings,
    PageProfiles,
    contacts_mark_still_on_page,
    contacts_record_found,
    social_profiles_record_found,
)
from contacts.tests.factories import ContactFactory, SocialProfileFactory
from pages.tests.factories import DomainFactory, PageFactory

pytestmark = pytest.mark.django_db
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
TUESDAY = MONDAY + timedelta(days=1)


@dataclass(frozen=True)
class Profile:
    """Shaped as the extractor's ``ExtractedProfile``."""

    network: str
    url: str
    handle: str
    contact_email: str = ""


def linkedin(handle: str, email: str = "") -> Profile:
    return Profile("linkedin", f"https://www.linkedin.com/{handle}", handle, email)


@pytest.fixture
def page():
    return PageFactory(domain=DomainFactory(name="firm.example.org"))


def record(page, profiles, seen_at=MONDAY) -> int:
    return social_profiles_record_found(
        findings=[PageProfiles(page.pk, page.domain_id, profiles)], now=seen_at
    )


def test_a_pages_profiles_are_stored_in_one_statement(page):
    ContactFactory(page=page, domain=page.domain, email="jane@firm.example.org")
    profiles = [
        linkedin("company/firm"),
        linkedin("in/jane-doe", "Jane@Firm.example.org"),
        Profile("github", "https://github.com/firm", "firm"),
    ]
    with CaptureQueriesContext(connection) as queries:
        assert record(page, profiles) == 3
    inserts = [q for q in queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1 and len(queries) == 2  # the contacts' ids, then the upsert
    stored = {(p.network, p.handle): p for p in SocialProfile.objects.all()}
    assert set(stored) == {
        ("linkedin", "company/firm"),
        ("linkedin", "in/jane-doe"),
        ("github", "firm"),
    }
    assert stored["linkedin", "in/jane-doe"].contact.email == "jane@firm.example.org"
    assert stored["linkedin", "company/firm"].contact is None
    assert stored["github", "firm"].url == "https://github.com/firm"
    assert all(p.page_id == page.pk and p.last_seen_at == MONDAY for p in stored.values())


def test_found_again_it_is_updated_not_duplicated(page):
    jane = ContactFactory(page=page, domain=page.domain, email="jane@firm.example.org")
    record(page, [linkedin("in/jane-doe", jane.email)])
    first = SocialProfile.objects.get()
    other_page = PageFactory(domain=page.domain)
    moved = Profile("linkedin", "https://www.linkedin.com/in/jane-doe/", "in/jane-doe")
    record(other_page, [moved], seen_at=TUESDAY)

    again = SocialProfile.objects.get()
    assert again.pk == first.pk
    assert (again.page_id, again.url, again.last_seen_at) == (other_page.pk, moved.url, TUESDAY)
    assert again.created_at == first.created_at
    assert again.contact_id == jane.pk  # kept: this page shows it without the person


def test_the_same_handle_on_another_domain_is_another_profile(page):
    record(page, [linkedin("company/firm")])
    elsewhere = PageFactory(domain=DomainFactory(name="partner.example.org"))
    record(elsewhere, [linkedin("company/firm")])
    assert SocialProfile.objects.count() == 2


def test_a_handle_linked_twice_on_a_page_counts_once_with_the_persons_link(page):
    ContactFactory(page=page, domain=page.domain, email="jane@firm.example.org")
    footer, card = linkedin("in/jane-doe"), linkedin("in/jane-doe", "jane@firm.example.org")
    assert record(page, [footer, card, footer]) == 1
    assert SocialProfile.objects.get().contact.email == "jane@firm.example.org"


def test_no_profiles_writes_nothing(page):
    with CaptureQueriesContext(connection) as queries:
        assert record(page, []) == 0
    assert len(queries) == 0


@pytest.mark.parametrize(
    "bad",
    [
        Profile("myspace", "https://myspace.com/firm", "firm"),
        Profile("github", "https://github.com/firm", ""),
        Profile("github", "javascript:alert(1)", "firm"),
        Profile("github", "https://github.com/" + "x" * 2100, "x" * 2100),
    ],
)
def test_bad_profiles_are_refused_and_nothing_is_written(page, bad):
    with pytest.raises(InvalidSocialProfile):
        record(page, [linkedin("company/firm"), bad])
    assert not SocialProfile.objects.exists()


def test_it_works_inside_the_callers_transaction_and_rolls_back_with_it(page):
    with pytest.raises(RuntimeError), transaction.atomic():
        record(page, [linkedin("company/firm")])
        assert SocialProfile.objects.count() == 1
        raise RuntimeError("the job's write failed")
    assert not SocialProfile.objects.exists()


def test_the_database_refuses_a_duplicate_and_an_empty_handle(page):
    SocialProfileFactory(page=page, domain=page.domain, handle="company/firm")
    with pytest.raises(IntegrityError), transaction.atomic():
        SocialProfileFactory(page=page, domain=page.domain, handle="company/firm")
    with pytest.raises(IntegrityError), transaction.atomic():
        SocialProfileFactory(page=page, domain=page.domain, handle="")


def test_many_pages_profiles_go_in_one_statement_the_later_page_winning(page):
    other = PageFactory(domain=page.domain)
    elsewhere = PageFactory(domain=DomainFactory(name="partner.example.org"))
    findings = [
        PageProfiles(page.pk, page.domain_id, [linkedin("company/firm")]),
        PageProfiles(other.pk, other.domain_id, [linkedin("company/firm")]),
        PageProfiles(elsewhere.pk, elsewhere.domain_id, [linkedin("company/firm")]),
    ]
    with CaptureQueriesContext(connection) as queries:
        assert social_profiles_record_found(findings=findings, now=MONDAY) == 2
    assert len(queries) == 1
    assert dict(SocialProfile.objects.values_list("domain__name", "page_id")) == {
        "firm.example.org": other.pk,
        "partner.example.org": elsewhere.pk,
    }


@dataclass(frozen=True)
class Found:
    """Shaped as the extractor's ``ExtractedContact`` (with ``position``)."""

    email: str
    phone: str = ""
    name: str = ""
    email_type: str = "personal"
    found_by: str = "text"
    position: str = ""


def write_contacts(page, contacts, now):
    finding = PageFindings(page.pk, page.domain_id, page.url, contacts)
    return contacts_record_found(findings=[finding], now=now)


def test_the_job_stores_the_position_and_keeps_it_when_a_later_run_shows_none(page):
    write_contacts(page, [Found("ann@firm.example.org", position="Partner")], MONDAY)
    assert Contact.objects.get().position == "Partner"
    write_contacts(page, [Found("ann@firm.example.org")], TUESDAY)
    assert Contact.objects.get().position == "Partner"
    write_contacts(page, [Found("ann@firm.example.org", position="Managing Partner")], TUESDAY)
    assert Contact.objects.get().position == "Managing Partner"


def test_contacts_not_found_again_are_no_longer_on_the_page(page):
    write_contacts(page, [Found(f"{name}@firm.example.org") for name in ("kept", "gone")], MONDAY)
    elsewhere = PageFactory()
    write_contacts(elsewhere, [Found("other@elsewhere.example.org")], MONDAY)

    write_contacts(page, [Found("kept@firm.example.org")], TUESDAY)
    with CaptureQueriesContext(connection) as queries:
        changed = contacts_mark_still_on_page(page_ids=[page.pk, elsewhere.pk], now=TUESDAY)

    assert (changed, len(queries)) == (2, 1)  # "gone" (page), "other" (elsewhere, not seen)
    still = dict(Contact.objects.values_list("email", "still_on_page"))
    assert still == {
        "kept@firm.example.org": True,
        "gone@firm.example.org": False,
        "other@elsewhere.example.org": False,
    }


def test_a_contact_found_again_is_back_on_its_page(page):
    write_contacts(page, [Found("ann@firm.example.org")], MONDAY)
    contacts_mark_still_on_page(page_ids=[page.pk], now=TUESDAY)  # a run that found nobody
    assert not Contact.objects.get().still_on_page
    write_contacts(page, [Found("ann@firm.example.org")], TUESDAY + timedelta(days=1))
    contacts_mark_still_on_page(page_ids=[page.pk], now=TUESDAY + timedelta(days=1))
    assert Contact.objects.get().still_on_page


def test_pages_not_passed_are_left_alone(page):
    write_contacts(page, [Found("ann@firm.example.org")], MONDAY)
    assert contacts_mark_still_on_page(page_ids=[], now=TUESDAY) == 0
    assert Contact.objects.get().still_on_page
