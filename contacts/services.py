"""Writes of a page's result that belong to contacts: its social profiles, and which of its
contacts the latest processing still found.

Both run inside the job's write transaction for the page (they open none of their own, so the
caller's transaction decides what is kept); each is a fixed number of statements."""

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple, Protocol
from uuid import UUID

from django.db import connection
from django.utils import timezone

from contacts.models import Contact, SocialNetwork, SocialProfile, normalize_email
from core.exceptions import ApplicationError

NETWORKS = frozenset(SocialNetwork.values)
MAX_URL_LENGTH = SocialProfile._meta.get_field("url").max_length
MAX_HANDLE_LENGTH = SocialProfile._meta.get_field("handle").max_length
ROWS_PER_STATEMENT = 2000  # 24,000 bind parameters: under SQLite's and PostgreSQL's limits


class FoundProfile(Protocol):
    """What the extractor returns for a profile link (``ExtractedProfile``)."""

    network: str
    url: str
    handle: str
    contact_email: str  # the person's email when the link is on their card, else ""


class InvalidSocialProfile(ApplicationError, ValueError):
    field = "profiles"


class ContactsSeen(NamedTuple):
    back: int  # found again after a run that missed them
    gone: int  # not found this time


def record_page_profiles(
    *,
    page_id: UUID,
    domain_id: UUID,
    profiles: Iterable[FoundProfile],
    seen_at: datetime | None = None,
) -> int:
    """Upsert the profiles a page links to, one row per (domain, network, handle), in one
    statement (per ``ROWS_PER_STATEMENT``); the number written.

    A profile found again takes this page, URL and time; it keeps the contact it had when this
    page shows it without one. ``contact_email`` attaches it to the domain's contact with that
    email (the job writes the page's contacts first)."""
    seen_at = seen_at or timezone.now()
    wanted = _one_per_handle(profiles)
    if not wanted:
        return 0
    emails = {p.contact_email for p in wanted if p.contact_email}
    contact_ids = dict(
        Contact.objects.filter(domain_id=domain_id, email__in=emails).values_list("email", "id")
    )
    rows = [
        SocialProfile(
            domain_id=domain_id,
            page_id=page_id,
            contact_id=contact_ids.get(profile.contact_email),
            network=profile.network,
            url=profile.url,
            handle=profile.handle,
            last_seen_at=seen_at,
            created_at=seen_at,
            updated_at=seen_at,
        )
        for profile in wanted
    ]
    _upsert(rows)
    return len(rows)


def _one_per_handle(profiles: Iterable[FoundProfile]) -> list:
    """Checked, with the email in the stored form; a handle linked twice counts once (the link
    on a person's card wins)."""
    chosen: dict[tuple[str, str], FoundProfile] = {}
    for profile in profiles:
        if profile.network not in NETWORKS:
            raise InvalidSocialProfile(f"unknown network {profile.network!r}")
        if not profile.handle or len(profile.handle) > MAX_HANDLE_LENGTH:
            raise InvalidSocialProfile(f"handle {profile.handle[:80]!r}: empty or too long")
        if not profile.url.startswith(("https://", "http://")) or len(profile.url) > MAX_URL_LENGTH:
            raise InvalidSocialProfile(f"url {profile.url[:80]!r}: not an http(s) URL that fits")
        key = (profile.network, profile.handle)
        if key not in chosen or (profile.contact_email and not chosen[key].contact_email):
            chosen[key] = _Profile(
                profile.network,
                profile.url,
                profile.handle,
                normalize_email(profile.contact_email) or "",
            )
    return list(chosen.values())


class _Profile(NamedTuple):
    network: str
    url: str
    handle: str
    contact_email: str


def _upsert(rows: list[SocialProfile]):
    """INSERT … ON CONFLICT (domain, network, handle) DO UPDATE, in PostgreSQL's and SQLite's
    common syntax (``bulk_create`` cannot keep the old contact when the new one is NULL)."""
    meta = SocialProfile._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    fields = meta.concrete_fields
    column = {field.name: quote(field.column) for field in fields}
    updates = [f"{column[name]} = excluded.{column[name]}" for name in UPDATED_ON_CONFLICT]
    contact = column["contact"]
    updates.append(f"{contact} = COALESCE(excluded.{contact}, {table}.{contact})")
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            batch = rows[start : start + ROWS_PER_STATEMENT]
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


UPDATED_ON_CONFLICT = ("page", "url", "last_seen_at", "updated_at")


def record_contacts_seen(*, page_id: UUID, seen_contact_ids: Iterable[UUID]) -> ContactsSeen:
    """After a page is processed: its contacts that this run found are ``still_on_page``, the
    others are not (they stay, with their ``last_seen_at``, as a record of what the page held)."""
    seen = list(seen_contact_ids)
    on_page = Contact.objects.filter(page_id=page_id)
    still = on_page.filter(id__in=seen, still_on_page=False).update(still_on_page=True)
    gone = on_page.exclude(id__in=seen).filter(still_on_page=True).update(still_on_page=False)
    return ContactsSeen(back=still, gone=gone)
