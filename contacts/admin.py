from django.contrib import admin
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from contacts.export import contacts_csv_lines
from contacts.models import Contact
from pages.admin.filters import DomainFilter


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "name",
        "phone_number",
        "email_type",
        "found_by",
        "domain",
        "source_page",
        "created_at",
        "last_seen_at",
    ]
    list_filter = [DomainFilter, "created_at", "last_seen_at", "email_type", "found_by"]
    search_fields = ["email", "name", "phone_number"]
    list_select_related = ["domain"]
    list_per_page = 100
    raw_id_fields = ["domain", "page"]
    readonly_fields = ["created_at", "updated_at", "last_seen_at"]
    actions = ["export_csv"]

    @admin.display(description="source page", ordering="source_url")
    def source_page(self, contact):
        """The page's admin view (where the contact came from) and the web page itself."""
        text = Truncator(contact.source_url).chars(60)
        if contact.page_id is None:
            return text
        return format_html(
            '<a href="{}">{}</a> <a href="{}" target="_blank" rel="noopener noreferrer" '
            'title="Open the web page in a new tab">↗</a>',
            reverse("admin:pages_page_change", args=[contact.page_id]),
            text or "page",
            contact.source_url,
        )

    @admin.action(description="Export to CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        """Streams the same CSV the API serves (newest first), for the selected or filtered ones."""
        name = f"contacts-{timezone.now():%Y%m%d-%H%M%S}.csv"
        response = StreamingHttpResponse(
            contacts_csv_lines(queryset),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
