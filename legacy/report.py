"""What an import did, for the operator: counts per table and every row that was not imported
as it stood."""

from dataclasses import dataclass, field


@dataclass
class TableCounts:
    imported: int = 0
    skipped: int = 0  # already there: a row with the same id
    merged: int = 0  # a duplicate of another row (same natural key), folded into it

    def __str__(self) -> str:
        return f"{self.imported} imported, {self.skipped} skipped, {self.merged} merged"


@dataclass(frozen=True)
class InvalidRow:
    table: str
    id: str
    reason: str
    imported: bool = False  # True: imported without the bad value

    def __str__(self) -> str:
        outcome = "imported without it" if self.imported else "not imported"
        return f"{self.table} {self.id}: {self.reason} ({outcome})"


@dataclass
class LegacyImportReport:
    dry_run: bool = False
    domains: TableCounts = field(default_factory=TableCounts)
    pages: TableCounts = field(default_factory=TableCounts)
    contacts: TableCounts = field(default_factory=TableCounts)
    placeholders_dropped: int = 0
    pages_marked_no_contact_found: int = 0
    pages_marked_contact_found: int = 0
    invalid: list[InvalidRow] = field(default_factory=list)

    def invalid_ids(self, table: str, *, imported: bool | None = None) -> list[str]:
        return [
            row.id
            for row in self.invalid
            if row.table == table and (imported is None or row.imported == imported)
        ]

    def lines(self) -> list[str]:
        not_imported = sum(1 for row in self.invalid if not row.imported)
        lines = [
            f"domains: {self.domains}",
            f"pages: {self.pages}",
            f"contacts: {self.contacts}",
            f"placeholder contacts dropped: {self.placeholders_dropped}",
            f"pages marked NoContactFound: {self.pages_marked_no_contact_found}, "
            f"ContactFound: {self.pages_marked_contact_found}",
            f"invalid rows: {len(self.invalid)} ({not_imported} not imported)",
        ]
        lines.extend(f"  {row}" for row in self.invalid)
        if self.dry_run:
            lines.append("dry run: nothing was written")
        return lines
