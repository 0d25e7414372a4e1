import json

from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder

from extraction.health import job_health
from extraction.selectors import pipeline_summary


class Command(BaseCommand):
    help = "Print the pipeline's health; exit status 1 when the job cannot run or pages are stuck."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the numbers as JSON")

    def handle(self, *args, **options):
        summary = pipeline_summary()
        health = job_health()
        summary["health"] = health.as_dict()
        as_json = json.dumps(summary, cls=DjangoJSONEncoder, indent=2)
        self.stdout.write(as_json if options["json"] else self._as_text(summary))
        discovery = summary["discovery"]
        if summary["stuck"] or summary["orphans"] or discovery["domain_orphans"] or not health.ok:
            raise SystemExit(1)

    def _as_text(self, summary: dict) -> str:
        lines = [f"pages: {summary['pages']}"]
        for key in ("curation_status", "processing_status", "contact_scrape_status"):
            counts = ", ".join(f"{name} {count}" for name, count in summary[key].items())
            lines.append(f"{key}: {counts}")
        for key in ("queue_depth", "stuck", "orphans", "contacts", "complete_without_contacts"):
            lines.append(f"{key}: {summary[key]}")
        lines.append(f"rendering: {summary['rendering']}")
        lines.append(f"last_processed_at: {summary['last_processed_at'] or 'never'}")
        lines.append("errors by reason:" if summary["errors_by_reason"] else "errors: none")
        lines.extend(f"  {row['count']:>6}  {row['reason']}" for row in summary["errors_by_reason"])
        discovery = summary["discovery"]
        lines.append(f"domains: {discovery['domains']}")
        for key in ("domain_curation_status", "discovery_status"):
            counts = ", ".join(f"{name} {count}" for name, count in discovery[key].items())
            lines.append(f"{key}: {counts}")
        for key in ("discovery_queue_depth", "discovery_stuck", "domain_orphans"):
            lines.append(f"{key}: {discovery[key]}")
        health = summary["health"]
        since = health["seconds_since_last_drain"]
        lines.append(f"last drain finished: {'never' if since is None else f'{since} s ago'}")
        lines.append(f"health: {health['status']} {' '.join(health['failing'])}".rstrip())
        return "\n".join(lines)
