"""archive_simulator --dir DIR [--once] [--reject]: the test archive on the far side of the folder exchange.

For the demo: run the server with SAKSGANG_ARCHIVE_EXCHANGE_DIR=DIR, approve a protokoll, run this command, and
the next delivery (`manage.py deliver_archive`, or beat) stores the journalpost number from its receipt.
"""

import time

from django.core.management.base import BaseCommand

from secretariat.archive.simulator import ArchiveSimulator


class Command(BaseCommand):
    help = "Et lite testarkiv: tar imot arkivmeldinger i mappen, sjekker dem mot XSD-en og svarer med kvittering."

    def add_arguments(self, parser):
        parser.add_argument("--dir", required=True, help="Utvekslingsmappen (samme som SAKSGANG_ARCHIVE_EXCHANGE_DIR)")
        parser.add_argument("--once", action="store_true", help="Svar på det som venter, og avslutt")
        parser.add_argument("--reject", action="store_true", help="Avvis alle meldinger (ugyldigforespoersel)")

    def handle(self, *args, dir, once, reject, **options):
        simulator = ArchiveSimulator(dir)
        simulator.rejecting = reject
        while True:
            answered = simulator.process()
            if answered:
                self.stdout.write(f"Svarte på {answered} meldinger.")
            if once:
                return
            time.sleep(2)
