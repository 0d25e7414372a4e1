"""CSV exports of contacts and of social profiles, shared by the API and the admin.

Page text is attacker-controlled, so a cell that a spreadsheet would read as a formula is
neutralised with a leading quote (OWASP's advice for CSV injection).

Rows are read in keyset-paginated chunks (newest first, by ``(created_at, id)``), each chunk a
query of its own: no server-side cursor, which a transaction-mode pooler (PgBouncer, Supavisor)
would hand to another connection mid-export and cut the file short."""

import csv
import re
from collections.abc import Iterator

from django.db.models import Prefetch, Q, QuerySet

from contacts.models import Contact, SocialProfile

COLUMNS = [
    "email",
    "name",
    "phone_number",
    "email_type",
    "found_by",
    "domain",
    "source_url",
    "created_at",
    "last_seen_at",
    "position",
    "still_on_page",
    "social_profiles",  # the contact's own profiles' URLs, space-separated
]
PROFILE_COLUMNS = [
    "domain",
    "network",
    "handle",
    "url",
    "contact_email",
    "contact_name",
    "page_url",
    "last_seen_at",
    "created_at",
]
CHUNK_SIZE = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Line:
    """A file-like object whose ``write`` hands back what it was given."""

    def write(self, value: str) -> str:
        return value


E164 = re.compile(r"\+[1-9]\d{5,14}")


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not E164.fullmatch(text):
        return "'" + text
    return text


def _row(contact: Contact) -> list[str]:
    values = {
        "email": contact.email,
        "name": contact.name,
        "phone_number": contact.phone_number,
        "email_type": contact.email_type,
        "found_by": contact.found_by,
        "domain": contact.domain.name,
        "source_url": contact.source_url,
        "created_at": contact.created_at.isoformat(),
        "last_seen_at": _time(contact.last_seen_at),
        "position": contact.position,
        "still_on_page": "true" if contact.still_on_page else "false",
        "social_profiles": " ".join(profile.url for profile in contact.social_profiles.all()),
    }
    return [neutralise(values[column]) for column in COLUMNS]


def _time(value) -> str:
    return value.isoformat() if value else ""


def newest_first_in_chunks(
    contacts: QuerySet[Contact], *, chunk_size: int = CHUNK_SIZE
) -> Iterator[list[Contact]]:
    """The contacts newest first, ``chunk_size`` at a time; each chunk starts after the last row
    of the one before, so a row is never read twice nor skipped, whatever is written meanwhile."""
    ordered = contacts.order_by("-created_at", "-pk")
    after = Q()
    while True:
        chunk = list(ordered.filter(after)[:chunk_size])
        if chunk:
            yield chunk
        if len(chunk) < chunk_size:
            return
        last = chunk[-1]
        after = Q(created_at__lt=last.created_at) | Q(created_at=last.created_at, pk__lt=last.pk)


def contacts_csv_lines(
    contacts: QuerySet[Contact], *, chunk_size: int = CHUNK_SIZE
) -> Iterator[str]:
    """Yield the CSV header then one line a contact, newest first, reading in chunks."""
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    profiles = Prefetch("social_profiles", SocialProfile.objects.order_by("network", "url"))
    contacts = contacts.select_related("domain").prefetch_related(profiles)
    for chunk in newest_first_in_chunks(contacts, chunk_size=chunk_size):
        for contact in chunk:
            yield writer.writerow(_row(contact))


def _profile_row(profile: SocialProfile) -> list[str]:
    contact, page = profile.contact, profile.page
    values = {
        "domain": profile.domain.name,
        "network": profile.network,
        "handle": profile.handle,
        "url": profile.url,
        "contact_email": contact.email if contact else "",
        "contact_name": contact.name if contact else "",
        "page_url": page.url if page else "",
        "last_seen_at": _time(profile.last_seen_at),
        "created_at": _time(profile.created_at),
    }
    return [neutralise(values[column]) for column in PROFILE_COLUMNS]


def social_profiles_csv_lines(profiles: QuerySet[SocialProfile]) -> Iterator[str]:
    """Yield the CSV header then one line a profile, read by id a chunk at a time (no
    server-side cursor: a transaction-mode pooler would cut it short)."""
    writer = csv.writer(_Line())
    yield writer.writerow(PROFILE_COLUMNS)
    profiles = profiles.select_related("domain", "page", "contact").order_by("pk")
    last = None
    while True:
        chunk = list((profiles if last is None else profiles.filter(pk__gt=last))[:CHUNK_SIZE])
        for profile in chunk:
            yield writer.writerow(_profile_row(profile))
        if len(chunk) < CHUNK_SIZE:
            return
        last = chunk[-1].pk
