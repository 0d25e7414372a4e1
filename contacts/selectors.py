"""Reads of contacts."""

from datetime import date, timedelta

from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from contacts.models import Contact, SocialProfile
from pages.models import Page
from pages.selectors import pages_for_listing


def contacts_for_listing() -> QuerySet[Contact]:
    """Contacts with their domain name, newest first: one query whatever the page size."""
    return Contact.objects.select_related("domain").order_by("-created_at", "-pk")


def social_profiles_for_listing() -> QuerySet[SocialProfile]:
    """Profiles with their domain, page and contact, by domain then network: one query."""
    return SocialProfile.objects.select_related("domain", "page", "contact").order_by(
        "domain__name", "network", "handle", "pk"
    )


def contacts_count() -> int:
    return Contact.objects.count()


def pages_with_contacts() -> QuerySet[Page]:
    """Pages (``pages_for_listing``) with each page's contacts and social profiles, fetched in
    one more query each."""
    profiles = SocialProfile.objects.select_related("domain", "page", "contact")
    return pages_for_listing().prefetch_related(
        Prefetch("contacts", queryset=Contact.objects.select_related("domain")),
        Prefetch("social_profiles", queryset=profiles.order_by("network", "handle")),
    )


def contacts_per_day(*, days: int = 30, today: date | None = None) -> list[tuple[date, int]]:
    """Contacts first found on each of the last ``days`` days (today included), oldest first;
    days without any are there with 0, so a chart has no gaps."""
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    found = dict(
        Contact.objects.annotate(day=TruncDate("created_at"))
        .filter(day__gte=first, day__lte=today)
        .order_by()
        .values_list("day")
        .annotate(n=Count("id"))
    )
    days_shown = [first + timedelta(days=offset) for offset in range(days)]
    return [(day, found.get(day, 0)) for day in days_shown]
