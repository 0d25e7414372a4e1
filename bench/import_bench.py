"""How long the admin's import takes for a file of a given size, so the import form's size cap
keeps an import well inside gunicorn's timeout (the Procfile's ``--timeout``).

    .venv/bin/python bench/import_bench.py [--urls 20000 50000] [--select]

Each run imports that many new URLs (about 60 bytes a line, as a real export of page URLs) through
``pages_import`` exactly as the admin's form does, into DATABASE_URL or the database
wf7_import_bench on the local PostgreSQL (created if missing, its pages emptied first: never point
it at a database you care about). Prints URLs, file size, seconds and URLs/s."""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/wf7_import_bench"


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--urls", type=int, nargs="+", default=[20_000, 50_000])
    parser.add_argument("--select", action="store_true", help="select (queue) the new pages")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE)
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wf7.settings")
    ensure_database(os.environ["DATABASE_URL"])
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from pages.models import Domain, Page
    from pages.services.imports import pages_import, read_url_lines

    for count in args.urls:
        Page.objects.all().delete()
        Domain.objects.all().delete()
        text = "".join(
            f"https://www.firm{n % 5000}.example.org/people/team-member-{n:07d}\n"
            for n in range(count)
        )
        started = time.perf_counter()
        report = pages_import(lines=read_url_lines(text.splitlines(True)), select=args.select)
        seconds = time.perf_counter() - started
        assert report.created == count, report.summary()
        size = len(text.encode())
        print(
            f"{count} URLs, {size / 2**20:.1f} MB: {seconds:.1f} s, {count / seconds:,.0f} URLs/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
