"""CSV export of contacts, shared by the API and the admin.

Page text is attacker-controlled, so a cell that a spreadsheet would read as a formula is
neutralised with a leading quote (OWASP's advice for CSV injection)."""

import csv
import re
from collections.abc import Iterator

from django.db.models import QuerySet

from contacts.models import Contact

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
]
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
        "last_seen_at": contact.last_seen_at.isoformat() if contact.last_seen_at else "",
    }
    return [neutralise(values[column]) for column in COLUMNS]


def contacts_csv_lines(contacts: QuerySet[Contact]) -> Iterator[str]:
    """Yield the CSV header then one line a contact, streaming through the queryset."""
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    for contact in contacts.select_related("domain").iterator(chunk_size=2000):
        yield writer.writerow(_row(contact))
