"""Several real worker processes against one PostgreSQL: no page twice, none lost."""

import os
import signal
import subprocess
import sys
import time

import pytest

from contacts.models import Contact
from extraction.processing import PageJob
from extraction.tests.job_helpers import queue_pages, subprocess_env
from extraction.tests.page_server import Reply
from jobs.loop import RECOVERY_INTERVAL_SECONDS, LoopOptions, run
from pages.models import Page
from pages.services.processing import pages_enqueue_processing, pages_recover_expired_leases
from wf7.settings import BASE_DIR

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("job_settings")]

PAGE = """<html><body><div class="card"><h3>Person {n}</h3>
<a href="mailto:person{n}@harrisonlaw.com">person{n}@harrisonlaw.com</a></div>
<footer><a href="mailto:office@harrisonlaw.com">office@harrisonlaw.com</a></footer>
</body></html>"""


def serve_pages(page_server, count: int, delay: float = 0.0) -> list[str]:
    return [
        page_server.add(f"/p{n}", Reply(body=PAGE.format(n=n).encode(), delay=delay))
        for n in range(count)
    ]


def start_worker(*args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(BASE_DIR / "manage.py"), "process_pages", *args],
        env={**subprocess_env(), "EXTRACT_WORKERS": "1", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_four_processes_drain_one_queue_once(page_server):
    urls = serve_pages(page_server, 400, delay=0.005)
    queue_pages(*urls)
    workers = [start_worker("--drain", "--batch-size", "10") for _ in range(4)]
    outputs = [worker.communicate(timeout=240) for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0, 0, 0], outputs

    assert [page_server.hits[f"/p{n}"] for n in range(400)] == [1] * 400
    assert Page.objects.filter(page_processing_status="Complete").count() == 400
    assert Contact.objects.count() == 401  # 400 people and one shared office address
    assert Contact.objects.filter(email="office@harrisonlaw.com").count() == 1
    processed = [int(out.split("processed ")[1].split()[0]) for out, _ in outputs]
    assert sum(processed) == 400
    assert sum(1 for count in processed if count) > 1, "the work was not shared"


def test_a_killed_workers_pages_are_back_in_the_queue_one_lease_after_its_last_beat(
    page_server, settings
):
    """SIGKILL leaves pages ``Processing``; once its heartbeat is older than the lease, the
    next recovery puts them back, and they are processed once more, not lost."""
    settings.PAGE_PROCESSING_LEASE_SECONDS = 3
    urls = serve_pages(page_server, 30, delay=0.3)
    queue_pages(*urls)
    worker = start_worker(
        "--drain", "--batch-size", "10", "--concurrency", "2", JOB_HEARTBEAT_SECONDS="0.5"
    )
    deadline = time.monotonic() + 60
    while not Page.objects.filter(page_processing_status="Complete").exists():
        assert time.monotonic() < deadline, "the worker never finished a page"
        time.sleep(0.05)
    os.kill(worker.pid, signal.SIGKILL)
    killed_at = time.monotonic()
    worker.wait()
    stranded = Page.objects.filter(page_processing_status="Processing").count()
    assert stranded > 0, "the kill came too late to test anything"
    assert pages_recover_expired_leases().requeued == 0, "a live lease was taken away"

    requeued = 0
    while requeued < stranded:
        assert time.monotonic() - killed_at < 3 + 1.5, "the pages stayed stuck past the lease"
        requeued += pages_recover_expired_leases().requeued
        time.sleep(0.1)
    with PageJob(workers=1) as job:
        run(job, LoopOptions(batch_size=10))

    assert Page.objects.filter(page_processing_status="Complete").count() == 30
    assert Contact.objects.filter(email__startswith="person").count() == 30
    assert max(page_server.hits[f"/p{n}"] for n in range(30)) <= 2


def test_with_the_default_settings_a_dead_worker_costs_under_two_minutes(settings):
    """The lease after the last beat, plus at most one recovery interval of a live worker."""
    assert settings.PAGE_PROCESSING_LEASE_SECONDS + RECOVERY_INTERVAL_SECONDS < 120
    assert settings.JOB_HEARTBEAT_SECONDS * 3 <= settings.PAGE_PROCESSING_LEASE_SECONDS


def test_the_django_q_cluster_processes_a_page_handed_to_it(page_server):
    """The whole path through django-q2: the admin's "Process now" queues a task in the ORM
    broker, a real ``qcluster`` picks it up and the page gets its contacts."""
    (page,) = queue_pages(serve_pages(page_server, 1)[0])
    pages_enqueue_processing(page_ids=[page.pk])
    cluster = subprocess.Popen(
        [sys.executable, str(BASE_DIR / "manage.py"), "qcluster"],
        env={**subprocess_env(), "REDIS_URL": ""},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while Page.objects.get(pk=page.pk).page_processing_status != "Complete":
            assert time.monotonic() < deadline, "the cluster never processed the page"
            time.sleep(0.2)
    finally:
        cluster.send_signal(signal.SIGTERM)
        cluster.wait(timeout=30)
    assert Contact.objects.filter(page=page).count() == 2
