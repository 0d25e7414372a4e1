"""Writes to contacts. The job stores what a page showed through ``contacts_record_found``."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection

from contacts.models import Contact

ROWS_PER_STATEMENT = 2000  # 12 values a row stays under PostgreSQL's 65,535 bind parameters
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
class PageFindings:
    """The contacts one page showed (``extraction.extract`` records)."""

    page_id: Any
    domain_id: Any
    url: str
    contacts: Sequence


def contacts_record_found(*, findings: Sequence[PageFindings], now: datetime) -> tuple[int, int]:
    """Insert new contacts and refresh known ones, for many pages in one statement per kind;
    returns (created, updated). Runs inside the caller's transaction.

    A contact is one per (domain, email), or (domain, phone) for phone-only ones: when two pages
    of the group show the same one, the later page's version is kept."""
    with_email: dict[tuple[str, str], tuple[PageFindings, Any]] = {}
    phone_only: dict[tuple[str, str], tuple[PageFindings, Any]] = {}
    for page in findings:
        for contact in page.contacts:
            if contact.email and len(contact.email) <= 254:
                with_email[(str(page.domain_id), contact.email.lower())] = (page, contact)
            elif not contact.email and contact.phone:
                phone_only[(str(page.domain_id), contact.phone)] = (page, contact)
    created = updated = 0
    for target, group in ((EMAIL_TARGET, with_email), (PHONE_TARGET, phone_only)):
        # Sorted, so that two workers upserting the same contacts lock rows in the same order.
        rows = [_row(*group[key], now=now) for key in sorted(group)]
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


def _row(page: PageFindings, contact: Any, *, now: datetime) -> tuple:
    stamp = connection.ops.adapt_datetimefield_value(now)
    return (
        _uuid(uuid.uuid4()),
        _uuid(page.domain_id),
        _uuid(page.page_id),
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
