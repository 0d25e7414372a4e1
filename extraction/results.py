"""Writing one page's result: its contacts (upserted on (domain, email), or (domain, phone) for
phone-only ones), its scrape status and ``Complete`` or ``Error``, in one transaction."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from contacts.models import Contact
from extraction.claims import ClaimedPage
from pages.models import ContactScrapeStatus, Page, PageProcessingStatus

MAX_ERROR_LENGTH = 1000
ROWS_PER_STATEMENT = 200
COLUMNS = (
    "id, domain_id, page_id, name, email, phone_number, source_url, email_type, found_by, "
    "last_seen_at, created_at, updated_at"
)
UPDATE_ON_CONFLICT = """DO UPDATE SET
    page_id = excluded.page_id,
    source_url = excluded.source_url,
    name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE contacts_contact.name END,
    phone_number = COALESCE(excluded.phone_number, contacts_contact.phone_number),
    email_type = excluded.email_type,
    found_by = excluded.found_by,
    last_seen_at = excluded.last_seen_at,
    updated_at = excluded.updated_at
RETURNING created_at = last_seen_at"""
EMAIL_TARGET = "ON CONFLICT (domain_id, email)"
PHONE_TARGET = "ON CONFLICT (domain_id, phone_number) WHERE email IS NULL"


@dataclass(frozen=True)
class PageOutcome:
    """What processing found; ``contacts`` are ``extraction.extract`` records."""

    scrape_status: str
    contacts: Sequence = ()
    error: str = ""

    @property
    def failed(self) -> bool:
        return self.scrape_status == ContactScrapeStatus.ERROR


@dataclass
class WriteResult:
    written: bool
    created: int = 0
    updated: int = 0
    contact_ids: list = field(default_factory=list)


def truncate_error(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= MAX_ERROR_LENGTH else message[: MAX_ERROR_LENGTH - 1] + "…"


def write_page_result(*, page: ClaimedPage, outcome: PageOutcome) -> WriteResult:
    """Store the outcome unless the page was reset, re-selected or reclaimed meanwhile."""
    now = timezone.now()
    processing = PageProcessingStatus.ERROR if outcome.failed else PageProcessingStatus.COMPLETE
    with transaction.atomic():
        _skip_waiting_for_disk()
        still_ours = Page.objects.filter(
            id=page.id,
            page_processing_status=PageProcessingStatus.PROCESSING,
            processing_started_at=page.claimed_at,
        ).update(
            page_processing_status=processing,
            contact_scrape_status=outcome.scrape_status,
            page_processing_error=truncate_error(outcome.error),
            processed_at=now,
        )
        if not still_ours:
            return WriteResult(written=False)
        created, updated = upsert_contacts(page=page, contacts=outcome.contacts, now=now)
    return WriteResult(written=True, created=created, updated=updated)


def _skip_waiting_for_disk() -> None:
    """Don't wait for this commit to reach the disk (PostgreSQL's ``synchronous_commit``).

    A crash of the database may then forget the last few results, but never half of one: those
    pages are still ``Processing`` in the database and the lease puts them back in the queue. It
    makes each page's transaction several times cheaper."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def upsert_contacts(*, page: ClaimedPage, contacts: Sequence, now: datetime) -> tuple[int, int]:
    """Insert new contacts and refresh known ones; returns (created, updated)."""
    with_email = {c.email.lower(): c for c in contacts if c.email and len(c.email) <= 254}
    phone_only = {c.phone: c for c in contacts if not c.email and c.phone}
    created = updated = 0
    for target, group in ((EMAIL_TARGET, with_email), (PHONE_TARGET, phone_only)):
        # Sorted, so that two workers upserting the same contacts lock rows in the same order.
        rows = [_row(page, group[key], now) for key in sorted(group)]
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            inserted = _insert(rows[start : start + ROWS_PER_STATEMENT], target)
            created += sum(1 for flag in inserted if flag)
            updated += sum(1 for flag in inserted if not flag)
    return created, updated


def _insert(rows: list[tuple], target: str) -> list[bool]:
    placeholders = ", ".join(["(" + ", ".join(["%s"] * 12) + ")"] * len(rows))
    sql = (
        f"INSERT INTO contacts_contact ({COLUMNS}) VALUES {placeholders} "
        f"{target} {UPDATE_ON_CONFLICT}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])
        return [bool(flag) for (flag,) in cursor.fetchall()]


def _row(page: ClaimedPage, contact, now: datetime) -> tuple:
    prep = connection.ops
    stamp = prep.adapt_datetimefield_value(now)
    return (
        _uuid(uuid.uuid4()),
        _uuid(page.domain_id),
        _uuid(page.id),
        (contact.name or "")[: Contact._meta.get_field("name").max_length],
        contact.email.lower() if contact.email else None,
        contact.phone or None,
        page.url,
        contact.email_type if contact.email else "",
        contact.found_by,
        stamp,
        stamp,
        stamp,
    )


def _uuid(value) -> object:
    return Contact._meta.get_field("id").get_db_prep_value(value, connection)
