"""A small website on a loopback server for the discovery tests, and running discovery on it."""

import gzip

import pytest

from extraction.tests.page_server import PageServer, Reply
from pages.models import Domain

XML = {"Content-Type": "application/xml"}
TEXT = {"Content-Type": "text/plain"}


def urlset(server: PageServer, *paths: str) -> bytes:
    locs = "".join(f"<url><loc>{server.url(path)}</loc></url>" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    ).encode()


def sitemap_index(server: PageServer, *paths: str) -> bytes:
    locs = "".join(f"<sitemap><loc>{server.url(path)}</loc></sitemap>" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}'
        "</sitemapindex>"
    ).encode()


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)


def homepage(*links: tuple[str, str], footer: str = "", nav: tuple = ()) -> str:
    body = "".join(f'<p><a href="{href}">{text}</a></p>' for href, text in links)
    menu = "".join(f'<a href="{href}">{text}</a>' for href, text in nav)
    return (
        f"<html><body><nav>{menu}</nav><main><h1>Welcome</h1>{body}</main>"
        f"<footer>{footer}</footer></body></html>"
    )


def robots(server: PageServer, text: str) -> None:
    server.add("/robots.txt", Reply(body=text.encode(), headers=TEXT))


def xml(server: PageServer, path: str, body: bytes) -> None:
    server.add(path, Reply(body=body, headers=XML))


def selected_domain(server: PageServer, **fields) -> Domain:
    return Domain.objects.create(
        name=server.host,
        homepage_url=server.url("/"),
        domain_curation_status="Selected",
        **fields,
    )


def discover(batch_size: int = 10, drain: bool = False):
    from extraction.discovery.job import DomainJob
    from jobs.loop import LoopOptions, run

    with DomainJob() as job:
        return run(job, LoopOptions(batch_size=batch_size, drain=drain))


@pytest.fixture
def discovery_settings(job_settings):
    job_settings.FETCH_USER_AGENT = "WF7ContactBot/1.0 (+test)"
    job_settings.FETCH_OBEY_ROBOTS = True
    job_settings.DISCOVERY_MAX_FETCHES = 6
    job_settings.DISCOVERY_MAX_CANDIDATES = 30
    job_settings.DISCOVERY_AUTO_SELECT = 5
    return job_settings
