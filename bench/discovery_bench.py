"""Discovery against a farm of whole websites on loopback, beside a breadth-first crawl (depth 2,
20 requests a site, the defaults of a popular hosted contact scraper) of the same farm in the
same run: contact recall and precision per site, requests per site, requests to paths that
robots.txt disallows.

    .venv/bin/python bench/discovery_bench.py [--sites 40] [--json]

Ours is the service as it runs: domains imported and selected, ``DomainJob`` (robots.txt,
sitemaps, homepage; the best pages selected) then ``PageJob`` (the selected pages extracted),
both on the one job loop. It uses DATABASE_URL when set, else the database wf7_discovery_bench
on the local PostgreSQL (created if missing); its domains, pages and contacts are deleted first.
"""

import argparse
import json
import os
import sys
import time
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from discovery_farm import build_site  # noqa: E402

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/wf7_discovery_bench"
OUR_AGENT = "WF7ContactBot"
BFS_AGENT = "ContactScraperBot"
BFS_DEPTH, BFS_REQUESTS = 2, 20


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=40)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def setup_django() -> None:
    database = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    if database == DEFAULT_DATABASE:
        import psycopg

        with psycopg.connect(database.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = 'wf7_discovery_bench'"
            ).fetchone()
            if not exists:
                conn.execute('CREATE DATABASE "wf7_discovery_bench"')
    os.environ.update(
        DATABASE_URL=database,
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench"),
        DJANGO_SETTINGS_MODULE="wf7.settings",
        FETCH_ALLOW_PRIVATE_ADDRESSES="true",
        FETCH_USER_AGENT=f"{OUR_AGENT}/1.0 (+bench)",
        FETCH_RETRIES="1",
        FETCH_TIMEOUT_SECONDS="10",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def start_farm(count: int):
    from extraction.tests.page_server import PageServer, Reply

    farm = []
    for index in range(count):
        server = PageServer(host=f"127.0.1.{index + 10}")
        site = build_site(index, lambda _site, server=server: server.url(""))
        for path, html in site.pages.items():
            server.html(path, html)
        for path, (body, content_type) in site.files.items():
            server.add(path, Reply(body=body, headers={"Content-Type": content_type}))
        server.add(
            "/robots.txt", Reply(body=site.robots.encode(), headers={"Content-Type": "text/plain"})
        )
        farm.append((site, server))
    return farm


def requests_made(site, server, agent: str) -> tuple[int, int]:
    total = sum(server.hits.values())
    disallowed = sum(
        hits
        for path, hits in server.hits.items()
        if path != "/robots.txt" and site.disallowed(path, agent)
    )
    return total, disallowed


def run_ours(farm) -> tuple[dict, float]:
    from contacts.models import Contact
    from extraction.discovery.job import DomainJob
    from extraction.processing import PageJob
    from jobs.loop import LoopOptions, run
    from pages.models import Domain
    from pages.services.domains import domains_import

    Contact.objects.all().delete()
    Domain.objects.all().delete()
    started = time.monotonic()
    domains_import(lines=[(n, server.url("/")) for n, (_s, server) in enumerate(farm)], select=True)
    with DomainJob() as job:
        run(job, LoopOptions(batch_size=20))
    with PageJob(workers=2) as job:
        run(job, LoopOptions(batch_size=50))
    seconds = time.monotonic() - started
    found = {}
    for site, server in farm:
        emails = set(
            Contact.objects.filter(domain__name=server.host).values_list("email", flat=True)
        )
        found[site.index] = (emails, *requests_made(site, server, OUR_AGENT))
        server.hits.clear()
    return found, seconds


def _links(html: str, base: str) -> list[str]:
    from selectolax.lexbor import LexborHTMLParser

    links = []
    for node in LexborHTMLParser(html).css("a[href]"):
        href = node.attributes.get("href") or ""
        if href.startswith(("mailto:", "tel:", "#", "javascript:")):
            continue
        links.append(urljoin(base, href).split("#")[0])
    return links


def bfs_site(server) -> set[str]:
    """Breadth-first from the homepage, same site, depth 2, 20 requests; robots.txt ignored."""
    import httpx

    from extraction.extract.extractor import extract_contacts_strict

    start = server.url("/")
    queue, seen, emails, made = deque([(start, 0)]), {start}, set(), 0
    with httpx.Client(headers={"User-Agent": f"{BFS_AGENT}/1.0"}, timeout=10) as client:
        while queue and made < BFS_REQUESTS:
            url, depth = queue.popleft()
            made += 1
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.headers.get(
                "content-type", ""
            ):
                continue
            contacts = extract_contacts_strict(response.text, url, "US")
            emails.update(contact.email for contact in contacts if contact.email)
            if depth < BFS_DEPTH:
                for link in _links(response.text, url):
                    if urlsplit(link).netloc == urlsplit(start).netloc and link not in seen:
                        seen.add(link)
                        queue.append((link, depth + 1))
    return emails


def run_bfs(farm) -> tuple[dict, float]:
    started = time.monotonic()
    found = {}
    for site, server in farm:
        emails = bfs_site(server)
        found[site.index] = (emails, *requests_made(site, server, BFS_AGENT))
        server.hits.clear()
    return found, time.monotonic() - started


def score(farm, found: dict, agent: str) -> dict:
    rows, hits, truths, reported = [], 0, 0, 0
    for site, _server in farm:
        emails, requests, disallowed = found[site.index]
        truth = site.truth(agent)
        right = len(emails & truth)
        hits, truths, reported = hits + right, truths + len(truth), reported + len(emails)
        rows.append(
            {
                "site": site.index,
                "language": site.language,
                "sitemap": site.sitemap_kind,
                "recall": right / len(truth),
                "precision": right / len(emails) if emails else 1.0,
                "requests": requests,
                "disallowed_requests": disallowed,
                "missed": sorted(truth - emails),
                "wrong": sorted(emails - truth),
            }
        )
    return {
        "recall": hits / truths,
        "precision": hits / reported if reported else 1.0,
        "requests_per_site": sum(r["requests"] for r in rows) / len(rows),
        "max_requests": max(r["requests"] for r in rows),
        "disallowed_requests": sum(r["disallowed_requests"] for r in rows),
        "sites_with_full_recall": sum(1 for r in rows if r["recall"] == 1.0),
        "sites": rows,
    }


def main() -> None:
    args = parse_args()
    setup_django()
    farm = start_farm(args.sites)
    try:
        ours, ours_seconds = run_ours(farm)
        bfs, bfs_seconds = run_bfs(farm)
    finally:
        for _site, server in farm:
            server.stop()
    result = {
        "sites": args.sites,
        "ours": {**score(farm, ours, OUR_AGENT), "seconds": round(ours_seconds, 1)},
        "bfs": {**score(farm, bfs, BFS_AGENT), "seconds": round(bfs_seconds, 1)},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    report(result)


def report(result: dict) -> None:
    print(f"{result['sites']} sites on loopback\n")
    header = (
        f"{'':26}{'recall':>8}{'precision':>11}{'req/site':>10}{'max req':>9}{'disallowed':>12}"
    )
    print(header)
    for name, label in (("ours", "discovery + extraction"), ("bfs", "BFS depth 2, 20 req")):
        row = result[name]
        print(
            f"{label:26}{row['recall']:>8.1%}{row['precision']:>11.3f}"
            f"{row['requests_per_site']:>10.1f}{row['max_requests']:>9}{row['disallowed_requests']:>12}"
        )
    print("\nper site (ours | bfs): recall, requests, disallowed")
    for mine, theirs in zip(result["ours"]["sites"], result["bfs"]["sites"], strict=True):
        print(
            f"  site {mine['site']:>2} {mine['language']} {mine['sitemap']:<7}"
            f" {mine['recall']:>6.0%} {mine['requests']:>3} {mine['disallowed_requests']:>2}"
            f" | {theirs['recall']:>6.0%} {theirs['requests']:>3}"
            f" {theirs['disallowed_requests']:>2}"
            + (f"  missed {mine['missed']}" if mine["missed"] else "")
            + (f"  wrong {mine['wrong']}" if mine["wrong"] else "")
        )


if __name__ == "__main__":
    main()
