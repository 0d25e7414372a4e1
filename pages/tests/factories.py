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
            state=factory.LazyAttribute(
                lambda page: _state(
                    "Error",
                    contact_scrape_status=ContactScrapeStatus.ERROR,
                    page_processing_error=page.error,
                    processing_attempts=1,
                    processed_at=_now(),
                )
            ),
        )
        complete = factory.Trait(
            page_curation_status="Selected",
            state=factory.LazyAttribute(
                lambda page: _state(
                    "Complete",
                    contact_scrape_status=(
                        ContactScrapeStatus.CONTACT_FOUND
                        if page.found
                        else ContactScrapeStatus.NO_CONTACT_FOUND
                    ),
                    processing_attempts=1,
                    processed_at=_now(),
                )
            ),
        )
        # What a failed page's error says, whether a complete page found contacts.
        error = "HTTP 503: Service Unavailable (after 3 attempts)"
        found = True

    domain = factory.SubFactory(DomainFactory)
    url = factory.LazyAttributeSequence(lambda page, n: f"https://{page.domain.name}/people/{n}")
    processed_at = None
    state = None

    @classmethod
    def _create(cls, model_class, *args, state=None, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        if state:
            given = {name: kwargs[name] for name in state if kwargs.get(name) is not None}
            Page.objects.filter(pk=page.pk).update(**{**state, **given})
            page.refresh_from_db()
        return page
