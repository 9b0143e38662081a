"""seed_demo: the core kommune first, then each feature's own demo data (module `demo` with `seed(ctx)`)."""

from importlib import import_module

DEMO_MODULES = [
    "secretariat.meetings.demo",
    "calendars.demo",
    "document_templates.demo",
    "secretariat.followups.demo",
    "secretariat.innsyn.demo",
    "secretariat.weddings.demo",
    "secretariat.appointments.demo",
    "secretariat.elections.demo",
    "secretariat.delegations.demo",
    "secretariat.members.demo",
    # before godtgjøring: its two member log-ins attend the November meetings that get their claim drafts
    "secretariat.live.demo",  # issue 16: the next formannskap meeting live, two more member log-ins
    "secretariat.training.demo",
    "secretariat.remuneration.demo",
    "secretariat.term.demo",
]


def seed_all(stdout=None):
    from django.db import transaction

    from secretariat.archive.services import archive_paused

    from .core import seed_core

    # The demo kommune's history predates its archive connection: hand-typed arkivsaksnummer, nothing sent.
    with transaction.atomic(), archive_paused():
        ctx = seed_core(stdout)
        for name in DEMO_MODULES:
            import_module(name).seed(ctx)
    return ctx
