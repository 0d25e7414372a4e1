"""The curator's changes to domains, and importing them. Every write of
``domain_curation_status`` is here; selecting a domain queues its discovery (the same field map as
the save signal: ``DOMAIN_JOB.queue_changes``).

Each takes ``acting_user`` and leaves one admin ``LogEntry`` per domain, as pages' curation does."""

from collections.abc import Iterable, Iterator
from datetime import timedelta
from uuid import UUID

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.exceptions import ApplicationError
from core.web_addresses import InvalidWebAddress, host_of, normalize_url
from pages.models import DiscoveryStatus, Domain, DomainCurationStatus
from pages.queue import DOMAIN_JOB
from pages.selectors import failed_domains
from pages.services.curation import ID_CHUNK, CurationResult, audit, unique_ids
from pages.services.imports import ImportReport

UNCLAIMED = [DiscoveryStatus.QUEUED]


class DomainsNotFound(ApplicationError):
    """Some of the ids asked for are not domains; nothing was changed."""

    field = "domain_ids"

    def __init__(self, missing_ids: Iterable[UUID]):
        self.missing_ids = sorted(str(domain_id) for domain_id in missing_ids)
        super().__init__(f"These ids are not domains: {', '.join(self.missing_ids)}.")

    def extra(self) -> dict:
        return {"unknown_domain_ids": self.missing_ids}


def _domain_sets(ids: list[UUID]) -> Iterator[QuerySet[Domain]]:
    for start in range(0, len(ids), ID_CHUNK):
        yield Domain.objects.filter(id__in=ids[start : start + ID_CHUNK])


@transaction.atomic
def domains_set_curation_status(
    *,
    domain_ids: Iterable[UUID | str],
    status: DomainCurationStatus | str,
    acting_user=None,
) -> CurationResult:
    """Set the curator's status on many domains at once.

    Selecting (or re-selecting) queues discovery; archiving or setting back to New takes the
    domain off the queue if no worker has claimed it yet. All or nothing: when an id is not a
    domain, ``DomainsNotFound`` is raised and nothing changes."""
    status = DomainCurationStatus(status)
    ids = unique_ids(domain_ids)
    found: set[UUID] = set()
    for domains in _domain_sets(ids):
        found.update(domains.values_list("id", flat=True))
    if missing := set(ids) - found:
        raise DomainsNotFound(missing)
    updated = 0
    for domains in _domain_sets(ids):
        if status == DomainCurationStatus.SELECTED:
            updated += domains.update(domain_curation_status=status, **DOMAIN_JOB.queue_changes())
        else:
            updated += domains.update(domain_curation_status=status)
            domains.filter(discovery_status__in=UNCLAIMED).update(discovery_status=None)
        audit(acting_user, domains, f"Curation status set to {status.label}.")
    queued = updated if status == DomainCurationStatus.SELECTED else 0
    return CurationResult(updated_count=updated, queued_count=queued)


def domains_select(*, domain_ids: Iterable[UUID | str], acting_user=None) -> CurationResult:
    """Select domains, which queues (or re-queues) their discovery."""
    return domains_set_curation_status(
        domain_ids=domain_ids, status=DomainCurationStatus.SELECTED, acting_user=acting_user
    )


def domains_archive(*, domain_ids: Iterable[UUID | str], acting_user=None) -> CurationResult:
    return domains_set_curation_status(
        domain_ids=domain_ids, status=DomainCurationStatus.ARCHIVED, acting_user=acting_user
    )


@transaction.atomic
def domains_requeue_failed(*, acting_user=None) -> int:
    """Put ``Error`` domains whose failure may pass (robots.txt unavailable, a timeout) back in
    the discovery queue."""
    ids = list(failed_domains(transient_only=True).values_list("id", flat=True))
    requeued = 0
    for domains in _domain_sets(ids):
        requeued += domains.update(
            domain_curation_status=DomainCurationStatus.SELECTED, **DOMAIN_JOB.queue_changes()
        )
        audit(acting_user, domains, "Discovery re-queued after an error.")
    return requeued


ROBOTS_UNAVAILABLE = "Robots.txt unavailable"


def domains_retry_unavailable_robots(*, older_than: timedelta) -> int:
    """Domains whose discovery stopped at a robots.txt that did not answer, ``older_than`` ago,
    go back to the queue: "fetch nothing now, retry later" (the scheduled tick calls this)."""
    return Domain.objects.filter(
        discovery_status=DiscoveryStatus.ERROR,
        domain_curation_status=DomainCurationStatus.SELECTED,
        discovery_error__startswith=ROBOTS_UNAVAILABLE,
        discovered_at__lt=timezone.now() - older_than,
    ).update(**DOMAIN_JOB.queue_changes())


def normalize_domain_entry(raw: str) -> tuple[str, str]:
    """``(host, homepage_url)`` from a host name or a homepage URL; a bare name means https."""
    text = raw.strip()
    if text and "://" not in text:
        text = f"https://{text}"
    url = normalize_url(text)
    return host_of(url), url


@transaction.atomic
def domains_import(*, lines: Iterable[tuple[int, str]], select: bool = True) -> ImportReport:
    """Create the domains that are new, skip the known ones, report the invalid lines; selecting
    (the default) queues discovery of the new ones."""
    report = ImportReport()
    wanted: dict[str, str] = {}
    for number, text in lines:
        try:
            host, homepage = normalize_domain_entry(text)
        except InvalidWebAddress as exc:
            report.invalid.append((number, text, str(exc)))
            continue
        if host in wanted:
            report.skipped += 1
        else:
            wanted[host] = homepage
    existing: set[str] = set()
    names = list(wanted)
    for start in range(0, len(names), 5000):
        chunk = names[start : start + 5000]
        existing.update(Domain.objects.filter(name__in=chunk).values_list("name", flat=True))
    report.skipped += len(existing)
    domains = [
        Domain(name=host, homepage_url=homepage)
        for host, homepage in wanted.items()
        if host not in existing
    ]
    Domain.objects.bulk_create(domains, batch_size=2000, ignore_conflicts=True)
    report.created_ids = [domain.id for domain in domains]
    report.created = len(domains)
    if select and domains:
        report.queued = domains_select(domain_ids=report.created_ids).queued_count
    return report
