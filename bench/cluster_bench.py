"""Throughput of the scheduled job with 1, 2 and 4 workers: N ``qcluster`` processes (one worker
each, as N machines would run them) on one Redis broker and one PostgreSQL, fed by ticks.

    .venv/bin/python bench/cluster_bench.py [--pages 1000] [--workers 1 2 4]

It uses the database wf7_cluster_bench on the local PostgreSQL (created and emptied: never point
it at a database you care about) and Redis on 127.0.0.1:6379 with a queue of its own."""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from job_bench import ensure_database, free_port, manage, wait_for  # noqa: E402
from page_farm import start_farm  # noqa: E402

DATABASE = "postgres://postgres@127.0.0.1:5432/wf7_cluster_bench"
COUNT_DONE = "SELECT count(*) FROM pages_page WHERE page_processing_status = 'Complete'"
TICK = "from extraction.tasks import process_page_queue; print(process_page_queue())"


def done(database: str) -> int:
    import psycopg

    with psycopg.connect(database) as conn:
        return conn.execute(COUNT_DONE).fetchone()[0]


def run_with(workers: int, env: dict, urls: list[str], tick_seconds: float) -> float:
    manage(
        env,
        "shell",
        "-c",
        "from pages.models import Page, Domain; "
        "from contacts.models import Contact; from jobs.models import DrainSlot; "
        "Contact.objects.all().delete(); Page.objects.all().delete(); "
        "Domain.objects.all().delete(); DrainSlot.objects.all().delete(); "
        "from django_q.models import Schedule; Schedule.objects.all().delete()",
    )
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(urls))
    manage(env, "import_pages", listing.name, "--select")
    env = {
        **env,
        "Q_CLUSTER_NAME": f"wf7-bench-{uuid.uuid4().hex[:8]}",
        "PAGE_CURATION_SCHEDULER_MAX_INSTANCES": str(workers),
    }
    clusters = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "qcluster"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    try:
        time.sleep(3)  # the clusters start
        started = last_tick = time.monotonic()
        manage(env, "shell", "-c", TICK)
        while done(env["DATABASE_URL"]) < len(urls):
            if time.monotonic() - last_tick > tick_seconds:  # as the schedule would
                manage(env, "shell", "-c", TICK)
                last_tick = time.monotonic()
            time.sleep(0.1)
        return time.monotonic() - started
    finally:
        for cluster in clusters:
            cluster.terminate()
        for cluster in clusters:
            cluster.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--tick-seconds", type=float, default=60.0)
    args = parser.parse_args()
    port = free_port()
    hosts = [f"127.0.0.{2 + i}" for i in range(args.hosts)]
    urls = [f"http://{hosts[n % len(hosts)]}:{port}/team/{n}" for n in range(args.pages)]
    farm = start_farm(hosts, port, args.latency, args.pages)
    for host in hosts:
        wait_for(host, port)
    ensure_database(DATABASE)
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE,
        "SECRET_KEY": "bench",
        "DJANGO_SETTINGS_MODULE": "wf7.settings",
        "FETCH_ALLOW_PRIVATE_ADDRESSES": "true",
        "FETCH_RETRIES": "1",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "Q_WORKERS": "1",
        "EXTRACT_WORKERS": "1",
        "PAGE_CURATION_SCHEDULER_BATCH_SIZE": "50",
    }
    manage(env, "migrate", "--noinput")
    print(f"{args.pages} pages on {args.hosts} loopback hosts, {args.latency * 1000:.0f} ms")
    print(f"{'qcluster workers':<18}{'seconds':>9}{'pages/s':>9}")
    for workers in args.workers:
        seconds = run_with(workers, env, urls, args.tick_seconds)
        print(f"{workers:<18}{seconds:>9.1f}{args.pages / seconds:>9.1f}", flush=True)
    farm.terminate()


if __name__ == "__main__":
    main()
