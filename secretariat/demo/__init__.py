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
]


def seed_all(stdout=None):
    from django.db import transaction

    from .core import seed_core

    with transaction.atomic():
        ctx = seed_core(stdout)
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            module.seed(ctx)
    return ctx
