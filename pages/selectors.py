"""Reads of pages; ``page_numbers`` is their part of ``extraction.selectors.pipeline_summary``."""

from collections.abc import Collection
from datetime import timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Left, StrIndex

from jobs import claims
from pages.models import (
    ContactScrapeStatus,
    DiscoveryStatus,
    Domain,
    DomainCurationStatus,
    Page,
    PageCurationStatus,
    PageProcessingStatus,
)
from pages.queue import DOMAIN_JOB, PAGE_JOB

ERROR_REASON_LENGTH = 80
# Errors that another attempt cannot fix (a 4xx but 429, a refused address, a bad redirect…).
PERMANENT_ERROR = (
    r"^(HTTP 4([0-1][0-9]|2[0-8]|[3-9][0-9])|Refused|Too large|Bad redirect|Disallowed)"
)


def stuck_pages(*, older_than: timedelta | None = None) -> QuerySet[Page]:
    """Pages whose worker stopped heart-beating (for longer than the lease by default): the
    worker is gone, and the lease will give them back to the queue."""
    seconds = None if older_than is None else int(older_than.total_seconds())
    return claims.expired(PAGE_JOB, lease_seconds=seconds)


def failed_pages(*, transient_only: bool = False) -> QuerySet[Page]:
    """``Error`` pages; ``transient_only`` leaves out the failures another attempt cannot fix."""
    failed = Page.objects.filter(page_processing_status=PageProcessingStatus.ERROR)
    if transient_only:
        failed = failed.exclude(page_processing_error__regex=PERMANENT_ERROR)
    return failed


def orphan_pages() -> QuerySet[Page]:
    """Selected but invisible to the job; the CHECK constraint should keep this empty."""
    return Page.objects.filter(
        page_curation_status=PageCurationStatus.SELECTED, page_processing_status__isnull=True
    )


def _error_pages_with_reason() -> QuerySet[Page]:
    """``Error`` pages annotated with ``reason``: the text before the first colon of the message."""
    colon = StrIndex("page_processing_error", Value(":"))
    reason_length = Case(
        When(colon__gt=0, colon__lte=ERROR_REASON_LENGTH, then=F("colon") - 1),
        default=Value(ERROR_REASON_LENGTH),
        output_field=IntegerField(),
    )
    return (
        Page.objects.filter(page_processing_status=PageProcessingStatus.ERROR)
        .annotate(colon=colon)
        .annotate(reason=Left("page_processing_error", reason_length))
    )


def error_reasons() -> QuerySet:
    """``Error`` pages grouped by the text before the first colon of their message."""
    return (
        _error_pages_with_reason()
        .values("reason")  # type: ignore[misc]
        .annotate(count=Count("id"))
        .order_by("-count", "reason")
    )


def pages_with_error_reason(*, reason: str) -> QuerySet[Page]:
    """The pages that ``error_reasons`` counts under ``reason`` (the admin links to them)."""
    return _error_pages_with_reason().filter(reason=reason)  # type: ignore[misc]


def _counts(field: str, choices) -> dict[str, int]:
    found = dict(Page.objects.order_by().values_list(field).annotate(n=Count("id")))
    counts = {value: found.get(value, 0) for value in choices.values}
    if None in found or field == "page_processing_status":
        counts["none"] = found.get(None, 0)
    return counts


def page_numbers() -> dict:
    """Every number of the pages an operator needs to see whether the pipeline is healthy."""
    totals = Page.objects.aggregate(
        pages=Count("id"),
        complete_without_contacts=Count(
            "id",
            filter=Q(
                page_processing_status=PageProcessingStatus.COMPLETE,
                contact_scrape_status=ContactScrapeStatus.NO_CONTACT_FOUND,
            ),
        ),
        last_processed_at=Max("processed_at"),
    )
    by_processing = _counts("page_processing_status", PageProcessingStatus)
    return {
        "pages": totals["pages"],
        "curation_status": _counts("page_curation_status", PageCurationStatus),
        "processing_status": by_processing,
        "contact_scrape_status": _counts("contact_scrape_status", ContactScrapeStatus),
        "queue_depth": by_processing[PageProcessingStatus.QUEUED],
        "stuck": stuck_pages().count(),
        "orphans": orphan_pages().count(),
        "errors_by_reason": [
            {"reason": row["reason"], "count": row["count"]} for row in error_reasons()
        ],
        "complete_without_contacts": totals["complete_without_contacts"],
        "last_processed_at": totals["last_processed_at"],
    }


def pages_for_listing() -> QuerySet[Page]:
    """Pages with their domain name, newest first: one query whatever the page size."""
    return Page.objects.select_related("domain").order_by("-created_at", "-pk")


def stuck_domains(*, older_than: timedelta | None = None) -> QuerySet[Domain]:
    """Domains whose discovering worker stopped heart-beating; the lease gives them back."""
    seconds = None if older_than is None else int(older_than.total_seconds())
    return claims.expired(DOMAIN_JOB, lease_seconds=seconds)


def failed_domains(*, transient_only: bool = False) -> QuerySet[Domain]:
    """``Error`` domains; ``transient_only`` leaves out failures another attempt cannot fix."""
    failed = Domain.objects.filter(discovery_status=DiscoveryStatus.ERROR)
    if transient_only:
        failed = failed.exclude(discovery_error__regex=PERMANENT_ERROR)
    return failed


def orphan_domains() -> QuerySet[Domain]:
    """Selected but invisible to discovery; the CHECK constraint should keep this empty."""
    return Domain.objects.filter(
        domain_curation_status=DomainCurationStatus.SELECTED, discovery_status__isnull=True
    )


def domain_numbers() -> dict:
    """Discovery's part of the pipeline summary."""
    found = dict(Domain.objects.order_by().values_list("discovery_status").annotate(n=Count("id")))
    by_status = {value: found.get(value, 0) for value in DiscoveryStatus.values}
    by_status["none"] = found.get(None, 0)
    curation = dict(
        Domain.objects.order_by().values_list("domain_curation_status").annotate(n=Count("id"))
    )
    return {
        "domains": sum(found.values()),
        "domain_curation_status": {
            value: curation.get(value, 0) for value in DomainCurationStatus.values
        },
        "discovery_status": by_status,
        "discovery_queue_depth": by_status[DiscoveryStatus.QUEUED],
        "discovery_stuck": stuck_domains().count(),
        "domain_orphans": orphan_domains().count(),
        "last_discovered_at": Domain.objects.aggregate(last=Max("discovered_at"))["last"],
    }


def domains_for_listing() -> QuerySet[Domain]:
    return Domain.objects.order_by("name", "pk")


def candidate_pages(domain: Domain) -> QuerySet[Page]:
    """A domain's pages, the best candidates first (pages nobody scored come last)."""
    return domain.pages.order_by(F("discovery_score").desc(nulls_last=True), "url")


def robots_caches(domain_ids) -> dict:
    """Each domain's cached robots.txt: id → (status, text, fetched_at)."""
    rows = Domain.objects.filter(id__in=list(domain_ids)).values_list(
        "id", "robots_status", "robots_txt", "robots_fetched_at"
    )
    return {row[0]: row[1:] for row in rows}


def domains_needing_rendering(*, domain_ids: Collection[Any]) -> set[Any]:
    """Of these domains, the ones known to need a browser (``Domain.needs_rendering``)."""
    return set(
        Domain.objects.filter(id__in=domain_ids, needs_rendering=True).values_list("id", flat=True)
    )
