"""Importing the original system's domains, pages and contacts, keeping their ids.

One transaction on this side: a bad source or a failure part-way leaves nothing written, and a
dry run is the same work rolled back. The source is read a chunk at a time (``legacy.source``);
what must be remembered between chunks is only the rows that were merged into another (their
new id) and the invalid ones (reported). A second run imports nothing: rows whose id is already
here are skipped, duplicates are merged into the row that holds their natural key again.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django.db.models import Exists, Model, OuterRef
from django.utils import timezone

from contacts.models import Contact
from extraction.extract.phones import region_for_url
from legacy import normalising as norm
from legacy.report import InvalidRow, LegacyImportReport, TableCounts
from legacy.source import LegacySource, open_source
from pages.models import ContactScrapeStatus, Domain, Page, PageProcessingStatus

DEFAULT_CHUNK_SIZE = 1000
MAX_CHUNK_SIZE = 10_000  # the ids of a chunk go in one IN (…) list
MAX_BIND_PARAMETERS = 30_000  # under SQLite's 32,766 and PostgreSQL's 65,535
MAX_URL_LENGTH = 2048
FINISHED = (PageProcessingStatus.COMPLETE, PageProcessingStatus.ERROR)


class _DryRun(Exception):
    """Raised to roll the dry run's transaction back."""


def import_legacy(
    *,
    database_url: str,
    schema: str = "public",
    dry_run: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> LegacyImportReport:
    """Import the original's tables from ``schema`` of ``database_url``; report what happened.

    Raises ``LegacySourceError`` when the source cannot be read (nothing is written then)."""
    report = LegacyImportReport(dry_run=dry_run)
    with open_source(database_url, schema) as source:
        try:
            with transaction.atomic():
                _Import(source, report, chunk_size).run()
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
    return report


def insert_new(model: type[Model], objects: Sequence[Model]) -> set[Any]:
    """INSERT the objects as they are (their own ``created_at`` included, which ``bulk_create``
    would overwrite), skipping any that a unique constraint refuses; the ids inserted.

    On PostgreSQL the rows go as one array a column (``unnest``): a few parameters per statement
    however many rows, where a VALUES list costs a placeholder per cell to build and to parse."""
    if not objects:
        return set()
    meta = model._meta
    fields = meta.concrete_fields
    quote = connection.ops.quote_name
    names = ", ".join(quote(str(f.column)) for f in fields)
    head = f"INSERT INTO {quote(meta.db_table)} ({names}) "
    tail = f" ON CONFLICT DO NOTHING RETURNING {quote(str(meta.pk.column))}"
    if connection.vendor == "postgresql":
        arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
        statement, per_statement = f"{head}SELECT * FROM unnest({arrays}){tail}", len(objects)
    else:
        row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        per_statement = max(1, MAX_BIND_PARAMETERS // len(fields))
    inserted: set[Any] = set()
    with connection.cursor() as cursor:
        for start in range(0, len(objects), per_statement):
            batch = objects[start : start + per_statement]
            by_column = [
                [f.get_db_prep_save(getattr(obj, f.attname), connection) for obj in batch]
                for f in fields
            ]
            if connection.vendor == "postgresql":
                cursor.execute(statement, by_column)
            else:
                values = ", ".join([row] * len(batch))
                cursor.execute(
                    f"{head}VALUES {values}{tail}",
                    [v for r in zip(*by_column, strict=True) for v in r],
                )
            inserted.update(meta.pk.to_python(value) for (value,) in cursor.fetchall())
    return inserted


def _insert_or_merge(
    model: type[Model],
    key: str,
    candidates: Sequence[Model],
    counts: TableCounts,
    *,
    merged_into: dict[UUID, UUID],
) -> None:
    """Insert the candidates whose natural ``key`` is new; the others are merged into the row
    that holds it (``merged_into`` maps their id to its)."""
    holders = dict(
        model._default_manager.filter(
            **{f"{key}__in": [getattr(c, key) for c in candidates]}
        ).values_list(key, "id")
    )
    new = []
    for candidate in candidates:
        value = getattr(candidate, key)
        if value in holders:
            merged_into[candidate.pk] = holders[value]
            counts.merged += 1
        else:
            holders[value] = candidate.pk
            new.append(candidate)
    inserted = insert_new(model, new)
    counts.imported += len(inserted)
    counts.skipped += len(new) - len(inserted)


def _aware(value: datetime | None, default: datetime) -> datetime:
    if value is None:
        return default
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


@dataclass
class _Import:
    source: LegacySource
    report: LegacyImportReport
    chunk_size: int
    now: datetime = field(default_factory=timezone.now)
    # Rows merged into another that holds their natural key: the source's id → the id kept.
    domain_ids: dict[UUID, UUID] = field(default_factory=dict)
    page_ids: dict[UUID, UUID] = field(default_factory=dict)

    def run(self):
        for rows in self.source.chunks("domains", self.chunk_size):
            self._domains(rows)
        for rows in self.source.chunks("pages", self.chunk_size):
            self._pages(rows)
        for rows in self.source.chunks("contacts", self.chunk_size):
            self._contacts(rows)
        placeholders = ("email", norm.PLACEHOLDER_EMAIL_RE.pattern)
        for rows in self.source.chunks("contacts", self.chunk_size, matching=placeholders):
            self._mark_no_contact_found(rows)

    def _invalid(self, table: str, row_id, reason: str, *, imported: bool = False):
        self.report.invalid.append(InvalidRow(table, str(row_id), reason, imported))

    @staticmethod
    def _not_here(model: type[Model], counts: TableCounts, rows: list[dict]) -> list[dict]:
        """The rows whose id is not here yet; the others are counted as skipped (and not even
        checked: a second run is quick)."""
        here = set(
            model._default_manager.filter(id__in=[r["id"] for r in rows]).values_list(
                "id", flat=True
            )
        )
        counts.skipped += len(here)
        return [row for row in rows if row["id"] not in here]

    def _domains(self, rows: list[dict]):
        counts = self.report.domains
        rows = self._not_here(Domain, counts, rows)
        candidates = []
        for row in rows:
            try:
                name = norm.domain_name(row["domain"])
            except norm.InvalidValue as exc:
                self._invalid("domains", row["id"], str(exc))
                continue
            candidates.append(
                Domain(id=row["id"], name=name, created_at=self.now, updated_at=self.now)
            )
        _insert_or_merge(Domain, "name", candidates, counts, merged_into=self.domain_ids)

    def _pages(self, rows: list[dict]):
        counts = self.report.pages
        rows = self._not_here(Page, counts, rows)
        domain_ids = {self.domain_ids.get(r["domain_id"], r["domain_id"]) for r in rows}
        known_domains = set(Domain.objects.filter(id__in=domain_ids).values_list("id", flat=True))
        candidates = []
        for row in rows:
            page = self._page(row, known_domains)
            if page is not None:
                candidates.append(page)
        _insert_or_merge(Page, "url", candidates, counts, merged_into=self.page_ids)

    def _page(self, row: dict, known_domains: set) -> Page | None:
        domain_id = self.domain_ids.get(row["domain_id"], row["domain_id"])
        try:
            url = norm.page_url(row["url"])
            statuses = norm.page_statuses(
                row["page_curation_status"],
                row["page_processing_status"],
                row["contact_scrape_status"],
            )
            if domain_id not in known_domains:
                raise norm.InvalidValue(f"unknown domain {row['domain_id']}")
        except norm.InvalidValue as exc:
            self._invalid("pages", row["id"], str(exc))
            return None
        updated_at = _aware(row["updated_at"], self.now)
        return Page(
            id=row["id"],
            domain_id=domain_id,
            url=url,
            page_curation_status=statuses.curation,
            page_processing_status=statuses.processing,
            page_processing_error=row["page_processing_error"] or "",
            contact_scrape_status=statuses.scrape,
            processed_at=updated_at if statuses.processing in FINISHED else None,
            # As pages/migrations/0003 does: in the queue's order, since it was last updated.
            queued_at=updated_at if statuses.processing is not None else None,
            created_at=_aware(row["created_at"], self.now),
            updated_at=updated_at,
        )

    def _contacts(self, rows: list[dict]):
        rows = self._not_here(Contact, self.report.contacts, rows)
        page_ids = {self.page_ids.get(r["page_id"], r["page_id"]) for r in rows if r["page_id"]}
        pages = {
            page_id: (url, domain_id)
            for page_id, url, domain_id in Page.objects.filter(id__in=page_ids).values_list(
                "id", "url", "domain_id"
            )
        }
        domain_ids = {self.domain_ids.get(r["domain_id"], r["domain_id"]) for r in rows}
        domain_ids |= {domain_id for _, domain_id in pages.values()}
        domains = dict(Domain.objects.filter(id__in=domain_ids).values_list("id", "name"))
        candidates, found_pages = [], set()
        for row in rows:
            if norm.is_placeholder(row["email"]):
                self.report.placeholders_dropped += 1
                continue
            page_id = self.page_ids.get(row["page_id"], row["page_id"])
            if page_id is not None and page_id not in pages:
                self._invalid("contacts", row["id"], f"unknown page {row['page_id']}")
                continue
            domain_id = self.domain_ids.get(row["domain_id"], row["domain_id"])
            if domain_id is None and page_id is not None:
                domain_id = pages[page_id][1]
            if domain_id not in domains:
                self._invalid("contacts", row["id"], f"unknown domain {row['domain_id']}")
                continue
            page_url = pages[page_id][0] if page_id is not None else ""
            contact = self._contact(row, page_id, page_url, domain_id, domains[domain_id])
            if contact is not None:
                candidates.append(contact)
                if page_id is not None:
                    found_pages.add(page_id)
        self._write_contacts(candidates)
        self._mark_contact_found(found_pages)

    def _contact(self, row, page_id, page_url, domain_id, domain_name) -> Contact | None:
        region = region_for_url(page_url or f"http://{domain_name}/")
        problems = []
        try:
            email = norm.contact_email(row["email"])
        except norm.InvalidValue as exc:
            email, problems = None, [str(exc)]
        try:
            phone = norm.contact_phone(row["phone_number"], region)
        except norm.InvalidValue as exc:
            phone = None
            problems.append(str(exc))
        if email is None and phone is None:
            self._invalid("contacts", row["id"], "; ".join(problems) or "no email and no phone")
            return None
        if problems:
            self._invalid("contacts", row["id"], "; ".join(problems), imported=True)
        source_url = (row["source_url"] or "").strip()
        if not source_url.startswith(("https://", "http://")) or len(source_url) > MAX_URL_LENGTH:
            source_url = page_url  # missing, or not a URL
        return Contact(
            id=row["id"],
            domain_id=domain_id,
            page_id=page_id,
            name=norm.contact_name(row["name"]),
            email=email,
            phone_number=phone,
            source_url=source_url,
            email_type=norm.contact_email_type(email),
            created_at=_aware(row["created_at"], self.now),
            updated_at=self.now,
        )

    def _write_contacts(self, candidates: list[Contact]):
        counts = self.report.contacts
        holders = _contacts_by_natural_key(candidates)
        new = []
        for contact in candidates:
            key = _natural_key(contact)
            holder = holders.get(key)
            if holder is None:
                holders[key] = contact
                new.append(contact)
                continue
            counts.merged += 1
            changes = _blanks_filled(holder, contact)
            if changes and holder._state.adding is False:
                Contact.objects.filter(pk=holder.pk).update(**changes)
        inserted = insert_new(Contact, new)
        counts.imported += len(inserted)
        counts.skipped += len(new) - len(inserted)

    def _mark_contact_found(self, page_ids: set):
        """A page that holds contacts found some (unless a job said otherwise meanwhile)."""
        self.report.pages_marked_contact_found += Page.objects.filter(
            id__in=page_ids,
            contact_scrape_status__in=[
                ContactScrapeStatus.NEW,
                ContactScrapeStatus.NO_CONTACT_FOUND,
            ],
        ).update(contact_scrape_status=ContactScrapeStatus.CONTACT_FOUND)

    def _mark_no_contact_found(self, placeholders: list[dict]):
        """The work order's data migration, once every contact is in: a page whose placeholder
        was its only contact found none."""
        page_ids = {self.page_ids.get(r["page_id"], r["page_id"]) for r in placeholders}
        self.report.pages_marked_no_contact_found += (
            Page.objects.filter(id__in=page_ids, contact_scrape_status=ContactScrapeStatus.NEW)
            .exclude(Exists(Contact.objects.filter(page=OuterRef("pk"))))
            .update(contact_scrape_status=ContactScrapeStatus.NO_CONTACT_FOUND)
        )


def _natural_key(contact: Contact) -> tuple:
    if contact.email:
        return (contact.domain_id, "email", contact.email)
    return (contact.domain_id, "phone", contact.phone_number)


def _contacts_by_natural_key(candidates: list[Contact]) -> dict[tuple, Contact]:
    """The contacts already here that hold the candidates' (domain, email) or, for phone-only
    ones, (domain, phone)."""
    domain_ids = {c.domain_id for c in candidates}
    emails = {c.email for c in candidates if c.email}
    phones = {c.phone_number for c in candidates if not c.email}
    found = list(Contact.objects.filter(domain_id__in=domain_ids, email__in=emails))
    found += Contact.objects.filter(
        domain_id__in=domain_ids, email__isnull=True, phone_number__in=phones
    )
    return {_natural_key(contact): contact for contact in found}


MERGED_FIELDS = ("name", "phone_number")


def _blanks_filled(holder: Contact, duplicate: Contact) -> dict:
    """Fill the holder's empty name and phone from its duplicate; the changes made."""
    changes = {}
    for name in MERGED_FIELDS:
        value = getattr(duplicate, name)
        if value and not getattr(holder, name):
            changes[name] = value
            setattr(holder, name, value)
    return changes
