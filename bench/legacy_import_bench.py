"""Time of ``manage.py import_legacy`` on a generated copy of the original's tables, and of the
second (idempotent) run.

    .venv/bin/python bench/legacy_import_bench.py [--domains 1000] [--pages-per-domain 10]

The source is the schema ``legacy_bench`` of the target database itself: DATABASE_URL when set,
else wf7_bench_legacy on the local PostgreSQL (created if missing). Its tables are emptied
first: never point it at a database you care about.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/wf7_bench_legacy"
SCHEMA = "legacy_bench"


def source_tables(domains: int, pages_per_domain: int) -> str:
    return f"""
DROP SCHEMA IF EXISTS {SCHEMA} CASCADE;
CREATE SCHEMA {SCHEMA};
CREATE TABLE {SCHEMA}.domains (id uuid PRIMARY KEY, domain text);
CREATE TABLE {SCHEMA}.pages (id uuid PRIMARY KEY, domain_id uuid, url text,
    page_curation_status text, page_processing_status text, page_processing_error text,
    contact_scrape_status text, created_at timestamptz, updated_at timestamptz);
CREATE TABLE {SCHEMA}.contacts (id uuid PRIMARY KEY, domain_id uuid, page_id uuid, name text,
    email text, phone_number text, source_url text, created_at timestamptz);
INSERT INTO {SCHEMA}.domains
    SELECT gen_random_uuid(), 'Firm' || i || '.example-bench.de'
    FROM generate_series(1, {domains}) i;
INSERT INTO {SCHEMA}.pages
    SELECT gen_random_uuid(), d.id, 'https://' || lower(d.domain) || '/p' || j,
        (ARRAY['New', 'Selected', 'Archived', 'Queued'])[1 + j % 4],
        (ARRAY[NULL, 'Complete', 'Processing', 'Error'])[1 + j % 4], NULL, 'New', now(), now()
    FROM {SCHEMA}.domains d, generate_series(1, {pages_per_domain}) j;
INSERT INTO {SCHEMA}.contacts
    SELECT gen_random_uuid(), p.domain_id, p.id, 'Person ' || k,
        'Person' || k || '.' || right(p.url, 3) || '@' || split_part(p.url, '/', 3),
        '030 ' || (1000000 + (random() * 8999999)::int), NULL, now()
    FROM {SCHEMA}.pages p, generate_series(1, 3) k WHERE right(p.url, 1)::int % 3 <> 0;
INSERT INTO {SCHEMA}.contacts  -- the original's "no contact found" rows
    SELECT gen_random_uuid(), p.domain_id, p.id, 'No Contact Found',
        'notfound_' || left(p.id::text, 8) || '@' || split_part(p.url, '/', 3), NULL, NULL, now()
    FROM {SCHEMA}.pages p WHERE right(p.url, 1)::int % 3 = 0;
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--domains", type=int, default=1000)
    parser.add_argument("--pages-per-domain", type=int, default=10)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE)
    _create_database(url)
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": os.environ.get("SECRET_KEY", "x")}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(
            "TRUNCATE contacts_contact, pages_page, pages_domain CASCADE", prepare=False
        )
        connection.execute(source_tables(args.domains, args.pages_per_domain))
        counts = [
            connection.execute(f"SELECT count(*) FROM {SCHEMA}.{table}").fetchone()[0]
            for table in ("domains", "pages", "contacts")
        ]
    print(f"source: {counts[0]} domains, {counts[1]} pages, {counts[2]} contacts")
    for label in ("first run", "second run"):
        started = time.perf_counter()
        done = subprocess.run(
            [*manage, "import_legacy", "--database-url", url, "--schema", SCHEMA],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"{label}: {seconds:.1f} s, {sum(counts) / seconds:,.0f} rows/s, "
            f"peak memory of the processes so far {peak:.0f} MB"
        )
        print("  " + "\n  ".join(done.stdout.splitlines()[:6]))


def _create_database(url: str):
    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if not exists.fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
