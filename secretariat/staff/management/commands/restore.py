from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from secretariat.staff.backup import BackupError, restore


class Command(BaseCommand):
    help = "Gjenoppretter en sikkerhetskopi fra `backup` til en tom database (sjekker sjekksummene først)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="Mappen `backup --out` skrev.")
        parser.add_argument("--force", action="store_true",
                            help="Erstatt innholdet i en database som ikke er tom (alt som er der, slettes).")

    def handle(self, *args, source, force, **options):
        try:
            manifest = restore(Path(source), force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Gjenopprettet fra {source} (tatt {manifest['created_at']}): {sum(manifest['counts'].values())} rader "
            f"og {len(manifest['media'])} mediefiler stemmer med manifesten."))
