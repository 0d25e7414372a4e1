from django.contrib import admin, messages

from pages.models import Domain, Page, PageCurationStatus
from pages.services import set_curation_status


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = [
        "url",
        "domain",
        "page_curation_status",
        "page_processing_status",
        "contact_scrape_status",
        "processed_at",
    ]
    list_filter = ["page_curation_status", "page_processing_status", "contact_scrape_status"]
    search_fields = ["url", "domain__name"]
    list_select_related = ["domain"]
    autocomplete_fields = ["domain"]
    readonly_fields = [
        "page_processing_status",
        "page_processing_error",
        "contact_scrape_status",
        "processing_attempts",
        "processing_started_at",
        "processed_at",
        "created_at",
        "updated_at",
    ]
    actions = ["select_for_extraction", "archive"]

    @admin.action(description="Select for contact extraction", permissions=["change"])
    def select_for_extraction(self, request, queryset):
        self._set_status(request, queryset, PageCurationStatus.SELECTED)

    @admin.action(description="Archive", permissions=["change"])
    def archive(self, request, queryset):
        self._set_status(request, queryset, PageCurationStatus.ARCHIVED)

    def _set_status(self, request, queryset, status):
        result = set_curation_status(page_ids=queryset.values_list("id", flat=True), status=status)
        verb = "selected" if status == PageCurationStatus.SELECTED else "archived"
        self.message_user(
            request,
            f"{result.updated_count} {verb}, {result.queued_count} queued.",
            messages.SUCCESS,
        )
