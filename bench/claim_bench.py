"""The claim's cost on a big queue: 1,000,000 queued pages on 10,000 sites, claims of 200.

    .venv/bin/python bench/claim_bench.py [--pages 1000000] [--sites 10000] [--claims 20]

It uses the database wf7_claim_bench on the local PostgreSQL (created and emptied: never point it
at a database you care about), fills it with SQL, then times ``jobs.claims.claim`` on the page
queue and prints the plan of its two queries. Each claimed batch is given back, so every claim
sees the full queue."""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = "postgres://postgres@127.0.0.1:5432/wf7_claim_bench"

# Copies of one domain and one queued page made through the ORM (so every column has its
# model's default, whatever columns the models grow), with only the varying columns replaced.
FILL_DOMAINS = """
INSERT INTO pages_domain ({columns})
SELECT {values} FROM pages_domain AS template, generate_series(1, %(sites)s) AS i
WHERE template.id = %(domain)s
"""
FILL_PAGES = """
INSERT INTO pages_page ({columns})
SELECT {values}
FROM pages_page AS template, generate_series(1, %(pages)s) AS i
JOIN (SELECT id, name, row_number() OVER () AS n FROM pages_domain WHERE id <> %(domain)s) AS d
    ON d.n = 1 + i %% %(sites)s
WHERE template.id = %(page)s
"""
DOMAIN_VARYING = {"id": "gen_random_uuid()", "name": "'site' || i || '.example'"}
PAGE_VARYING = {
    "id": "gen_random_uuid()",
    "domain_id": "d.id",
    "url": "'https://' || d.name || '/p/' || i",
    "queued_at": "now() - (random() * interval '30 days')",
}


def fill(connection, *, pages: int, sites: int) -> None:
    from django.utils import timezone

    from pages.models import Domain, Page

    domain = Domain.objects.create(name="template.example")
    page = Page.objects.create(
        domain=domain,
        url="https://template.example/",
        page_curation_status="Selected",
        page_processing_status="Queued",
        queued_at=timezone.now(),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            _copy(FILL_DOMAINS, Domain, DOMAIN_VARYING), {"sites": sites, "domain": domain.id}
        )
        cursor.execute(
            _copy(FILL_PAGES, Page, PAGE_VARYING),
            {"pages": pages, "sites": sites, "domain": domain.id, "page": page.id},
        )
        cursor.execute("DELETE FROM pages_page WHERE id = %s", [page.id])
        cursor.execute("DELETE FROM pages_domain WHERE id = %s", [domain.id])
        cursor.execute("ANALYZE pages_domain; ANALYZE pages_page")


def _copy(sql: str, model, varying: dict[str, str]) -> str:
    columns = [field.column for field in model._meta.concrete_fields]
    values = [varying.get(column, f"template.{column}") for column in columns]
    return sql.format(columns=", ".join(columns), values=", ".join(values))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1_000_000)
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=200)
    args = parser.parse_args()

    import psycopg

    with psycopg.connect(DATABASE.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS wf7_claim_bench")
        admin.execute("CREATE DATABASE wf7_claim_bench")
    os.environ.update(DATABASE_URL=DATABASE, SECRET_KEY="bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wf7.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from jobs import claims
    from pages.queue import PAGE_JOB

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    fill(connection, pages=args.pages, sites=args.sites)
    print(
        f"filled {args.pages:,} queued pages on {args.sites:,} sites in "
        f"{time.monotonic() - started:.0f} s"
    )

    timings, sites = [], []
    for _ in range(args.claims):
        started = time.perf_counter()
        batch = claims.claim(PAGE_JOB, batch_size=args.batch_size)
        timings.append((time.perf_counter() - started) * 1000)
        sites.append(len({item.domain_id for item in batch}))
        claims.release(PAGE_JOB, batch)
    print(
        f"claim of {args.batch_size}: median {statistics.median(timings):.1f} ms, "
        f"max {max(timings):.1f} ms over {args.claims} claims; "
        f"sites per batch: median {statistics.median(sites):.0f}"
    )
    explain(connection, PAGE_JOB, args.batch_size)


def explain(connection, spec, batch_size: int) -> None:
    from jobs.claims import _GROUPS, _ROWS_OF_GROUPS, _sql

    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + _sql(spec, _GROUPS),
            {
                "queued": spec.queued,
                "after": "00000000-0000-0000-0000-000000000000",
                "limit": batch_size,
            },
        )
        print("\nplan of the sites walk:")
        print("\n".join(row[0] for row in cursor.fetchall()))
        cursor.execute(
            _sql(spec, _GROUPS),
            {
                "queued": spec.queued,
                "after": "00000000-0000-0000-0000-000000000000",
                "limit": batch_size,
            },
        )
        groups = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + _sql(spec, _ROWS_OF_GROUPS),
            {"queued": spec.queued, "groups": groups, "taken": [], "per_group": 1},
        )
        print("\nplan of the rows of those sites:")
        print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
