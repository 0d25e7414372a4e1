"""The page queue as the job loop sees it: which fields of a page hold the job's state."""

from django.conf import settings

from jobs.spec import JobSpec
from pages.models import ContactScrapeStatus, Page, PageProcessingStatus

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
