from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from extraction.discovery.job import DomainJob, summary
from jobs.loop import LoopOptions, run


class Command(BaseCommand):
    help = "Discover the pages of one batch of queued domains now, or (--drain) of every one."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=settings.DISCOVERY_BATCH_SIZE)
        parser.add_argument("--drain", action="store_true", help="go on until nothing is queued")

    def handle(self, *args, batch_size, drain, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be positive")
        with DomainJob() as job:
            stats = run(job, LoopOptions(batch_size=batch_size, drain=drain))
        self.stdout.write(summary(stats))
