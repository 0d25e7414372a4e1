"""Two ``qcluster``s sharing one Redis broker and one PostgreSQL both take part in the work."""

import subprocess
import sys
import time
import uuid

import pytest
from django_q.models import Schedule, Task

from extraction.tests.job_helpers import queue_pages, subprocess_env
from extraction.tests.page_server import Reply
from pages.models import Page
from wf7.settings import BASE_DIR

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("job_settings")]

PAGE = b'<div><h3>Ann Lee</h3><a href="mailto:ann@harrisonlaw.com">ann@harrisonlaw.com</a></div>'


def test_two_clusters_on_redis_share_the_queue(page_server):
    """Each drain's pages take long enough (40 pages of 1 s, two at a time) that the second
    cluster's drain starts while the first is still working."""
    Schedule.objects.all().delete()  # only the tick this test sends
    urls = [page_server.add(f"/p{n}", Reply(body=PAGE, delay=1.0)) for n in range(40)]
    queue_pages(*urls)
    env = {
        **subprocess_env(),
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "Q_CLUSTER_NAME": f"wf7-test-{uuid.uuid4().hex[:8]}",
        "Q_WORKERS": "1",
        "PAGE_CURATION_SCHEDULER_MAX_INSTANCES": "2",
        "PAGE_CURATION_SCHEDULER_BATCH_SIZE": "4",
        "FETCH_CONCURRENCY": "2",
        "EXTRACT_WORKERS": "1",
    }
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    clusters = [
        subprocess.Popen(
            [*manage, "qcluster"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(2)
    ]
    try:
        tick = "from extraction.tasks import process_page_queue; print(process_page_queue())"
        out = subprocess.run(
            [*manage, "shell", "-c", tick], env=env, capture_output=True, text=True, check=True
        ).stdout
        assert "started 4 drains" in out, out
        deadline = time.monotonic() + 90
        while Page.objects.filter(page_processing_status="Complete").count() < 40:
            assert time.monotonic() < deadline, "the clusters did not drain the queue"
            time.sleep(0.2)
    finally:
        for cluster in clusters:
            cluster.terminate()
        for cluster in clusters:
            cluster.wait(timeout=30)
    drains = Task.objects.filter(func="extraction.tasks.drain_page_queue")
    results = list(drains.values_list("result", flat=True))
    working = [r for r in results if r.startswith("processed") and r.split()[1] != "0"]
    holders = {r.rsplit(", ", 1)[1] for r in working}
    assert len(holders) == 2, results
    assert sum(int(r.split()[1]) for r in working) == 40
    assert [page_server.hits[f"/p{n}"] for n in range(40)] == [1] * 40
