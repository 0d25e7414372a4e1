"""Throughput of the fetcher alone: a farm of pages on loopback with network latency, fetched by
one ``Fetcher`` (no database, no extraction), in pages per second and CPU seconds per 1,000 pages.

    .venv/bin/python bench/fetch_bench.py [--pages 2000] [--code DIR --code DIR2] [--rounds 3]

Each ``--code`` is a checkout (e.g. main's code, ``git archive main | tar -x -C /tmp/main_code``);
the rounds alternate between them against the same farm, so a shared machine's load falls on
both alike. CPU time (user + system of the fetching process) is steadier than wall time when
other work shares the cores. ``--guarded`` fetches with the address guard on (loopback counted as
public for the farm): every request vetted and sent through a pool pinned to its address.
"""

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from page_farm import start_farm  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per response")
    parser.add_argument("--hosts", type=int, default=8, help="loopback addresses (domains)")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--code", type=Path, action="append", help="checkouts to compare")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--guarded", action="store_true", help="the guard on (new code only)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args()


def run_child(args) -> None:
    """In the child: fetch every page of the farm once; print the figures as JSON."""
    import asyncio

    from extraction.fetch import Fetcher, FetchOptions

    if args.guarded:
        from extraction.fetch import guard

        guard.is_public_address = lambda address: address.startswith("127.")
    urls = json.loads(args.child)
    options = FetchOptions(
        timeout=70.0,
        retries=2,
        max_bytes=5 * 1024 * 1024,
        concurrency=args.concurrency,
        per_domain=4,
        user_agent="WF7-fetch-bench",
        allow_private=not args.guarded,
    )

    async def fetch_all():
        async with Fetcher(options) as fetcher:
            tasks = (fetcher.fetch(url) for url in urls)
            return await asyncio.gather(*tasks, return_exceptions=True)

    before, started = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
    results = asyncio.run(fetch_all())
    elapsed, after = time.monotonic() - started, resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    errors = [str(result) for result in results if isinstance(result, Exception)]
    figures = {"seconds": elapsed, "cpu": cpu, "errors": len(errors), "first_error": errors[:1]}
    print(json.dumps(figures))


def wait_for(host: str, port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the page farm did not start on {host}:{port}")


def measure(args, code: Path, urls: list[str]) -> dict:
    command = [sys.executable, __file__, "--child", json.dumps(urls)]
    command += ["--concurrency", str(args.concurrency)] + (["--guarded"] if args.guarded else [])
    env = {**os.environ, "PYTHONPATH": str(code.resolve())}
    out = subprocess.run(command, env=env, cwd=code, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    args = parse_args()
    if args.child:
        run_child(args)
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hosts = [f"127.0.0.{2 + i}" for i in range(args.hosts)]
    urls = [f"http://{hosts[n % len(hosts)]}:{port}/team/{n}" for n in range(args.pages)]
    farm = start_farm(hosts, port, args.latency, args.pages)
    for host in hosts:
        wait_for(host, port)
    print(
        f"{args.pages} pages on {len(hosts)} loopback hosts, {args.latency * 1000:.0f} ms latency, "
        f"concurrency {args.concurrency}, 4 per host{', guard on' if args.guarded else ''}; "
        f"load average {os.getloadavg()[0]:.1f}\n"
    )
    print(f"{'code':<40} {'pages/s':>8} {'CPU s/1000':>11} {'errors':>7}")
    try:
        for _ in range(args.rounds):
            for code in args.code or [ROOT]:
                row = measure(args, code, urls)
                rate = args.pages / row["seconds"]
                cpu = row["cpu"] * 1000 / args.pages
                print(f"{code!s:<40} {rate:8.1f} {cpu:11.2f} {row['errors']:7}")
                if row["first_error"]:
                    print(f"  first error: {row['first_error'][0]}")
    finally:
        farm.terminate()


if __name__ == "__main__":
    main()
