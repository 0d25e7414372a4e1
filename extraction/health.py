"""Whether the job can run: what ``GET /healthz`` and ``audit_pages`` check. Cheap (a handful of
indexed queries), and says nothing secret."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_q.brokers import get_broker

from extraction.render import rendering_status
from jobs import slots
from pages.models import DiscoveryStatus, Domain, Page, PageProcessingStatus
from pages.queue import PAGE_JOB
from pages.selectors import stuck_domains, stuck_pages

INTERVALS_BEFORE_STALE = 3


@dataclass
class Health:
    checks: dict = field(default_factory=dict)
    failing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failing

    def as_dict(self) -> dict:
        return {"status": "ok" if self.ok else "failing", "failing": self.failing, **self.checks}


def stale_after_seconds() -> int:
    """A drain starts every interval, so several intervals without one finishing is trouble."""
    return settings.PAGE_CURATION_SCHEDULER_INTERVAL_MINUTES * 60 * INTERVALS_BEFORE_STALE


def job_health() -> Health:
    health = Health()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        health.failing.append("database")
        health.checks["database"] = "unreachable"
        return health
    health.checks["database"] = "ok"
    # Shown, never failing: without a browser the job still runs (auto works as never).
    health.checks["rendering"] = rendering_status()
    _check_broker(health)
    _check_job(health)
    return health


def _check_broker(health: Health) -> None:
    try:
        reachable = bool(get_broker().ping())
    except Exception:  # any broker error means the same: tasks cannot be handed out
        reachable = False
    health.checks["broker"] = "ok" if reachable else "unreachable"
    if not reachable:
        health.failing.append("broker")


def _check_job(health: Health) -> None:
    queue_depth = Page.objects.filter(page_processing_status=PageProcessingStatus.QUEUED).count()
    stalled = stuck_pages().count()
    discovery_depth = Domain.objects.filter(discovery_status=DiscoveryStatus.QUEUED).count()
    discovery_stalled = stuck_domains().count()
    last = slots.last_drain_finished(job=PAGE_JOB.name)
    since = None if last is None else round((timezone.now() - last).total_seconds())
    health.checks.update(
        queue_depth=queue_depth,
        stalled=stalled,
        discovery_queue_depth=discovery_depth,
        discovery_stalled=discovery_stalled,
        seconds_since_last_drain=since,
        last_drain_finished_at=last.isoformat() if last else None,
    )
    if since is None or since > stale_after_seconds():
        health.failing.append("job")
    if stalled:
        health.failing.append("stalled")
    if discovery_stalled:
        health.failing.append("discovery_stalled")
