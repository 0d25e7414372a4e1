"""Query-string filters of the pages list. Bad values are a 400 naming the parameter: a filter
that silently ignored a typo would return every page."""

import django_filters

from core.api.filters import StrictFilterSet
from core.web_addresses import host_for_lookup
from pages.models import ContactScrapeStatus, Page, PageCurationStatus, PageProcessingStatus

NOT_QUEUED = "none"  # processing status NULL: never queued


class StableOrderingFilter(django_filters.OrderingFilter):
    """Ordering from an allow-list, with the primary key last so that pages of a list never
    overlap or skip rows that tie."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "-pk") if value else qs


class PageFilter(StrictFilterSet):
    curation_status = django_filters.ChoiceFilter(
        field_name="page_curation_status", choices=PageCurationStatus.choices
    )
    processing_status = django_filters.ChoiceFilter(
        choices=[*PageProcessingStatus.choices, (NOT_QUEUED, "Never queued (NULL)")],
        method="filter_processing_status",
    )
    contact_scrape_status = django_filters.ChoiceFilter(choices=ContactScrapeStatus.choices)
    domain = django_filters.CharFilter(method="filter_domain", help_text="Host name, exactly.")
    search = django_filters.CharFilter(
        field_name="url", lookup_expr="icontains", help_text="Text anywhere in the URL."
    )
    ordering = StableOrderingFilter(
        fields=[
            ("created_at", "created_at"),
            ("updated_at", "updated_at"),
            ("processed_at", "processed_at"),
            ("url", "url"),
            ("domain__name", "domain"),
        ]
    )

    class Meta:
        model = Page
        fields: list[str] = []

    def filter_processing_status(self, queryset, name, value):
        if value == NOT_QUEUED:
            return queryset.filter(page_processing_status__isnull=True)
        return queryset.filter(page_processing_status=value)

    def filter_domain(self, queryset, name, value):
        return queryset.filter(domain__name=host_for_lookup(value))
