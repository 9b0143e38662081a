"""Bring weddings to a state through the real services."""

import datetime as dt

from django.utils import timezone

from secretariat.weddings.models import Residence, Wedding
from secretariat.weddings.services import wedding_transition, wedding_update

TODAY = timezone.localdate


def make_wedding(place, *, date=None, start_time=dt.time(12, 0), **fields) -> Wedding:
    data = {"partner1_name": "Kari Nordmann", "partner2_name": "Ola Nordmann", "email": "par@example.no",
            "residence": Residence.RESIDENT, "language": "nb"}
    data.update(fields)
    return Wedding.objects.create(place=place, date=date or TODAY() + dt.timedelta(days=30), start_time=start_time,
                                  **data)


def bring_to(wedding: Wedding, state: str, *, actor, officiant, attest_issued_on=None) -> Wedding:
    """Move a wedding through the real services to `state` (dates must allow it)."""
    path = {"forespurt": [], "bekreftet": ["confirm"], "klar": ["confirm", "ready"],
            "gjennomfort": ["confirm", "ready", "hold"], "meldt": ["confirm", "ready", "hold", "report_notice"]}
    for step in path[state]:
        wedding.refresh_from_db()
        if step == "confirm":
            wedding_transition(wedding=wedding, name="confirm", actor=actor, officiant=officiant)
        elif step == "ready":
            wedding_update(wedding=wedding, actor=actor, data={
                "attest_issued_on": attest_issued_on or min(wedding.date, TODAY()) - dt.timedelta(days=20),
                "witness1_name": "Anne Vitne", "witness2_name": "Bjørn Vitne", "witnesses_of_age": True})
            wedding_transition(wedding=wedding, name="mark_ready", actor=actor)
        else:
            wedding_transition(wedding=wedding, name=step, actor=actor)
    wedding.refresh_from_db()
    return wedding
