from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from extraction.claims import reset_stuck_pages
from pages.models import Page, PageProcessingStatus
from pages.selectors import stuck_pages
from pages.services.curation import pages_requeue_failed


class Command(BaseCommand):
    help = "Put stuck Processing pages (and with --errors, Error pages) back in the queue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stuck-minutes",
            type=int,
            default=settings.PAGE_PROCESSING_LEASE_SECONDS // 60,
            help="Processing for longer than this counts as stuck (default: the lease)",
        )
        parser.add_argument("--errors", action="store_true", help="also re-queue Error pages")
        parser.add_argument("--dry-run", action="store_true", help="say what would be reset")

    def handle(self, *args, stuck_minutes, errors, dry_run, **options):
        if stuck_minutes < 0:
            raise CommandError("--stuck-minutes cannot be negative")
        older_than = timedelta(minutes=stuck_minutes)
        if dry_run:
            stuck = stuck_pages(older_than=older_than).count()
            failed = Page.objects.filter(page_processing_status=PageProcessingStatus.ERROR).count()
            verb = "would re-queue"
        else:
            stuck = reset_stuck_pages(older_than=older_than)
            failed = pages_requeue_failed() if errors else 0
            verb = "re-queued"
        message = f"{verb} {stuck} stuck pages (Processing > {stuck_minutes} min)"
        if errors:
            message += f" and {failed} Error pages"
        self.stdout.write(message)
