"""Writes to contacts. The job stores what a page showed through ``contacts_record_found``, its
social profiles through ``social_profiles_record_found`` and which of its contacts this run still
found through ``contacts_mark_still_on_page``.

Each runs inside the caller's transaction (none opens its own, so the job's write transaction
decides what is kept) in a fixed number of statements."""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, Protocol

from django.db import connection
from django.db.models import Case, Q, Value, When

from contacts.models import Contact, SocialNetwork, SocialProfile, normalize_email
from core.exceptions import ApplicationError

MAX_NAME_LENGTH: int = Contact._meta.get_field("name").max_length or 0
MAX_POSITION_LENGTH: int = Contact._meta.get_field("position").max_length or 0
ROWS_PER_STATEMENT = 2000  # 14 values a row stays under PostgreSQL's 65,535 bind parameters
COLUMNS = (
    "id, domain_id, page_id, name, email, phone_number, source_url, email_type, found_by, "
    "last_seen_at, created_at, updated_at, position, still_on_page"
)
# What varies from contact to contact, in this order; the stamps and the flag are one value each.
VARYING = (
    "domain_id, page_id, name, email, phone_number, source_url, email_type, found_by, position"
)
VARYING_ARRAYS = (
    "%s::uuid[], %s::uuid[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], "
    "%s::text[], %s::text[]"
)
FROM_ARRAYS = (
    "SELECT gen_random_uuid(), domain_id, page_id, name, email, phone_number, source_url, "
    f"email_type, found_by, %s, %s, %s, position, TRUE FROM unnest({VARYING_ARRAYS}) "
    f"AS found({VARYING})"
)
UPDATE_ON_CONFLICT = """DO UPDATE SET
    page_id = excluded.page_id,
    source_url = excluded.source_url,
    name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE contacts_contact.name END,
    position = CASE WHEN excluded.position <> '' THEN excluded.position
        ELSE contacts_contact.position END,
    still_on_page = excluded.still_on_page,
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
        rows = [_row(*group[key]) for key in sorted(group)]
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            inserted = _insert(rows[start : start + ROWS_PER_STATEMENT], target, now)
            created += sum(1 for flag in inserted if flag)
            updated += sum(1 for flag in inserted if not flag)
    return created, updated


def _insert(rows: list[tuple], target: str, now: datetime) -> list[bool]:
    stamp = connection.ops.adapt_datetimefield_value(now)
    if connection.vendor == "postgresql":
        # One array a varying column: a dozen parameters however many rows (no query of
        # thousands of placeholders for the driver to split and fill).
        values = FROM_ARRAYS
        params = [stamp, stamp, stamp, *(list(column) for column in zip(*rows, strict=True))]
    else:
        values = "VALUES " + ", ".join(["(" + ", ".join(["%s"] * 14) + ")"] * len(rows))
        params = [
            value
            for row in rows
            for value in (_uuid(uuid.uuid4()), *row[:8], stamp, stamp, stamp, row[8], True)
        ]
    sql = f"INSERT INTO contacts_contact ({COLUMNS}) {values} {target} {UPDATE_ON_CONFLICT}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [bool(flag) for (flag,) in cursor.fetchall()]


def _row(page: PageFindings, contact: Any) -> tuple:
    """A contact's ``VARYING`` values."""
    return (
        _uuid(page.domain_id),
        _uuid(page.page_id),
        (contact.name or "")[:MAX_NAME_LENGTH],
        contact.email.lower() if contact.email else None,
        contact.phone or None,
        page.url,
        contact.email_type if contact.email else "",
        contact.found_by,
        # ``position`` came later to the extractor's records: read it when they have it.
        (getattr(contact, "position", "") or "")[:MAX_POSITION_LENGTH],
    )


def _uuid(value) -> object:
    return Contact._meta.get_field("id").get_db_prep_value(value, connection)


NETWORKS = frozenset(SocialNetwork.values)
MAX_URL_LENGTH: int = SocialProfile._meta.get_field("url").max_length or 0
MAX_HANDLE_LENGTH: int = SocialProfile._meta.get_field("handle").max_length or 0
PROFILES_PER_STATEMENT = 2000  # 12 values a row: under SQLite's and PostgreSQL's limits
UPDATED_ON_CONFLICT = ("page", "url", "last_seen_at", "updated_at")


class FoundProfile(Protocol):
    """What the extractor returns for a profile link (``ExtractedProfile``)."""

    @property
    def network(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def handle(self) -> str: ...
    @property
    def contact_email(self) -> str: ...  # the person's email when on their card, else ""


@dataclass(frozen=True)
class PageProfiles:
    """The social profiles one page linked to."""

    page_id: Any
    domain_id: Any
    profiles: Sequence[FoundProfile]


class InvalidSocialProfile(ApplicationError, ValueError):
    field = "profiles"


class _Profile(NamedTuple):
    page_id: Any
    domain_id: Any
    network: str
    url: str
    handle: str
    contact_email: str


def social_profiles_record_found(*, findings: Sequence[PageProfiles], now: datetime) -> int:
    """Upsert the profiles pages link to, one row per (domain, network, handle), for many pages
    in one statement; the number written. Runs inside the caller's transaction, after
    ``contacts_record_found`` (so a person's profile finds its contact).

    A profile found again takes the page, URL and time of this sighting; it keeps the contact it
    had when this page shows it without one. ``contact_email`` attaches it to the domain's
    contact with that email. A bad profile (``InvalidSocialProfile``) writes nothing."""
    wanted = _one_per_handle(findings)
    if not wanted:
        return 0
    contact_ids = _contact_ids({(p.domain_id, p.contact_email) for p in wanted if p.contact_email})
    rows = [
        SocialProfile(
            domain_id=profile.domain_id,
            page_id=profile.page_id,
            contact_id=contact_ids.get((str(profile.domain_id), profile.contact_email)),
            network=profile.network,
            url=profile.url,
            handle=profile.handle,
            last_seen_at=now,
            created_at=now,
            updated_at=now,
        )
        for profile in wanted
    ]
    _upsert(rows)
    return len(rows)


def _one_per_handle(findings: Sequence[PageProfiles]) -> list[_Profile]:
    """Checked, the email in its stored form, sorted (two workers lock rows in the same order);
    a handle linked twice counts once: the later page's link, or the one on a person's card."""
    chosen: dict[tuple[str, str, str], _Profile] = {}
    for page in findings:
        for profile in page.profiles:
            _check(profile)
            key = (str(page.domain_id), profile.network, profile.handle)
            if key in chosen and chosen[key].contact_email and not profile.contact_email:
                continue
            chosen[key] = _Profile(
                page.page_id,
                page.domain_id,
                profile.network,
                profile.url,
                profile.handle,
                normalize_email(profile.contact_email) or "",
            )
    return [chosen[key] for key in sorted(chosen)]


def _check(profile: FoundProfile) -> None:
    if profile.network not in NETWORKS:
        raise InvalidSocialProfile(f"unknown network {profile.network!r}")
    if not profile.handle or len(profile.handle) > MAX_HANDLE_LENGTH:
        raise InvalidSocialProfile(f"handle {profile.handle[:80]!r}: empty or too long")
    if not profile.url.startswith(("https://", "http://")) or len(profile.url) > MAX_URL_LENGTH:
        raise InvalidSocialProfile(f"url {profile.url[:80]!r}: not an http(s) URL that fits")


def _contact_ids(wanted: set[tuple[Any, str]]) -> dict[tuple[str, str], Any]:
    """The ids of the contacts with these (domain, email): one query."""
    if not wanted:
        return {}
    match = Q()
    for domain_id, email in wanted:
        match |= Q(domain_id=domain_id, email=email)
    found = Contact.objects.filter(match).values_list("domain_id", "email", "id")
    return {(str(domain_id), email or ""): contact_id for domain_id, email, contact_id in found}


def _upsert(rows: list[SocialProfile]) -> None:
    """INSERT … ON CONFLICT (domain, network, handle) DO UPDATE, in PostgreSQL's and SQLite's
    common syntax (``bulk_create`` cannot keep the old contact when the new one is NULL)."""
    meta = SocialProfile._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    fields = meta.concrete_fields
    column = {field.name: quote(str(field.column)) for field in fields}
    updates = [f"{column[name]} = excluded.{column[name]}" for name in UPDATED_ON_CONFLICT]
    contact = column["contact"]
    updates.append(f"{contact} = COALESCE(excluded.{contact}, {table}.{contact})")
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), PROFILES_PER_STATEMENT):
            batch = rows[start : start + PROFILES_PER_STATEMENT]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(column.values())}) "
                f"VALUES {', '.join([row] * len(batch))} "
                f"ON CONFLICT ({column['domain']}, {column['network']}, {column['handle']}) "
                f"DO UPDATE SET {', '.join(updates)}",
                [
                    field.get_db_prep_save(getattr(profile, field.attname), connection)
                    for profile in batch
                    for field in fields
                ],
            )


def contacts_mark_still_on_page(*, page_ids: Iterable[Any], now: datetime) -> int:
    """After ``contacts_record_found(now=now)`` wrote what these pages showed: their contacts
    seen by this run (``last_seen_at == now``) are ``still_on_page``, the others are not (they
    stay, with their ``last_seen_at``, as a record of what the page held). One UPDATE; the
    number of contacts changed. Pass every page processed successfully, those with no contacts
    too, and none that failed (a failed fetch says nothing about the page's contacts)."""
    seen = Q(last_seen_at=now)
    changed = (seen & Q(still_on_page=False)) | (~seen & Q(still_on_page=True))
    return (
        Contact.objects.filter(page_id__in=list(page_ids))
        .filter(changed)
        .update(still_on_page=Case(When(seen, then=Value(True)), default=Value(False)))
    )
