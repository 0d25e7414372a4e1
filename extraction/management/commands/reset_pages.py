from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pages.selectors import failed_pages, stuck_pages
from pages.services.curation import pages_requeue_failed
from pages.services.processing import pages_reset_stuck


class Command(BaseCommand):
    help = "Put stuck Processing pages (and with --errors, failed pages) back in the queue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stuck-minutes",
            type=int,
            default=max(settings.PAGE_PROCESSING_LEASE_SECONDS // 60, 1),
            help="no heartbeat for longer than this counts as stuck (default: the lease)",
        )
        parser.add_argument("--errors", action="store_true", help="also re-queue Error pages")
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--transient",
            action="store_true",
            help="with --errors: only failures another attempt may fix (the default)",
        )
        which.add_argument(
            "--all", action="store_true", help="with --errors: permanent failures (4xx…) too"
        )
        parser.add_argument("--dry-run", action="store_true", help="say what would be reset")

    def handle(self, *args, stuck_minutes, errors, all, dry_run, **options):
        if stuck_minutes < 0:
            raise CommandError("--stuck-minutes cannot be negative")
        older_than = timedelta(minutes=stuck_minutes)
        transient_only = not all
        if dry_run:
            stuck = stuck_pages(older_than=older_than).count()
            failed = failed_pages(transient_only=transient_only).count() if errors else 0
            verb = "would re-queue"
        else:
            stuck = pages_reset_stuck(older_than=older_than)
            failed = pages_requeue_failed(transient_only=transient_only) if errors else 0
        message = f"{verb if dry_run else 're-queued'} {stuck} stuck pages"
        message += f" (no heartbeat for {stuck_minutes} min)"
        if errors:
            kind = "transient" if transient_only else "all"
            message += f" and {failed} Error pages ({kind})"
        self.stdout.write(message)
