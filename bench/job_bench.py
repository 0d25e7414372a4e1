"""Throughput of the job, end to end: a farm of pages on loopback with network latency, imported
and selected, then drained into PostgreSQL by ``process_pages --drain``; beside it, in the same
run, the seed's design (sequential fetch + the seed's regexes) and Scrapy with the seed's regexes.

    .venv/bin/python bench/job_bench.py [--pages 2000] [--latency 0.1] [--workers N]

Both WF7 and Scrapy are timed from outside, as whole commands (start-up included); what each
says of its own run, start-up left out, is shown beside. It uses DATABASE_URL when set, else the
database wf7_bench on the local PostgreSQL (created if missing). Its tables are emptied first:
never point it at a database you care about.
"""

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from page_farm import start_farm  # noqa: E402
from seed_design import run_seed  # noqa: E402

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/wf7_bench"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per response")
    parser.add_argument("--hosts", type=int, default=50, help="loopback addresses (domains)")
    parser.add_argument(
        "--workers", type=int, help="process_pages --workers (default: the command's own)"
    )
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--seed-pages", type=int, default=100, help="pages for the seed's row")
    parser.add_argument("--skip-scrapy", action="store_true")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(host: str, port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the page farm did not start on {host}:{port}")


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str, capture: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=capture,
        text=True,
    )


def watch_memory(process: subprocess.Popen) -> int:
    """Wait for ``process``; return the peak of its whole tree's resident memory, in bytes."""
    root, peak = psutil.Process(process.pid), 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    return peak


def page_timings(env: dict) -> dict:
    code = (
        "import django, json; django.setup();"
        "from pages.models import Page; from contacts.models import Contact;"
        "rows = Page.objects.filter(processed_at__isnull=False)"
        ".values_list('processed_at', 'processing_started_at');"
        "ms = sorted((a - b).total_seconds() * 1000 for a, b in rows);"
        "print(json.dumps({'p50': ms[len(ms) // 2], 'p95': ms[int(len(ms) * 0.95)],"
        "'complete': Page.objects.filter(page_processing_status='Complete').count(),"
        "'contacts': Contact.objects.count()}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


def run_ours(args, env: dict, urls: list[str]) -> dict:
    manage(env, "migrate", "--noinput")
    manage(
        env,
        "shell",
        "-c",
        "from contacts.models import Contact; from pages.models import Page, Domain;"
        "Contact.objects.all().delete(); Page.objects.all().delete();"
        "Domain.objects.all().delete()",
    )
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(urls))
    print(" ", manage(env, "import_pages", listing.name, "--select").stdout.strip())
    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "process_pages",
        "--drain",
        *(["--workers", str(args.workers)] if args.workers else []),
        "--batch-size",
        str(args.batch_size),
        "--concurrency",
        str(args.concurrency),
    ]
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    peak = watch_memory(process)
    seconds = time.monotonic() - started
    output = process.stdout.read().strip()
    print(" ", output)
    in_command = re.search(r"([0-9.]+) pages/s", output)
    timings = page_timings(env)
    return {
        "pages": timings["complete"],
        "seconds": seconds,
        "pages_per_second": len(urls) / seconds,
        "contacts_per_second": timings["contacts"] / seconds,
        "p50_ms": timings["p50"],
        "p95_ms": timings["p95"],
        "peak_mb": peak / 2**20,
        "run_pages_per_second": float(in_command.group(1)) if in_command else 0.0,
    }


def run_scrapy(args, urls: list[str]) -> dict | None:
    try:
        import scrapy  # noqa: F401
    except ImportError:
        print("  (Scrapy is not installed: pip install -r requirements/bench.txt)")
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(urls))
    script = ROOT / "bench" / "scrapy_seed.py"
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, str(script), listing.name, str(args.concurrency), "4"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    seconds = time.monotonic() - started
    crawl = json.loads(out.strip().splitlines()[-1])
    # Timed like ours, from outside, start-up included; its crawl alone is shown beside.
    return {
        **crawl,
        "crawl_pages_per_second": crawl["pages_per_second"],
        "pages_per_second": crawl["pages"] / seconds,
    }


def main() -> None:
    args = parse_args()
    port = free_port()
    hosts = [f"127.0.0.{2 + i}" for i in range(args.hosts)]
    urls = [f"http://{hosts[n % len(hosts)]}:{port}/team/{n}" for n in range(args.pages)]
    print(
        f"Page farm: {args.pages} pages on {len(hosts)} loopback hosts, "
        f"{args.latency * 1000:.0f} ms latency"
    )
    farm = start_farm(hosts, port, args.latency, args.pages)
    for host in hosts:
        wait_for(host, port)

    database = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    if database == DEFAULT_DATABASE:
        ensure_database(database)
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "SECRET_KEY": "bench",
        "DJANGO_SETTINGS_MODULE": "wf7.settings",
        "FETCH_ALLOW_PRIVATE_ADDRESSES": "true",
        "FETCH_RETRIES": "1",
    }
    rows = {}
    print("WF7 (process_pages --drain into PostgreSQL):")
    rows["wf7"] = run_ours(args, env, urls)
    print(f"Seed design (sequential fetch + seed regexes, first {args.seed_pages} pages):")
    rows["seed"] = run_seed(urls[: args.seed_pages])
    if not args.skip_scrapy:
        print("Scrapy + seed regexes, no database:")
        rows["scrapy"] = run_scrapy(args, urls)
    farm.terminate()
    report(rows)


def report(rows: dict) -> None:
    ours = rows["wf7"]
    print()
    print(f"{'design':<34}{'pages/s':>9}{'contacts/s':>12}{'p50 ms':>9}{'p95 ms':>9}{'peak MB':>9}")
    print(
        f"{'WF7, drain into PostgreSQL':<34}{ours['pages_per_second']:>9.1f}"
        f"{ours['contacts_per_second']:>12.1f}{ours['p50_ms']:>9.0f}{ours['p95_ms']:>9.0f}"
        f"{ours['peak_mb']:>9.0f}"
        f"   (its run alone, start-up left out: {ours['run_pages_per_second']:.1f})"
    )
    print(f"{'seed: sequential + regexes':<34}{rows['seed']['pages_per_second']:>9.1f}")
    if rows.get("scrapy"):
        scrapy = rows["scrapy"]
        print(
            f"{'Scrapy + seed regexes, no DB':<34}{scrapy['pages_per_second']:>9.1f}"
            f"   (its crawl alone, start-up left out: {scrapy['crawl_pages_per_second']:.1f})"
        )
    print()
    print(f"WF7 / seed: {ours['pages_per_second'] / rows['seed']['pages_per_second']:.1f}x")
    if rows.get("scrapy"):
        print(f"WF7 / Scrapy: {ours['pages_per_second'] / rows['scrapy']['pages_per_second']:.2f}x")


if __name__ == "__main__":
    main()
