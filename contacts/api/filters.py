"""Query-string filters of the contacts list and the CSV export (one set serves both)."""

import django_filters

from contacts.models import Contact, SocialNetwork, SocialProfile
from core.api.filters import StrictFilterSet, UtcDateTimeFilter
from core.web_addresses import host_for_lookup

YES_NO = [("true", "true"), ("false", "false")]


class ContactFilter(StrictFilterSet):
    domain = django_filters.CharFilter(method="filter_domain", help_text="Host name, exactly.")
    page = django_filters.UUIDFilter(field_name="page_id", help_text="The page's id.")
    # A choice, not a BooleanFilter: django-filter would ignore "yes" and return everything.
    has_email = django_filters.ChoiceFilter(choices=YES_NO, method="filter_has_email")
    has_phone = django_filters.ChoiceFilter(choices=YES_NO, method="filter_has_phone")
    created_after = UtcDateTimeFilter(
        field_name="created_at", lookup_expr="gte", help_text="ISO 8601; at or after."
    )

    class Meta:
        model = Contact
        fields: list[str] = []

    def filter_domain(self, queryset, name, value):
        return queryset.filter(domain__name=host_for_lookup(value))

    # email and phone_number are NULL when absent, never "".
    def filter_has_email(self, queryset, name, value):
        return queryset.filter(email__isnull=value == "false")

    def filter_has_phone(self, queryset, name, value):
        return queryset.filter(phone_number__isnull=value == "false")


class SocialProfileFilter(StrictFilterSet):
    domain = django_filters.CharFilter(method="filter_domain", help_text="Host name, exactly.")
    network = django_filters.ChoiceFilter(choices=SocialNetwork.choices)
    page = django_filters.UUIDFilter(field_name="page_id", help_text="The page's id.")
    contact = django_filters.UUIDFilter(field_name="contact_id", help_text="The contact's id.")
    has_contact = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_has_contact", help_text="A person's profile, or not."
    )

    class Meta:
        model = SocialProfile
        fields: list[str] = []

    def filter_domain(self, queryset, name, value):
        return queryset.filter(domain__name=value.strip().lower())

    def filter_has_contact(self, queryset, name, value):
        return queryset.filter(contact__isnull=value == "false")
