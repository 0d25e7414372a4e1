"""``/admin/pipeline/``: the numbers ``audit_pages`` prints, with links into the page list."""

from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse

from contacts.selectors import contacts_per_day
from core.charts import bar_chart_svg
from extraction.selectors import last_job_run, pipeline_summary
from pages.admin.pages import badge
from pages.models import ContactScrapeStatus, PageCurationStatus, PageProcessingStatus

CHART_DAYS = 30
STATUS_TABLES = [
    # (title, key in pipeline_summary(), the Page field it counts, its choices)
    ("Curation", "curation_status", "page_curation_status", PageCurationStatus),
    ("Processing", "processing_status", "page_processing_status", PageProcessingStatus),
    ("Contact scrape", "contact_scrape_status", "contact_scrape_status", ContactScrapeStatus),
]


def _pages_url(**params) -> str:
    return f"{reverse('admin:pages_page_changelist')}?{urlencode(params)}"


def _status_rows(counts: dict, field: str, choices) -> list[dict]:
    """One row a status value (``none`` is NULL), each linking to the list filtered on it."""
    rows = []
    for value, count in counts.items():
        if value == "none":
            label, url = badge(None), _pages_url(**{f"{field}__isnull": "True"})
        else:
            label = badge(value, choices(value).label)
            url = _pages_url(**{f"{field}__exact": value})
        rows.append({"badge": label, "count": count, "url": url})
    return rows


def _error_url(reason: str) -> str:
    if reason:
        return _pages_url(error=reason)
    return _pages_url(page_processing_status__exact=PageProcessingStatus.ERROR)


def pipeline_dashboard(request):
    if not request.user.has_perm("pages.view_page"):
        raise PermissionDenied
    summary = pipeline_summary()
    per_day = contacts_per_day(days=CHART_DAYS)
    context = {
        **admin.site.each_context(request),
        "title": "Pipeline",
        "summary": summary,
        "statuses": [
            (title, _status_rows(summary[key], field, choices))
            for title, key, field, choices in STATUS_TABLES
        ],
        "errors": [
            {**row, "url": _error_url(row["reason"])} for row in summary["errors_by_reason"]
        ],
        "queued_url": _pages_url(page_processing_status__exact=PageProcessingStatus.QUEUED),
        "processing_url": _pages_url(page_processing_status__exact=PageProcessingStatus.PROCESSING),
        "contacts_url": reverse("admin:contacts_contact_changelist"),
        "chart": bar_chart_svg(per_day, title=f"Contacts found per day, last {CHART_DAYS} days"),
        "contacts_in_chart": sum(count for _, count in per_day),
        "chart_days": CHART_DAYS,
        "job_run": last_job_run(),
    }
    return TemplateResponse(request, "admin/pipeline.html", context)
