"""Shared set-up for the job tests: settings that let the fetcher reach the loopback server,
and pages queued for URLs on it."""

import pytest

from pages.models import Page
from pages.tests.factories import DomainFactory, PageFactory

CARD = """<html><body><div class="person"><h3>{name}</h3>
<a href="mailto:{email}">{email}</a></div></body></html>"""


@pytest.fixture
def job_settings(settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.FETCH_TIMEOUT_SECONDS = 2
    settings.FETCH_RETRIES = 1
    settings.SCRAPER_API_KEY = ""
    return settings


def queue_pages(*urls: str, domain: str = "harrisonlaw.com") -> list[Page]:
    site = DomainFactory(name=domain)
    return [PageFactory(domain=site, url=url, page_curation_status="Selected") for url in urls]


def card(name: str, email: str) -> str:
    return CARD.format(name=name, email=email)


def subprocess_env() -> dict:
    """The environment for a ``manage.py`` child that must see this test's database."""
    import os

    from django.conf import settings
    from django.db import connection

    db = connection.settings_dict
    host = db["HOST"] or db["OPTIONS"].get("host", "")
    if host.startswith("/"):
        url = f"postgres://{db['USER']}@/{db['NAME']}?host={host}"
    else:
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": settings.SECRET_KEY,  # django-q2 signs its tasks with it
        "FETCH_ALLOW_PRIVATE_ADDRESSES": "true",
        "FETCH_RETRIES": "0",
    }


def process(batch_size: int = 10, **job_options):
    """One batch through the page job, as ``process_pages`` runs it."""
    from extraction.processing import PageJob
    from jobs.loop import LoopOptions, run

    with PageJob(workers=1, **job_options) as job:
        return run(job, LoopOptions(batch_size=batch_size, drain=False))
