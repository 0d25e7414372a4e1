from urllib.parse import urlencode

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from pages.admin.inlines import SocialProfileInline
from pages.admin.queries import count_of
from pages.models import Domain


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["name", "pages", "contacts", "profiles", "needs_rendering", "created_at"]
    list_filter = ["needs_rendering"]
    search_fields = ["name"]
    list_per_page = 100
    inlines = [SocialProfileInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(page_count=count_of(Domain, "pages"))
            .annotate(contact_count=count_of(Domain, "contacts"))
            .annotate(profile_count=count_of(Domain, "social_profiles"))
        )

    @admin.display(description="pages", ordering="page_count")
    def pages(self, domain):
        return self._link("admin:pages_page_changelist", domain, domain.page_count)

    @admin.display(description="contacts", ordering="contact_count")
    def contacts(self, domain):
        return self._link("admin:contacts_contact_changelist", domain, domain.contact_count)

    @admin.display(description="social profiles", ordering="profile_count")
    def profiles(self, domain):
        return self._link("admin:contacts_socialprofile_changelist", domain, domain.profile_count)

    def _link(self, url_name, domain, count):
        url = f"{reverse(url_name)}?{urlencode({'domain': domain.name})}"
        return format_html('<a href="{}">{}</a>', url, count)
