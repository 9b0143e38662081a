"""Demo elections for Fjordvik: the 2025 stortingsvalg (done, with some tasks late and notes) and the next
kommunestyre- og fylkestingsvalg (13 September 2027) with its plan. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from secretariat.meetings.services import meeting_create
from workflows.errors import WorkflowError

from .models import ElectionProject
from .plan_templates import ElectionType
from .services import election_evaluation_update, election_project_create, election_task_complete

ELECTION_DAY_2025 = dt.date(2025, 9, 8)
ELECTION_DAY_2027 = dt.date(2027, 9, 13)

# 2025: which tasks were done late (days late, note); the evaluation was never finished (still open/late).
LATE_2025 = {
    "stemmestyrer": (9, "Vanskelig å rekruttere stemmestyrer til Nordneset krets."),
    "endelig_opptelling": (1, "Skanneren stoppet; telling fullført dagen etter."),
    "valgprotokoll": (12, "Signering tok tid fordi to medlemmer var bortreist."),
}
OPEN_2025 = {"evaluering"}


def seed(ctx) -> None:
    fagleder = ctx.users["fagleder"]
    valgstyret = ctx.organizations.get("valgstyret")
    if not ElectionProject.objects.filter(election_type=ElectionType.STORTING, election_day=ELECTION_DAY_2025).exists():
        project = election_project_create(actor=fagleder, election_type=ElectionType.STORTING,
                                          election_day=ELECTION_DAY_2025, valgstyre=valgstyret, responsible=fagleder,
                                          name="Stortingsvalget 2025")
        for task in project.tasks.all():
            if task.key in OPEN_2025:
                continue
            late = LATE_2025.get(task.key)
            done = task.due_on + dt.timedelta(days=late[0]) if late else task.due_on
            if done <= ctx.today:
                election_task_complete(task=task, actor=fagleder, done_on=done, note=late[1] if late else "")
        election_evaluation_update(project=project, actor=fagleder, notes=(
            "Rekrutter stemmestyrer før påske.\n\nHa reserveskanner klar på valgnatten.\n\n"
            "Forhåndsstemmelokalet på biblioteket hadde lange køer den siste uka: åpne et ekstra lokale."))
    if not ElectionProject.objects.filter(election_type=ElectionType.KOMMUNESTYRE_FYLKESTING,
                                          election_day=ELECTION_DAY_2027).exists():
        election_project_create(actor=fagleder, election_type=ElectionType.KOMMUNESTYRE_FYLKESTING,
                                election_day=ELECTION_DAY_2027, valgstyre=valgstyret, responsible=fagleder,
                                name="Kommunestyre- og fylkestingsvalget 2027",
                                stemmestyre_round=_stemmestyre_round(ctx))
    if valgstyret is not None:
        _valgstyre_meeting(ctx, valgstyret, dt.datetime(2025, 5, 12, 18))
        _valgstyre_meeting(ctx, valgstyret, dt.datetime(2025, 9, 10, 12))


def _valgstyre_meeting(ctx, valgstyret, start: dt.datetime) -> None:
    from secretariat.meetings.models import Meeting

    aware = timezone.make_aware(start)
    if Meeting.objects.filter(organization=valgstyret, start=aware).exists():
        return
    try:
        meeting_create(actor=ctx.users["fagleder"], organization=valgstyret, start=aware,
                       end=aware + dt.timedelta(hours=2), location="Rådhuset, møterom 2")
    except (ValidationError, WorkflowError):  # the demo goes on without it
        return


STEMMESTYRE_TITLE = "Stemmestyrer ved kommunestyre- og fylkestingsvalget 2027"


def _stemmestyre_round(ctx):
    """The valgstyre appoints the stemmestyrer through an appointment round (secretariat.appointments)."""
    from secretariat.appointments.models import AppointmentRound, RoundKind
    from secretariat.appointments.services import round_create

    existing = AppointmentRound.objects.filter(title=STEMMESTYRE_TITLE).first()
    if existing is not None:
        return existing
    try:
        return round_create(actor=ctx.users["fagleder"], kind=RoundKind.ANNET, title=STEMMESTYRE_TITLE,
                            period_start=dt.date(2027, 6, 1), period_end=dt.date(2027, 12, 31),
                            call_text="Valgstyret søker stemmestyremedlemmer til valgdagen 13. september 2027.",
                            pool_name="Stemmestyrer")
    except (ValidationError, WorkflowError, TypeError):  # the appointments app's rules win; the demo goes on
        return None
