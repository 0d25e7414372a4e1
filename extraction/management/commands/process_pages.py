import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from extraction.fetch import FetchOptions
from extraction.processing import PageJob, default_workers, summary
from jobs.loop import LoopOptions, run
from pages.models import Page, PageProcessingStatus


class Command(BaseCommand):
    help = "Process one batch of queued pages now, or (--drain) every queued page."
    requires_system_checks = []  # an operator's (or a benchmark's) run starts at once

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=settings.PAGE_CURATION_SCHEDULER_BATCH_SIZE
        )
        parser.add_argument("--concurrency", type=int, help="pages fetched at once")
        parser.add_argument("--drain", action="store_true", help="go on until nothing is queued")
        parser.add_argument(
            "--workers", type=int, help="extraction processes (default: one per core)"
        )

    def handle(self, *args, batch_size, concurrency, drain, workers, **options):
        if batch_size < 1 or (workers is not None and workers < 1):
            raise CommandError("--batch-size and --workers must be positive")
        if concurrency is not None and concurrency < 1:
            raise CommandError("--concurrency must be positive")
        fetch = FetchOptions.from_settings(concurrency=concurrency)
        progress = self._progress_bar() if sys.stdout.isatty() else None
        loop_options = LoopOptions(batch_size=batch_size, drain=drain, on_progress=progress)
        with PageJob(fetch, workers=workers or default_workers()) as job:
            stats = run(job, loop_options)
        if progress:
            self.stdout.write("")
        self.stdout.write(summary(stats))

    def _progress_bar(self):
        queued = Page.objects.filter(page_processing_status=PageProcessingStatus.QUEUED).count()
        total = max(queued, 1)

        def show(stats):
            done = min(stats.processed / total, 1.0)
            bar = "#" * int(done * 40)
            self.stdout.write(f"\r[{bar:<40}] {stats.processed}/{total}", ending="")
            self.stdout.flush()

        return show
