"""Reads across the job: what ``audit_pages``, the API's ``/pipeline``, the admin dashboard and
``/healthz`` show. The job's app sits above pages and contacts, so it is where they meet."""

from django_q.models import Task

from contacts.selectors import contacts_count
from extraction.render import rendering_status
from extraction.schedule import SCHEDULE_NAME
from pages.selectors import domain_numbers, page_numbers


def pipeline_summary() -> dict:
    """Every number an operator needs to see whether the pipeline is healthy."""
    return {
        **page_numbers(),
        "contacts": contacts_count(),
        "rendering": rendering_status(),
        "discovery": domain_numbers(),
    }


def last_job_run() -> dict | None:
    """When the scheduled job last ran (django-q2's task record), or None if it never has."""
    return (
        Task.objects.filter(group=SCHEDULE_NAME)
        .order_by("-started")
        .values("started", "stopped", "success", "result")
        .first()
    )
