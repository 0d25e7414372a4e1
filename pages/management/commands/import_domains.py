from pages.management.import_command import ImportCommand
from pages.services.domains import domains_import


class Command(ImportCommand):
    help = (
        "Import domains from a file (one host name or homepage URL a line, or a CSV with a url "
        "column); - is stdin. New domains are selected, which queues their discovery."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-select", action="store_true", help="create the domains without queuing them"
        )

    def run_import(self, lines, *, no_select, **options):
        return domains_import(lines=lines, select=not no_select)
