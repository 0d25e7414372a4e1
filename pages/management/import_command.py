"""What ``import_pages`` and ``import_domains`` share: read a file (``-`` is standard input), hand
its lines to an import service, print the invalid lines and the summary, exit 1 when some lines
were invalid — after the valid ones are in, so a script sees the failure."""

import sys
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError

from pages.services.imports import ImportFormatError, read_url_lines


class ImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the file, or - for standard input")

    def run_import(self, lines, **options):
        """Import ``(line number, text)`` pairs; return a report with ``invalid`` and
        ``summary()``."""
        raise NotImplementedError

    def handle(self, *args, file, **options):
        stream = nullcontext(sys.stdin) if file == "-" else self._open(file)
        try:
            with stream as lines:
                report = self.run_import(read_url_lines(lines), **options)
        except ImportFormatError as exc:
            raise CommandError(str(exc)) from exc
        for number, text, reason in report.invalid:
            self.stderr.write(f"line {number}: {reason}: {text[:200]}")
        self.stdout.write(report.summary())
        if report.invalid:
            count = len(report.invalid)
            raise CommandError(f"{count} invalid line{'s' * (count != 1)}, not imported.")

    def _open(self, path):
        try:
            return open(path, encoding="utf-8-sig", errors="replace", newline="")
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
