"""Discovery's entry points: import_domains, discover_domains, the scheduled drain, and a worker
killed in the middle of it (the one job loop gives its domains back)."""

import io
import os
import signal
import subprocess
import sys
import time

import pytest
from django.core.management import CommandError, call_command

from extraction import tasks
from extraction.tests.discovery_helpers import homepage, robots
from extraction.tests.job_helpers import subprocess_env
from extraction.tests.page_server import PageServer, Reply
from jobs import claims
from pages.models import Domain, Page
from pages.queue import DOMAIN_JOB
from wf7.settings import BASE_DIR

pytestmark = pytest.mark.django_db(transaction=True)

CONTACT = (
    '<html><body><a href="mailto:office@harrisonlaw.com">office@harrisonlaw.com</a></body></html>'
)


def test_import_domains_reports_per_line_and_queues(tmp_path, discovery_settings):
    listing = tmp_path / "domains.txt"
    listing.write_text("harrisonlaw.com\nhttps://www.kanzlei-weber.de/\nnot a domain\n")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 invalid line, not imported"):
        call_command("import_domains", str(listing), stdout=out, stderr=err)
    assert out.getvalue().strip() == "created 2, skipped 0, invalid 1, queued 2"
    assert "line 3:" in err.getvalue()
    assert set(Domain.objects.values_list("discovery_status", flat=True)) == {"Queued"}


def test_import_domains_no_select(tmp_path, discovery_settings):
    listing = tmp_path / "domains.txt"
    listing.write_text("harrisonlaw.com\n")
    out = io.StringIO()
    call_command("import_domains", str(listing), "--no-select", stdout=out)
    assert out.getvalue().strip() == "created 1, skipped 0, invalid 0, queued 0"
    assert Domain.objects.get().discovery_status is None


def test_discover_domains_command(page_server, discovery_settings):
    page_server.html("/", homepage(("/contact", "Contact")))
    Domain.objects.create(
        name=page_server.host, homepage_url=page_server.url("/"), domain_curation_status="Selected"
    )
    out = io.StringIO()
    call_command("discover_domains", "--drain", "--batch-size", "5", stdout=out)
    assert out.getvalue().startswith("discovered 1 domains: 1 complete")
    assert Page.objects.filter(url=page_server.url("/contact"), page_curation_status="Selected")


def test_a_drain_discovers_then_processes_what_it_selected(page_server, discovery_settings):
    robots(page_server, "User-agent: *\nDisallow: /private\n")
    page_server.html("/", homepage(("/contact", "Contact"), ("/private", "Contact (private)")))
    page_server.html("/contact", CONTACT)
    domain = Domain.objects.create(
        name=page_server.host, homepage_url=page_server.url("/"), domain_curation_status="Selected"
    )

    result = tasks.drain_page_queue()

    assert result.startswith("discovered 1 domains")
    contact = Page.objects.get(url=page_server.url("/contact"))
    assert (contact.page_processing_status, contact.contact_scrape_status) == (
        "Complete",
        "ContactFound",
    )
    assert domain.contacts.filter(email="office@harrisonlaw.com").exists()
    assert page_server.hits["/private"] == 0
    assert page_server.hits["/robots.txt"] == 1  # the page job used the cached copy


def test_the_tick_starts_a_drain_when_only_domains_wait(monkeypatch, discovery_settings):
    sent = []
    monkeypatch.setattr(tasks, "async_task", lambda func, **kw: sent.append(func))
    discovery_settings.PAGE_CURATION_SCHEDULER_MAX_INSTANCES = 2
    Domain.objects.create(name="harrisonlaw.com", domain_curation_status="Selected")
    assert tasks.process_page_queue().startswith("started 4 drains")


def test_a_killed_workers_domains_come_back_and_are_discovered_once_more(discovery_settings):
    servers = [PageServer(host=f"127.0.0.{n}") for n in range(2, 8)]
    try:
        for server in servers:
            server.add("/", Reply(body=homepage(("/kontakt", "Kontakt")).encode(), delay=0.4))
            Domain.objects.create(
                name=server.host, homepage_url=server.url("/"), domain_curation_status="Selected"
            )
        worker = subprocess.Popen(
            [
                sys.executable,
                str(BASE_DIR / "manage.py"),
                "discover_domains",
                "--drain",
                "--batch-size",
                "2",
            ],
            env={**subprocess_env(), "JOB_HEARTBEAT_SECONDS": "0.5"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not Domain.objects.filter(discovery_status="Complete").exists():
            assert time.monotonic() < deadline, "the worker never finished a domain"
            time.sleep(0.05)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        stranded = Domain.objects.filter(discovery_status="Processing").count()
        assert stranded > 0, "the kill came too late to test anything"
        assert claims.recover_expired(DOMAIN_JOB, lease_seconds=60).requeued == 0
        time.sleep(1.5)
        assert claims.recover_expired(DOMAIN_JOB, lease_seconds=1).requeued == stranded

        call_command("discover_domains", "--drain", stdout=io.StringIO())

        assert Domain.objects.filter(discovery_status="Complete").count() == len(servers)
        assert Page.objects.filter(url__endswith="/kontakt").count() == len(servers)
        assert max(server.hits["/"] for server in servers) <= 2
    finally:
        for server in servers:
            server.stop()
