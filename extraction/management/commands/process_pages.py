import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from extraction.fetch import FetchOptions
from extraction.pipeline import PageProcessor
from extraction.workers import drain_in_processes
from pages.models import Page, PageProcessingStatus


class Command(BaseCommand):
    help = "Process one batch of queued pages now, or (--drain) every queued page."
    requires_system_checks = []  # an operator's (or a benchmark's) run starts at once

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=settings.PAGE_CURATION_SCHEDULER_BATCH_SIZE
        )
        parser.add_argument("--concurrency", type=int, help="pages fetched at once per process")
        parser.add_argument("--drain", action="store_true", help="go on until nothing is queued")
        parser.add_argument("--workers", type=int, default=1, help="processes (with --drain)")

    def handle(self, *args, batch_size, concurrency, drain, workers, **options):
        if batch_size < 1 or workers < 1 or (concurrency is not None and concurrency < 1):
            raise CommandError("--batch-size, --concurrency and --workers must be positive")
        fetch = FetchOptions.from_settings(concurrency=concurrency)
        progress = self._progress_bar() if sys.stdout.isatty() else None
        if drain and workers > 1:
            stats = drain_in_processes(workers=workers, batch_size=batch_size, options=fetch)
        else:
            with PageProcessor(fetch) as processor:
                if drain:
                    stats = processor.drain(batch_size=batch_size, on_batch=progress)
                else:
                    stats = processor.process_batch(batch_size=batch_size)
        if progress:
            self.stdout.write("")
        self.stdout.write(stats.summary())

    def _progress_bar(self):
        queued = Page.objects.filter(page_processing_status=PageProcessingStatus.QUEUED).count()
        total = max(queued, 1)

        def show(stats):
            done = min(stats.processed / total, 1.0)
            bar = "#" * int(done * 40)
            self.stdout.write(f"\r[{bar:<40}] {stats.processed}/{total}", ending="")
            self.stdout.flush()

        return show
