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
    "secretariat.live.demo",  # issue 16: the next formannskap meeting live, two more member log-ins
]


def seed_all(stdout=None):
    from django.db import transaction

    from .core import seed_core

    with transaction.atomic():
        ctx = seed_core(stdout)
        for name in DEMO_MODULES:
            import_module(name).seed(ctx)
    return ctx
