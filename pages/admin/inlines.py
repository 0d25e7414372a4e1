"""Read-only inlines of what the job found: on the page and domain views here, and on the
contact's view (contacts imports these; this app never imports contacts, it reaches their models
through the reverse relations)."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.text import Truncator

from pages.models import Domain


class ReadOnlyInline(admin.TabularInline):
    """Rows the job writes: listed on their parent's view, edited nowhere."""

    extra = 0
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def external_link(url: str, text: str = ""):
    """A link that opens the web (not the admin) in a new tab."""
    return format_html(
        '<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>',
        url,
        Truncator(text or url).chars(70),
    )


class SocialProfileInline(ReadOnlyInline):
    """The social profiles of a domain, a page or a person."""

    model = Domain._meta.get_field("social_profiles").related_model
    fields = ["network", "handle", "profile_link", "contact", "last_seen_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("contact")

    @admin.display(description="URL")
    def profile_link(self, profile):
        return external_link(profile.url)
