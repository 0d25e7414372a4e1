"""Query-string filters of the contacts list and the CSV export (one set serves both)."""

import django_filters

from contacts.models import Contact

YES_NO = [("true", "true"), ("false", "false")]


class ContactFilter(django_filters.FilterSet):
    domain = django_filters.CharFilter(method="filter_domain", help_text="Host name, exactly.")
    page = django_filters.UUIDFilter(field_name="page_id", help_text="The page's id.")
    # A choice, not a BooleanFilter: django-filter would ignore "yes" and return everything.
    has_email = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_present", field_name="email"
    )
    has_phone = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_present", field_name="phone_number"
    )
    created_after = django_filters.IsoDateTimeFilter(
        field_name="created_at", lookup_expr="gte", help_text="ISO 8601; at or after."
    )

    class Meta:
        model = Contact
        fields = []

    def filter_domain(self, queryset, name, value):
        return queryset.filter(domain__name=value.strip().lower())

    def filter_present(self, queryset, name, value):
        # email and phone_number are NULL when absent, never "".
        return queryset.filter(**{f"{name}__isnull": value == "false"})
