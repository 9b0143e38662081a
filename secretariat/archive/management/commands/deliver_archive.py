"""deliver_archive: send what waits in the archive outbox now, and read the receipts that have come."""

from django.core.management.base import BaseCommand

from secretariat.archive.delivery import archive_message_deliver, deliver_pending_ids
from secretariat.archive.models import ArchiveMessage


class Command(BaseCommand):
    help = "Sender ventende meldinger til arkivet og leser kvitteringene som har kommet."

    def handle(self, *args, **options):
        for pk in deliver_pending_ids():
            archive_message_deliver(pk=pk)
            message = ArchiveMessage.objects.get(pk=pk)
            extra = f", journalpost {message.journalpost_label}" if message.journalpost_label else ""
            extra += f", saksnummer {message.saksnummer_label}" if message.saksnummer_label else ""
            extra += f" ({message.last_error})" if message.last_error else ""
            self.stdout.write(f"{message.idempotency_key}: {message.get_state_display()}{extra}")
