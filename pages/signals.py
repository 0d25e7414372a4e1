"""Selecting a page queues it, even through a plain ``Page.save()``; archiving it or setting it
back to New takes it off the queue if no worker has claimed it yet (as the curation service
does)."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from pages.models import Page, PageCurationStatus
from pages.services.curation import UNCLAIMED, queue_changes


@receiver(pre_save, sender=Page)
def queue_page_on_selection(sender, instance: Page, **kwargs):
    if instance.page_curation_status != PageCurationStatus.SELECTED:
        if instance.page_processing_status in UNCLAIMED:
            instance.page_processing_status = None
        return
    newly_selected = instance.loaded_curation_status != PageCurationStatus.SELECTED
    if newly_selected or instance.page_processing_status is None:
        for name, value in queue_changes().items():
            setattr(instance, name, value)
