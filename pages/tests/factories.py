"""Factories for domains and pages. A page's job state comes from a trait — ``queued``,
``processing``, ``stuck``, ``failed``, ``complete`` — written after the save, as the job would
write it (a plain save of a selected page queues it, through the selection signal)."""

from datetime import timedelta

import factory
from django.utils import timezone

from pages.models import ContactScrapeStatus, Domain, Page

LONG_AGO = timedelta(hours=1)


def _state(processing: str, **fields) -> dict:
    return {"page_processing_status": processing, **fields}


def _now():
    return timezone.now()


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"site{n}.example.org")


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    class Params:
        queued = factory.Trait(page_curation_status="Selected")
        processing = factory.Trait(
            page_curation_status="Selected",
            state=factory.LazyFunction(
                lambda: _state(
                    "Processing",
                    processing_started_at=_now(),
                    processing_heartbeat_at=_now(),
                    processing_attempts=1,
                )
            ),
        )
        stuck = factory.Trait(
            page_curation_status="Selected",
            state=factory.LazyFunction(
                lambda: _state(
                    "Processing",
                    processing_started_at=_now() - LONG_AGO,
                    processing_heartbeat_at=_now() - LONG_AGO,
                    processing_attempts=1,
                )
            ),
        )
        failed = factory.Trait(
            page_curation_status="Selected",
            state=factory.LazyFunction(
                lambda: _state(
                    "Error",
                    contact_scrape_status=ContactScrapeStatus.ERROR,
                    page_processing_error="HTTP 503: Service Unavailable (after 3 attempts)",
                    processing_attempts=1,
                    processed_at=_now(),
                )
            ),
        )
        complete = factory.Trait(
            page_curation_status="Selected",
            state=factory.LazyFunction(
                lambda: _state(
                    "Complete",
                    contact_scrape_status=ContactScrapeStatus.CONTACT_FOUND,
                    processing_attempts=1,
                    processed_at=_now(),
                )
            ),
        )

    domain = factory.SubFactory(DomainFactory)
    url = factory.LazyAttributeSequence(lambda page, n: f"https://{page.domain.name}/people/{n}")
    state = None

    @classmethod
    def _create(cls, model_class, *args, state=None, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        if state:
            Page.objects.filter(pk=page.pk).update(**state)
            page.refresh_from_db()
        return page
