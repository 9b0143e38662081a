from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from workflows.diagram import markdown, replace_in


class Command(BaseCommand):
    help = "Skriver arbeidsflytene som Mermaid-diagram (med --write: oppdaterer README.md)."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help="Oppdater diagrammene i README.md.")

    def handle(self, *args, write=False, **options):
        if not write:
            self.stdout.write(markdown())
            return
        readme = Path(settings.BASE_DIR) / "README.md"
        readme.write_text(replace_in(readme.read_text()))
        self.stdout.write(self.style.SUCCESS("README.md er oppdatert."))
