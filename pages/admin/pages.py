from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from pages.admin.filters import DomainFilter, ErrorReasonFilter
from pages.admin.forms import PageForm
from pages.admin.importing import import_view
from pages.admin.inlines import ReadOnlyInline, SocialProfileInline
from pages.admin.queries import count_of
from pages.models import Page
from pages.services.curation import (
    pages_archive,
    pages_mark_not_a_fit,
    pages_requeue_failed,
    pages_select,
)
from pages.services.imports import domain_for_url
from pages.services.processing import pages_enqueue_processing


def badge(value: str | None, label: str | None = None):
    """A status as a coloured pill; the colours live in admin/wf7_styles.html."""
    if value is None:
        return format_html('<span class="wf7-badge wf7-badge-none">{}</span>', "not queued")
    return format_html(
        '<span class="wf7-badge wf7-badge-{}">{}</span>', value.lower(), label or value
    )


class ContactInline(ReadOnlyInline):
    """The contacts the job found on this page; the job writes them, nobody edits them here."""

    model = Page._meta.get_field("contacts").related_model  # no import: contacts is above pages
    fields = ["email", "name", "position", "phone_number", "email_type", "found_by"]
    fields += ["last_seen_at", "still_on_page"]


# The job's bookkeeping: shown on a page's own view, never edited there.
PROCESSING_FIELDS = [
    "page_processing_status",
    "contact_scrape_status",
    "processing_attempts",
    "processing_started_at",
    "processed_at",
    "fetched_with",
    "duration",
    "error_in_full",
]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    change_list_template = "admin/pages/page/change_list.html"
    change_form_template = "admin/pages/page/change_form.html"
    list_display = [
        "domain_link",
        "url_link",
        "curation",
        "processing",
        "scrape",
        "contacts_found",
        "last_processed",
        "short_error",
        "score",
    ]
    list_display_links = None
    list_filter = [
        "page_curation_status",
        "page_processing_status",
        "contact_scrape_status",
        "fetched_with",
        DomainFilter,
        ErrorReasonFilter,
        "page_kind",
        "discovered_via",
        "created_at",
        "processed_at",
    ]
    search_fields = ["url", "domain__name"]
    list_select_related = ["domain"]
    list_per_page = 100
    form = PageForm
    inlines = [ContactInline, SocialProfileInline]
    fieldsets = [
        (None, {"fields": ["url", "domain", "page_curation_status"]}),
        ("Discovery", {"fields": ["discovery_score", "page_kind", "discovered_via"]}),
        (
            "Processing",
            {"fields": tuple(PROCESSING_FIELDS)},
        ),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    readonly_fields = [
        "domain",
        *PROCESSING_FIELDS,
        "discovery_score",
        "page_kind",
        "discovered_via",
        "created_at",
        "updated_at",
    ]
    actions = ["select_for_extraction", "archive", "mark_not_a_fit", "requeue_failed"]

    def save_model(self, request, obj, form, change):
        """The domain is the URL's host, whatever the URL became."""
        obj.domain = domain_for_url(url=obj.url)
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(contact_count=count_of(Page, "contacts"))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="pages_page_import"),
            path(
                "<path:object_id>/process-now/",
                wrap(require_POST(self.process_now_view)),
                name="pages_page_process_now",
            ),
            *super().get_urls(),
        ]

    # Columns

    @admin.display(description="domain", ordering="domain__name")
    def domain_link(self, page):
        url = f"{reverse('admin:pages_page_changelist')}?{urlencode({'domain': page.domain.name})}"
        return format_html('<a href="{}">{}</a>', url, page.domain)

    @admin.display(description="URL", ordering="url")
    def url_link(self, page):
        """The URL opens the page's own admin view; the arrow opens the web page itself."""
        change = reverse("admin:pages_page_change", args=[page.pk])
        return format_html(
            '<a href="{}">{}</a> <a href="{}" target="_blank" rel="noopener noreferrer" '
            'title="Open the web page in a new tab">↗</a>',
            change,
            Truncator(page.url).chars(70),
            page.url,
        )

    @admin.display(description="curation", ordering="page_curation_status")
    def curation(self, page):
        return badge(page.page_curation_status)

    @admin.display(description="processing", ordering="page_processing_status")
    def processing(self, page):
        return badge(page.page_processing_status)

    @admin.display(description="contact scrape", ordering="contact_scrape_status")
    def scrape(self, page):
        return badge(page.contact_scrape_status, page.get_contact_scrape_status_display())

    @admin.display(description="contacts", ordering="contact_count")
    def contacts_found(self, page):
        return page.contact_count

    @admin.display(description="last processed", ordering="processed_at")
    def last_processed(self, page):
        return page.processed_at

    @admin.display(description="discovery score", ordering="discovery_score")
    def score(self, page):
        if page.discovery_score is None:
            return "—"
        return f"{page.discovery_score:g} ({page.get_page_kind_display() or 'other'})"

    @admin.display(description="error")
    def short_error(self, page):
        error = page.page_processing_error
        if not error:
            return ""
        return format_html('<span title="{}">{}</span>', error[:500], Truncator(error).chars(40))

    @admin.display(description="processing error")
    def error_in_full(self, page):
        if not page.page_processing_error:
            return "—"
        return format_html('<pre class="wf7-error">{}</pre>', page.page_processing_error)

    @admin.display(description="took")
    def duration(self, page):
        started, finished = page.processing_started_at, page.processed_at
        if not (started and finished) or finished < started:
            return "—"
        return f"{(finished - started).total_seconds():.1f} s"

    # Actions: each one UPDATE through the services, and a message that says what happened.

    @admin.action(description="Select for contact extraction", permissions=["change"])
    def select_for_extraction(self, request, queryset):
        result = pages_select(page_ids=_ids(queryset), acting_user=request.user)
        self._say(request, f"{result.updated_count} selected, {result.queued_count} queued.")

    @admin.action(description="Archive", permissions=["change"])
    def archive(self, request, queryset):
        result = pages_archive(page_ids=_ids(queryset), acting_user=request.user)
        self._say(request, f"{result.updated_count} archived, {result.queued_count} queued.")

    @admin.action(description="Mark not a fit", permissions=["change"])
    def mark_not_a_fit(self, request, queryset):
        marked = pages_mark_not_a_fit(page_ids=_ids(queryset), acting_user=request.user)
        self._say(request, f"{marked} marked not a fit.")

    @admin.action(description="Re-queue failed", permissions=["change"])
    def requeue_failed(self, request, queryset):
        ids = _ids(queryset)
        requeued = pages_requeue_failed(page_ids=ids, acting_user=request.user)
        message = f"{requeued} re-queued."
        if len(ids) > requeued:
            message += f" {len(ids) - requeued} not in Error, left as they were."
        self._say(request, message)

    def _say(self, request, message):
        self.message_user(request, message, messages.SUCCESS)

    # Views

    def import_view(self, request):
        return import_view(self, request)

    def process_now_view(self, request, object_id):
        """Queue the page and hand it to the worker now rather than at the next tick."""
        page = self.get_object(request, unquote(object_id))
        if page is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, page):
            raise PermissionDenied
        pages_enqueue_processing(page_ids=[page.pk], acting_user=request.user)
        self._say(request, "Queued and handed to the worker: 1 selected, 1 queued.")
        return HttpResponseRedirect(reverse("admin:pages_page_change", args=[page.pk]))


def _ids(queryset) -> list:
    return list(queryset.values_list("id", flat=True))
