import sys
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError

from pages.services.imports import ImportFormatError, pages_import, read_url_lines


class Command(BaseCommand):
    help = (
        "Import pages from a file of URLs (one a line, or a CSV with a url column); - is stdin. "
        "Exits 1 when some lines were invalid (the valid ones are imported)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the file, or - for standard input")
        parser.add_argument("--select", action="store_true", help="select (and queue) new pages")

    def handle(self, *args, file, select, **options):
        stream = nullcontext(sys.stdin) if file == "-" else self._open(file)
        try:
            with stream as lines:
                report = pages_import(lines=read_url_lines(lines), select=select)
        except ImportFormatError as exc:
            raise CommandError(str(exc)) from exc
        for number, text, reason in report.invalid:
            self.stderr.write(f"line {number}: {reason}: {text[:200]}")
        self.stdout.write(report.summary())
        if report.invalid:
            # After the valid lines are in: a script sees the failure, the report says the rest.
            count = len(report.invalid)
            raise CommandError(f"{count} invalid line{'s' * (count != 1)}, not imported.")

    def _open(self, path):
        try:
            return open(path, encoding="utf-8-sig", errors="replace", newline="")
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
