from pages.management.import_command import ImportCommand
from pages.services.imports import pages_import


class Command(ImportCommand):
    help = (
        "Import pages from a file of URLs (one a line, or a CSV with a url column); - is stdin. "
        "Exits 1 when some lines were invalid (the valid ones are imported)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--select", action="store_true", help="select (and queue) new pages")

    def run_import(self, lines, *, select, **options):
        return pages_import(lines=lines, select=select)
