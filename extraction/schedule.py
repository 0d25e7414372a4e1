"""The job's django-q2 schedule, registered on every ``migrate``: ``update_or_create`` keeps one
row however often it runs, and follows changes of the interval setting."""

from django.conf import settings
from django.utils import timezone

SCHEDULE_NAME = "process-page-queue"


def register_schedule(**kwargs) -> None:
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name=SCHEDULE_NAME,
        defaults={
            "func": "extraction.tasks.process_page_queue",
            "schedule_type": Schedule.MINUTES,
            "minutes": settings.PAGE_CURATION_SCHEDULER_INTERVAL_MINUTES,
            "repeats": -1,
        },
        create_defaults={
            "func": "extraction.tasks.process_page_queue",
            "schedule_type": Schedule.MINUTES,
            "minutes": settings.PAGE_CURATION_SCHEDULER_INTERVAL_MINUTES,
            "repeats": -1,
            "next_run": timezone.now(),
        },
    )
