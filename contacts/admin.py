from django.contrib import admin
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from contacts.export import contacts_csv_lines, social_profiles_csv_lines
from contacts.models import Contact, SocialProfile
from pages.admin.filters import DomainFilter
from pages.admin.inlines import SocialProfileInline, external_link


def csv_download(lines, prefix: str) -> StreamingHttpResponse:
    name = f"{prefix}-{timezone.now():%Y%m%d-%H%M%S}.csv"
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


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
        "position",
        "created_at",
        "last_seen_at",
        "still_on_page",
    ]
    list_filter = [
        DomainFilter,
        "created_at",
        "last_seen_at",
        "still_on_page",
        "email_type",
        "found_by",
    ]
    search_fields = ["email", "name", "phone_number", "position"]
    list_select_related = ["domain"]
    list_per_page = 100
    raw_id_fields = ["domain", "page"]
    readonly_fields = ["created_at", "updated_at", "last_seen_at", "still_on_page"]
    inlines = [SocialProfileInline]
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
        return csv_download(contacts_csv_lines(queryset), "contacts")


PROFILE_FIELDS = (
    "network",
    "handle",
    "url",
    "domain",
    "page",
    "contact",
    "last_seen_at",
    "created_at",
    "updated_at",
)


@admin.register(SocialProfile)
class SocialProfileAdmin(admin.ModelAdmin):
    """Found by the job: curators look, filter, export and may delete; nobody edits them."""

    list_display = ["network", "handle", "profile_link", "domain", "page_link", "contact"]
    list_display += ["last_seen_at", "created_at"]
    list_filter = ["network", DomainFilter, "last_seen_at"]
    search_fields = ["handle", "url", "domain__name", "contact__email", "contact__name"]
    list_select_related = ["domain", "page", "contact"]
    list_per_page = 100
    fields = PROFILE_FIELDS
    readonly_fields = PROFILE_FIELDS
    actions = ["export_csv"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="URL", ordering="url")
    def profile_link(self, profile):
        return external_link(profile.url)

    @admin.display(description="page", ordering="page__url")
    def page_link(self, profile):
        if profile.page_id is None:
            return "—"
        change = reverse("admin:pages_page_change", args=[profile.page_id])
        return format_html('<a href="{}">{}</a>', change, Truncator(profile.page.url).chars(60))

    @admin.action(description="Export to CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        """The same CSV as the API's social-profiles export."""
        return csv_download(social_profiles_csv_lines(queryset), "social-profiles")
