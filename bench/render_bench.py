"""Rendering pages built by JavaScript: time and peak memory per rendered page, and the page
job's throughput on a loopback farm where one page in five is script-built, beside the same farm
all static.

    .venv/bin/python bench/render_bench.py [--pages 200] [--rendered 20] [--latency 0.05]

It uses DATABASE_URL when set, else the database wf7_bench_render on the local PostgreSQL (created
if missing). Its pages and contacts are deleted first: never point it at a database you care about.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/wf7_bench_render"
STATIC = """<html><body><h1>Our team</h1>{prose}
<div class="person"><h3>{name}</h3><a href="mailto:{email}">{email}</a></div></body></html>"""
PROSE = "<p>We have advised families and firms on property and estates since 1971.</p>" * 20


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200, help="pages in each farm")
    parser.add_argument("--rendered", type=int, default=20, help="pages rendered one by one")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per response")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes")
    return parser.parse_args()


class PeakMemory:
    """Samples the memory (proportional set size) of this process and of the browser's."""

    def __init__(self):
        self.peak_total = self.peak_browser = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()

    def _run(self):
        from extraction.render.renderer import browser_memory_bytes

        me = psutil.Process()
        while not self._stop.wait(0.02):
            browser = browser_memory_bytes()
            self.peak_browser = max(self.peak_browser, browser)
            self.peak_total = max(self.peak_total, browser + me.memory_full_info().pss)


def setup_django() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE)
    os.environ.setdefault("SECRET_KEY", "bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wf7.settings")
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1].split("?")[0]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.FETCH_RETRIES = 0


def per_page(args, server) -> None:
    from extraction.render import Renderer, RenderOptions
    from extraction.tests.render_helpers import serve_app

    url = serve_app(server, "/single")
    times = []
    with Renderer(RenderOptions.from_settings(concurrency=1)) as renderer:
        renderer.submit(url).result()  # the browser's launch is not a page's cost
        with PeakMemory() as memory:
            for _ in range(args.rendered):
                started = time.perf_counter()
                page = renderer.submit(url).result()
                times.append(time.perf_counter() - started)
                assert "maria.lopez@harrisonlaw.com" in page.html
    print(
        f"one rendered page at a time ({args.rendered} pages, browser warm): "
        f"median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms; peak PSS browser {memory.peak_browser / 2**20:.0f} MiB, "
        f"browser + job process {memory.peak_total / 2**20:.0f} MiB"
    )


def farm(args, server, share_rendered: int, label: str) -> None:
    from contacts.models import Contact
    from extraction.processing import PageJob
    from extraction.render import close_shared_renderer
    from extraction.tests.render_helpers import APP_SHELL, serve_app
    from jobs.loop import LoopOptions, run
    from pages.models import Domain, Page

    Contact.objects.all().delete()
    Page.objects.all().delete()
    Domain.objects.all().delete()
    serve_app(server, "/unused")
    urls = []
    for i in range(args.pages):
        if share_rendered and i % share_rendered == 0:
            urls.append(server.html(f"/{label}/app-{i}", APP_SHELL))
        else:
            page = STATIC.format(prose=PROSE, name="Ann Lee", email=f"ann{i}@harrisonlaw.com")
            urls.append(server.html(f"/{label}/static-{i}", page))
    domain = Domain.objects.create(name="harrisonlaw.com")
    Page.objects.bulk_create(
        [Page(domain=domain, url=url, page_curation_status="New") for url in urls]
    )
    Page.objects.update(page_curation_status="Selected", page_processing_status="Queued")
    close_shared_renderer()
    with PeakMemory() as memory:
        started = time.perf_counter()
        with PageJob(workers=args.workers) as job:
            stats = run(job, LoopOptions(batch_size=50))
        seconds = time.perf_counter() - started
    rendered = Page.objects.filter(fetched_with="browser").count()
    found = Page.objects.filter(contact_scrape_status="ContactFound").count()
    print(
        f"{label}: {stats.processed} pages in {seconds:.1f} s = {stats.processed / seconds:.1f} "
        f"pages/s; {rendered} rendered, {found} with contacts, {stats.error} errors; "
        f"peak PSS {memory.peak_total / 2**20:.0f} MiB"
    )


def main() -> None:
    args = parse_args()
    setup_django()
    from extraction.render import close_shared_renderer, find_browser
    from extraction.tests.page_server import PageServer

    if find_browser() is None:
        raise SystemExit("no browser: apt-get install chromium")
    server = PageServer()
    original = server._next_reply

    def slow_reply(path):  # every response waits as a remote server would
        time.sleep(args.latency)
        return original(path)

    server._next_reply = slow_reply
    print(f"browser {find_browser()}, latency {args.latency * 1000:.0f} ms, cores {os.cpu_count()}")
    per_page(args, server)
    farm(args, server, 0, "all-static")
    farm(args, server, 5, "one-in-five-script-built")
    close_shared_renderer()
    server.stop()


if __name__ == "__main__":
    main()
