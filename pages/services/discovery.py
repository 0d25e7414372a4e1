"""Discovery's writes: a domain's outcome (its status, its robots.txt cache) and the pages it
proposed, created ``New`` with their score, kind and origin, the best few selected. One
transaction per group of domains; a domain reset or reclaimed meanwhile is not written."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from jobs import claims
from jobs.spec import Claim
from pages.models import DiscoveryStatus, Domain, Page, PageCurationStatus
from pages.queue import DOMAIN_JOB
from pages.services.curation import pages_set_curation_status
from pages.services.processing import skip_waiting_for_disk, truncate_error


@dataclass(frozen=True)
class ProposedPage:
    url: str  # normalised (``core.web_addresses.normalize_url``)
    score: float
    kind: str
    via: str


@dataclass(frozen=True)
class RobotsCache:
    status: str
    text: str
    fetched_at: datetime | None


@dataclass
class DiscoveryOutcome:
    pages: Sequence[ProposedPage] = ()
    select: Sequence[str] = ()  # URLs of ``pages`` to select (and so queue)
    robots: RobotsCache | None = None  # asked for now: stored on the domain
    requests: int = 0
    error: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.error)


@dataclass
class Recorded:
    complete: int = 0
    error: int = 0
    stale: int = 0
    pages_created: int = 0
    pages_selected: int = 0


def _domain_changes(outcome: DiscoveryOutcome, now: datetime) -> dict:
    changes: dict = {
        "discovery_status": DiscoveryStatus.ERROR if outcome.failed else DiscoveryStatus.COMPLETE,
        "discovery_error": truncate_error(outcome.error or "; ".join(outcome.notes)),
        "discovered_at": now,
        "discovery_requests": outcome.requests,
    }
    if outcome.robots is not None:
        changes.update(
            robots_status=outcome.robots.status,
            robots_txt=outcome.robots.text,
            robots_fetched_at=outcome.robots.fetched_at,
        )
    return changes


def _store_pages(domain_id, proposed: Sequence[ProposedPage]) -> tuple[list, dict]:
    """Create the new pages, rescore the known ones of this domain; ``(created, url → id)``."""
    by_url = {page.url: page for page in proposed}
    known = dict(Page.objects.filter(url__in=list(by_url)).values_list("url", "id"))
    created = [
        Page(
            url=page.url,
            domain_id=domain_id,
            discovery_score=page.score,
            page_kind=page.kind,
            discovered_via=page.via,
        )
        for url, page in by_url.items()
        if url not in known
    ]
    Page.objects.bulk_create(created, ignore_conflicts=True)
    for url, page_id in known.items():
        page = by_url[url]
        Page.objects.filter(id=page_id, domain_id=domain_id).update(
            discovery_score=page.score, page_kind=page.kind
        )
    ids = dict(Page.objects.filter(url__in=list(by_url)).values_list("url", "id"))
    return created, ids


def domains_record_discoveries(
    *, outcomes: Sequence[tuple[Claim, DiscoveryOutcome]], now: datetime
) -> Recorded:
    """Write a group of discoveries in one transaction; pages only for domains still ours."""
    recorded = Recorded()
    with transaction.atomic():
        skip_waiting_for_disk()
        for item, outcome in outcomes:
            ours = Domain.objects.filter(claims.still_claimed(DOMAIN_JOB, [item])).update(
                **_domain_changes(outcome, now)
            )
            if not ours:
                recorded.stale += 1
                continue
            if outcome.failed:
                recorded.error += 1
                continue
            recorded.complete += 1
            created, ids = _store_pages(item.id, outcome.pages)
            recorded.pages_created += len(created)
            wanted = [ids[url] for url in outcome.select if url in ids]
            untouched = Page.objects.filter(
                id__in=wanted,
                domain_id=item.id,
                page_curation_status=PageCurationStatus.NEW,
                page_processing_status__isnull=True,
            ).values_list("id", flat=True)
            if selectable := list(untouched):
                result = pages_set_curation_status(
                    page_ids=selectable, status=PageCurationStatus.SELECTED
                )
                recorded.pages_selected += result.queued_count
    return recorded


def domains_store_robots(*, robots: dict) -> int:
    """Cache the robots.txt the page job read (domain id → ``RobotsCache``) on the domains."""
    stored = 0
    for domain_id, cache in robots.items():
        stored += Domain.objects.filter(id=domain_id).update(
            robots_status=cache.status, robots_txt=cache.text, robots_fetched_at=cache.fetched_at
        )
    return stored
