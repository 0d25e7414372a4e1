from urllib.parse import urlencode

from django.contrib import admin, messages
from django.urls import path, reverse
from django.utils.html import format_html

from pages.admin.importing import import_view
from pages.admin.inlines import ReadOnlyInline, SocialProfileInline, external_link
from pages.admin.pages import PageAdmin, badge
from pages.admin.queries import count_of
from pages.models import Domain, Page
from pages.selectors import candidate_pages
from pages.services.domains import domains_archive, domains_select

ROBOTS_LABELS = {"": "not read", "Fetched": "read", "Missing": "none (allow all)"}


class CandidatePageInline(ReadOnlyInline):
    """The pages discovery proposed, the best first; the page list's actions act on them."""

    model = Page
    fields = ["page_link", "discovery_score", "page_kind", "discovered_via", "statuses"]
    verbose_name_plural = "candidate pages (best first)"

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-discovery_score", "url")

    @admin.display(description="URL")
    def page_link(self, page):
        return external_link(page.url)

    @admin.display(description="curation · processing · scrape")
    def statuses(self, page):
        return format_html(
            "{} {} {}",
            badge(page.page_curation_status),
            badge(page.page_processing_status),
            badge(page.contact_scrape_status, page.get_contact_scrape_status_display()),
        )


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    change_list_template = "admin/pages/domain/change_list.html"
    list_display = [
        "name",
        "curation",
        "discovery",
        "robots",
        "pages",
        "selected_pages",
        "contacts",
        "profiles",
        "discovered_at",
        "needs_rendering",
    ]
    list_filter = ["domain_curation_status", "discovery_status", "robots_status", "needs_rendering"]
    search_fields = ["name"]
    list_per_page = 100
    inlines = [CandidatePageInline, SocialProfileInline]
    actions = ["discover_pages", "archive"]
    fieldsets = [
        (None, {"fields": ["name", "homepage_url", "domain_curation_status"]}),
        (
            "Discovery",
            {
                "fields": [
                    "discovery_status",
                    "discovery_error",
                    "discovery_attempts",
                    "discovery_requests",
                    "discovered_at",
                    "candidates_link",
                ]
            },
        ),
        ("robots.txt", {"fields": ["robots_status", "robots_fetched_at", "robots_txt"]}),
    ]
    readonly_fields = [
        "discovery_status",
        "discovery_error",
        "discovery_attempts",
        "discovery_requests",
        "discovered_at",
        "candidates_link",
        "robots_status",
        "robots_fetched_at",
        "robots_txt",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(page_count=count_of(Domain, "pages"))
            .annotate(selected_count=count_of(Domain, "pages", page_curation_status="Selected"))
            .annotate(contact_count=count_of(Domain, "contacts"))
            .annotate(profile_count=count_of(Domain, "social_profiles"))
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="pages_domain_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        return import_view(self, request, domains=True)

    @admin.display(description="curation", ordering="domain_curation_status")
    def curation(self, domain):
        return badge(domain.domain_curation_status)

    @admin.display(description="discovery", ordering="discovery_status")
    def discovery(self, domain):
        if domain.discovery_status == "Error":
            return format_html(
                '<span title="{}">{}</span>', domain.discovery_error[:500], badge("Error")
            )
        return badge(domain.discovery_status)

    @admin.display(description="robots.txt", ordering="robots_status")
    def robots(self, domain):
        if domain.robots_status == "Unavailable":
            return badge("Error", "unavailable")
        return ROBOTS_LABELS.get(domain.robots_status, domain.robots_status)

    @admin.display(description="pages", ordering="page_count")
    def pages(self, domain):
        return self._link("admin:pages_page_changelist", domain, domain.page_count)

    @admin.display(description="selected", ordering="selected_count")
    def selected_pages(self, domain):
        return domain.selected_count

    @admin.display(description="contacts", ordering="contact_count")
    def contacts(self, domain):
        return self._link("admin:contacts_contact_changelist", domain, domain.contact_count)

    @admin.display(description="social profiles", ordering="profile_count")
    def profiles(self, domain):
        return self._link("admin:contacts_socialprofile_changelist", domain, domain.profile_count)

    @admin.display(description="candidate pages")
    def candidates_link(self, domain):
        count = candidate_pages(domain).filter(discovery_score__isnull=False).count()
        by_score = f"-{PageAdmin.list_display.index('score') + 1}"  # the admin's column order
        query = urlencode({"domain": domain.name, "o": by_score})
        url = f"{reverse('admin:pages_page_changelist')}?{query}"
        return format_html('<a href="{}">{} scored pages, with the page actions</a>', url, count)

    def _link(self, url_name, domain, count):
        url = f"{reverse(url_name)}?{urlencode({'domain': domain.name})}"
        return format_html('<a href="{}">{}</a>', url, count)

    @admin.action(description="Discover pages", permissions=["change"])
    def discover_pages(self, request, queryset):
        ids = list(queryset.values_list("id", flat=True))
        result = domains_select(domain_ids=ids, acting_user=request.user)
        self.message_user(
            request,
            f"{result.updated_count} selected, {result.queued_count} queued for discovery.",
            messages.SUCCESS,
        )

    @admin.action(description="Archive", permissions=["change"])
    def archive(self, request, queryset):
        ids = list(queryset.values_list("id", flat=True))
        result = domains_archive(domain_ids=ids, acting_user=request.user)
        self.message_user(request, f"{result.updated_count} archived.", messages.SUCCESS)
