"""Selecting a page queues it, even through a plain ``Page.save()``."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from pages.models import Page, PageCurationStatus
from pages.services.curation import queue_changes


@receiver(pre_save, sender=Page)
def queue_page_on_selection(sender, instance: Page, **kwargs):
    if instance.page_curation_status != PageCurationStatus.SELECTED:
        return
    newly_selected = instance.loaded_curation_status != PageCurationStatus.SELECTED
    if newly_selected or instance.page_processing_status is None:
        for name, value in queue_changes().items():
            setattr(instance, name, value)
