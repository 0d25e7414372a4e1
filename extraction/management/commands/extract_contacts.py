"""manage.py extract_contacts SOURCE [--json] [--region CC] [--url URL] [--render [--html]]

Runs the extractor on one page and prints what it found: how a curator answers "why wasn't this
found?". SOURCE is an HTML file (``-`` for stdin) or an http(s) URL, fetched by the job's fetcher
(the same address guard, size caps and time budget). ``--render`` loads the URL in the headless
browser instead, as ``FETCH_RENDER`` does, and extracts what the browser sees (``--html`` prints
that DOM).
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from extraction.extract import extract_contacts, region_for_url
from extraction.fetch import FetchError, fetch_one
from extraction.render import Renderer, RenderOptions, find_browser


class Command(BaseCommand):
    help = "Extract the contacts from one HTML file or URL and print them."

    def add_arguments(self, parser):
        parser.add_argument("source", help="an HTML file, - for stdin, or an http(s) URL")
        parser.add_argument("--json", dest="as_json", action="store_true", help="print a JSON list")
        parser.add_argument(
            "--region",
            metavar="CC",
            help="default phone region for numbers without a country code, when the page's "
            "host has no country-code TLD (default: PHONE_DEFAULT_REGION)",
        )
        parser.add_argument(
            "--url", help="the page's URL, for a file (its host's TLD sets the phone region)"
        )
        parser.add_argument(
            "--render", action="store_true", help="load the URL in the headless browser"
        )
        parser.add_argument(
            "--html", action="store_true", help="print the HTML the extractor reads, not contacts"
        )

    def handle(self, *args, source, as_json, region, url, render, html, **options):
        region = (region or "").upper() or None
        if region and len(region) != 2:
            raise CommandError(f"--region takes a two-letter country code, not {region!r}")
        is_url = source.startswith(("http://", "https://"))
        if render and not is_url:
            raise CommandError("--render takes an http(s) URL")
        if render:
            text, page_url = self._render(source)
        elif is_url:
            text, page_url = self._fetch(source)
        else:
            text, page_url = self._read(source), url or ""
        if html:
            self.stdout.write(text)
            return
        contacts = extract_contacts(text, page_url, default_region=region)
        if as_json:
            rows = [
                {"email": c.email, "phone": c.phone, "name": c.name, "position": c.position}
                for c in contacts
            ]
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        used = region_for_url(page_url, region)
        self.stderr.write(f"{len(text):,} characters, phone region {used}")
        if not contacts:
            self.stdout.write("no contacts found")
        for c in contacts:
            kind = f"{c.email_type}, {c.found_by}" if c.email else c.found_by
            fields = [c.email or "-", c.phone or "-", c.name or "-", c.position or "-"]
            self.stdout.write("  ".join(fields) + f"  ({kind})")

    def _read(self, source: str) -> str:
        if source == "-":
            return sys.stdin.read()
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {source}: {exc.strerror or exc}") from exc
        return data.decode("utf-8", "replace")

    def _fetch(self, source: str) -> tuple[str, str]:
        try:
            page = fetch_one(source)
        except FetchError as exc:
            raise CommandError(f"cannot fetch {source}: {exc}") from exc
        return page.html, page.final_url

    def _render(self, source: str) -> tuple[str, str]:
        if find_browser() is None:
            raise CommandError(
                "no browser: set FETCH_BROWSER_PATH or install one (apt-get install chromium)"
            )
        with Renderer(RenderOptions.from_settings(concurrency=1)) as renderer:
            try:
                page = renderer.submit(source).result()
            except FetchError as exc:
                raise CommandError(f"cannot render {source}: {exc}") from exc
            refused = renderer.refused
        note = ", read at the time limit" if page.timed_out else ""
        self.stderr.write(
            f"rendered in {renderer.options.browser_path}{note}; "
            f"{refused} request(s) refused by the address guard"
        )
        return page.html, page.final_url
