"""`manage.py import_delegated_decisions FILE`: import delegerte vedtak from a CSV file, all or nothing."""

from django.core.management.base import BaseCommand, CommandError

from secretariat.delegations.services import CSV_COLUMNS, delegated_decisions_import


class Command(BaseCommand):
    help = (f"Importer delegerte vedtak fra en CSV-fil (UTF-8, ; eller ,). Kolonner: {';'.join(CSV_COLUMNS)}. "
            "Er én linje feil, lagres ingenting.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV-filen")

    def handle(self, *args, file: str, **options):
        try:
            with open(file, encoding="utf-8-sig") as fh:
                content = fh.read()
        except FileNotFoundError:
            raise CommandError(f"Finner ikke filen {file}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} er ikke lagret som UTF-8.") from None
        except OSError as exc:
            raise CommandError(f"Kan ikke lese {file}: {exc.strerror}.") from None
        result = delegated_decisions_import(actor=None, content=content, source=file)
        if result.errors:
            raise CommandError("Ingenting er importert:\n" + "\n".join(result.errors))
        self.stdout.write(f"{len(result.created)} delegerte vedtak importert.")
