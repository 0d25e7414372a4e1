import sys
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError

from pages.services.domains import domains_import
from pages.services.imports import ImportFormatError, read_url_lines


class Command(BaseCommand):
    help = (
        "Import domains from a file (one host name or homepage URL a line, or a CSV with a url "
        "column); - is stdin. New domains are selected, which queues their discovery."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the file, or - for standard input")
        parser.add_argument(
            "--no-select", action="store_true", help="create the domains without queuing them"
        )

    def handle(self, *args, file, no_select, **options):
        stream = nullcontext(sys.stdin) if file == "-" else self._open(file)
        try:
            with stream as lines:
                report = domains_import(lines=read_url_lines(lines), select=not no_select)
        except ImportFormatError as exc:
            raise CommandError(str(exc)) from exc
        for number, text, reason in report.invalid:
            self.stderr.write(f"line {number}: {reason}: {text[:200]}")
        self.stdout.write(report.summary())
        if report.invalid:
            # After the valid lines are in, as import_pages does: a script sees the failure.
            count = len(report.invalid)
            raise CommandError(f"{count} invalid line{'s' * (count != 1)}, not imported.")

    def _open(self, path):
        try:
            return open(path, encoding="utf-8-sig", errors="replace", newline="")
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
