from datetime import UTC, date, datetime, timedelta

import pytest

from contacts.models import Contact
from contacts.selectors import contacts_per_day
from contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def found_on(day: date, count: int):
    for _ in range(count):
        contact = ContactFactory()
        stamp = datetime(day.year, day.month, day.day, 23, 30, tzinfo=UTC)
        Contact.objects.filter(pk=contact.pk).update(created_at=stamp)


def test_contacts_per_day_counts_each_day_and_fills_the_gaps():
    today = date(2026, 11, 23)
    found_on(today, 2)
    found_on(today - timedelta(days=3), 1)
    found_on(today - timedelta(days=29), 4)
    found_on(today - timedelta(days=30), 7)  # one day too old
    found_on(today + timedelta(days=1), 5)  # the future is not counted either
    series = contacts_per_day(days=30, today=today)
    assert len(series) == 30
    assert series[0] == (today - timedelta(days=29), 4)
    assert series[-1] == (today, 2)
    assert dict(series)[today - timedelta(days=3)] == 1
    assert sum(count for _, count in series) == 7
