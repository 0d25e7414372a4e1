"""Selecting a page queues its processing, selecting a domain queues its discovery, even through
a plain ``save()``; setting either back to New or Archived takes it off its queue if no worker
has claimed it yet (as the curation services do). Both use the job's own field map
(``JobSpec.queue_changes``)."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from jobs.spec import JobSpec
from pages.models import Domain, Page
from pages.queue import DOMAIN_JOB, PAGE_JOB

SELECTED = "Selected"


def _follow_curation(instance, curation_field: str, spec: JobSpec) -> None:
    if getattr(instance, curation_field) != SELECTED:
        if getattr(instance, spec.status_field) == spec.queued:
            setattr(instance, spec.status_field, None)
        return
    newly_selected = instance.loaded_curation_status != SELECTED
    if newly_selected or getattr(instance, spec.status_field) is None:
        for name, value in spec.queue_changes().items():
            setattr(instance, name, value)


@receiver(pre_save, sender=Page)
def queue_page_on_selection(sender, instance: Page, **kwargs):
    _follow_curation(instance, "page_curation_status", PAGE_JOB)


@receiver(pre_save, sender=Domain)
def queue_discovery_on_selection(sender, instance: Domain, **kwargs):
    _follow_curation(instance, "domain_curation_status", DOMAIN_JOB)
