"""Writing a group of pages' results in one transaction: their outcomes (guarded, so a page
reset, re-selected or reclaimed meanwhile is not overwritten) and the contacts they showed.

If the group's transaction fails, each page is written on its own, so one bad row costs only its
own page (which is then ``Error`` with the reason) and never the group's other results."""

import logging
from collections.abc import Sequence

from django.db import DatabaseError, transaction
from django.utils import timezone

from contacts.services import (
    InvalidSocialProfile,
    PageFindings,
    PageProfiles,
    contacts_mark_still_on_page,
    contacts_record_found,
    social_profiles_record_found,
)
from jobs.loop import Written
from jobs.spec import Claim
from pages.models import ContactScrapeStatus
from pages.services.processing import (
    PageOutcome,
    domains_mark_needs_rendering,
    pages_record_outcomes,
    skip_waiting_for_disk,
)

logger = logging.getLogger(__name__)
STORE_ERRORS = (DatabaseError, InvalidSocialProfile)


def write_outcomes(results: Sequence[tuple[Claim, PageOutcome]]) -> Written:
    try:
        return _write_group(results)
    except STORE_ERRORS:
        if len(results) == 1:
            return _write_failure(results[0])
        logger.exception(
            "writing a group of %d results failed; writing them one by one", len(results)
        )
        written = Written()
        for result in results:
            try:
                one = _write_group([result])
            except STORE_ERRORS:
                one = _write_failure(result)
            written = written + one
        return written


def _write_group(results: Sequence[tuple[Claim, PageOutcome]]) -> Written:
    now = timezone.now()
    with transaction.atomic():
        skip_waiting_for_disk()
        ours = pages_record_outcomes(outcomes=results, now=now)
        findings = [
            PageFindings(item.id, item.domain_id, item.url, outcome.contacts)
            for item, outcome in results
            if item.id in ours and outcome.contacts
        ]
        created, updated = contacts_record_found(findings=findings, now=now)
        profiles = [
            PageProfiles(item.id, item.domain_id, outcome.profiles)
            for item, outcome in results
            if item.id in ours and outcome.profiles
        ]
        social_profiles_record_found(findings=profiles, now=now)
        # A failed fetch says nothing of a page's contacts; a page read without any does.
        seen = [item.id for item, outcome in results if item.id in ours and not outcome.failed]
        contacts_mark_still_on_page(page_ids=seen, now=now)
        domains_mark_needs_rendering(
            domain_ids={
                item.domain_id
                for item, outcome in results
                if item.id in ours and outcome.needs_rendering
            }
        )
    failed = sum(1 for item, outcome in results if item.id in ours and outcome.failed)
    return Written(
        complete=len(ours) - failed,
        error=failed,
        stale=len(results) - len(ours),
        counts={"contacts_created": created, "contacts_updated": updated},
    )


def _write_failure(result: tuple[Claim, PageOutcome]) -> Written:
    item, _ = result
    logger.exception("storing the result of %s failed", item.url)
    outcome = PageOutcome(
        scrape_status=ContactScrapeStatus.ERROR,
        error="Could not store the result: the database refused it (see the worker's log)",
    )
    return _write_group([(item, outcome)])
