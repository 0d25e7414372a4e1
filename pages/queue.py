"""The queues as the job loop sees them: which fields of a page, or of a domain, hold a job's
state."""

from django.conf import settings

from jobs.spec import JobSpec
from pages.models import ContactScrapeStatus, DiscoveryStatus, Domain, Page, PageProcessingStatus

PAGE_JOB = JobSpec(
    name="page-processing",
    model=Page,
    status_field="page_processing_status",
    queued=PageProcessingStatus.QUEUED,
    processing=PageProcessingStatus.PROCESSING,
    error=PageProcessingStatus.ERROR,
    token_field="processing_started_at",
    heartbeat_field="processing_heartbeat_at",
    attempts_field="processing_attempts",
    queued_at_field="queued_at",
    error_field="page_processing_error",
    finished_field="processed_at",
    lease_seconds=lambda: settings.PAGE_PROCESSING_LEASE_SECONDS,
    max_attempts=lambda: settings.PAGE_PROCESSING_MAX_ATTEMPTS,
    fair_field="domain",
    claim_fields=("url", "domain_id"),
    on_give_up={"contact_scrape_status": ContactScrapeStatus.ERROR},
)

DOMAIN_JOB = JobSpec(
    name="domain-discovery",
    model=Domain,
    status_field="discovery_status",
    queued=DiscoveryStatus.QUEUED,
    processing=DiscoveryStatus.PROCESSING,
    error=DiscoveryStatus.ERROR,
    token_field="discovery_started_at",
    heartbeat_field="discovery_heartbeat_at",
    attempts_field="discovery_attempts",
    queued_at_field="discovery_queued_at",
    error_field="discovery_error",
    finished_field="discovered_at",
    lease_seconds=lambda: settings.DISCOVERY_LEASE_SECONDS,
    max_attempts=lambda: settings.DISCOVERY_MAX_ATTEMPTS,
    claim_fields=("name", "homepage_url", "robots_txt", "robots_status", "robots_fetched_at"),
)
