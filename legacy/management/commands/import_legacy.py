from django.core.management.base import BaseCommand, CommandError

from legacy.importing import DEFAULT_CHUNK_SIZE, MAX_CHUNK_SIZE, import_legacy
from legacy.source import LegacySourceError


def chunk_size(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_CHUNK_SIZE:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = (
        "Import the original system's domains, pages and contacts (ids kept, statuses mapped, "
        "placeholder contacts dropped). Idempotent: a second run imports nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database-url", required=True, help="the original's PostgreSQL, postgres://…"
        )
        parser.add_argument("--schema", default="public", help="schema of its tables (public)")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would be imported; write nothing"
        )
        parser.add_argument(
            "--chunk-size",
            type=chunk_size,
            default=DEFAULT_CHUNK_SIZE,
            help=f"rows read and written at a time (default {DEFAULT_CHUNK_SIZE}, at most "
            f"{MAX_CHUNK_SIZE})",
        )

    def handle(self, *args, database_url, schema, dry_run, chunk_size, **options):
        try:
            report = import_legacy(
                database_url=database_url, schema=schema, dry_run=dry_run, chunk_size=chunk_size
            )
        except LegacySourceError as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines():
            self.stdout.write(line)
