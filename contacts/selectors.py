"""Reads of contacts."""

from django.db.models import QuerySet

from contacts.models import Contact


def contacts_for_listing() -> QuerySet[Contact]:
    """Contacts with their domain name, newest first: one query whatever the page size."""
    return Contact.objects.select_related("domain").order_by("-created_at", "-pk")
