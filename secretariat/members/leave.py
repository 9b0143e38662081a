"""Permisjon and fritak (koml. § 7-9): the application, its case, and the substitutes an approved permisjon calls in.

- `leave_apply`: the member applies for themself (or the secretariat registers it for them). Refused with a clear
  message, nothing saved: a period that ends before it starts, that overlaps another application, that lies
  outside the member's term, or an application for someone else.
- The workflow (workflows/leave.py) makes it a case (`register_case`; a fritak goes the appointments app's fritak
  path, `membership_change_create`, so the membership ends when it is approved) and records the body's decision
  (`approve` / `refuse`, only once the case has a decision).
- An approved permisjon registers forfall for the member in every meeting of their bodies in the period, through
  the meetings app's absence service (the substitute rule of koml. § 7-10 lives there), and calls in the proposed
  substitute. A meeting planned later inside the period gets the same when it is created or moved (signals.py).
  The permisjon ends by itself: after its last day nothing is registered, so the member is called again.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secretariat import access
from secretariat.appointments.changes import (
    membership_change_apply,
    membership_change_create,
    membership_change_refuse,
)
from secretariat.cases.exemptions import ExemptionBasis
from secretariat.cases.services import case_create
from secretariat.meetings import selectors as meeting_selectors
from secretariat.meetings.models import Decision, Meeting
from secretariat.meetings.services import BEFORE_MEETING, absence_confirm_substitute, absence_register
from secretariat.organizations.models import Membership, Organization, OrganizationType, Person
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed, TransitionForbidden, WorkflowError
from workflows.leave import BLOCKING_STATES, LEAVE_WORKFLOW, LeaveState

from .models import LeaveApplication, LeaveCallIn, LeaveKind

logger = logging.getLogger(__name__)


def _d(day: dt.date) -> str:
    return f"{day:%d.%m.%Y}"


def leave_memberships(person: Person, start: dt.date, last: dt.date):
    """The person's offices that run some day in [start, last]."""
    return (Membership.objects.filter(person=person, start_date__lte=last)
            .exclude(end_date__lt=start).select_related("organization", "term"))


def leave_apply(*, actor, person: Person, kind: str, start_date: dt.date | None, end_date: dt.date | None = None,
                ground: str = "", membership: Membership | None = None) -> LeaveApplication:
    secretariat = access.is_secretariat(actor)
    own = access.is_portal_user(actor) and actor.person.pk == person.pk
    if not (secretariat or own):
        raise TransitionForbidden("Du kan bare søke permisjon eller fritak for deg selv. Politisk sekretariat kan "
                                  "registrere en søknad for et medlem.")
    errors: dict[str, list[str]] = {}
    ground = (ground or "").strip()
    if kind not in LeaveKind.values:
        errors["kind"] = ["Velg permisjon eller fritak."]
    if not ground:
        errors["ground"] = ["Skriv grunnen til søknaden (koml. § 7-9)."]
    if start_date is None:
        errors["start_date"] = ["Oppgi datoen søknaden gjelder fra."]
    if kind == LeaveKind.PERMISJON and end_date is None:
        errors["end_date"] = ["Oppgi når permisjonen slutter."]
    if kind == LeaveKind.FRITAK:
        end_date = None  # for the rest of the term
        if membership is None:
            errors["membership"] = ["Velg vervet du søker fritak fra."]
        elif membership.person_id != person.pk:
            errors["membership"] = ["Vervet tilhører ikke søkeren."]
    if errors:
        raise ValidationError(errors)
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": [f"Permisjonen kan ikke slutte ({_d(end_date)}) før den begynner "
                                            f"({_d(start_date)})."]})
    active = leave_memberships(person, start_date, end_date or start_date)
    if membership is not None:
        active = active.filter(pk=membership.pk)
    first = active.order_by("-term__start_date").first()
    if first is None:
        raise ValidationError({"start_date": [f"{person.name} har ingen verv {_d(start_date)}."]})
    term = first.term
    last = end_date or term.end_date
    if start_date < term.start_date or last > term.end_date:
        raise ValidationError({"end_date" if end_date and end_date > term.end_date else "start_date": [
            f"Perioden må ligge innenfor valgperioden {term} ({_d(term.start_date)}–{_d(term.end_date)})."]})
    application = LeaveApplication(person=person, applicant_user=person.user, kind=kind, term=term,
                                   membership=membership if kind == LeaveKind.FRITAK else None,
                                   start_date=start_date, end_date=end_date, ground=ground, registered_by=actor)
    with transaction.atomic():
        # One application at a time per person: two at once cannot both pass the overlap check.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        for other in LeaveApplication.objects.filter(person=person, state__in=BLOCKING_STATES).select_related("term"):
            if other.start_date <= last and other.last_day >= start_date:
                raise ValidationError({"start_date": [
                    f"Perioden overlapper en annen søknad om {other.get_kind_display().lower()} "
                    f"({_d(other.start_date)}–{_d(other.last_day)}, {other.get_state_display().lower()})."]})
        application.save()
        audit(application, actor=actor, action=AuditAction.CREATED,
              action_label=f"Søknad om {application.get_kind_display().lower()} registrert",
              to_state=application.state,
              changes={"fra": _d(start_date), "til": _d(last), "registrert av sekretariatet": not own})
    return application


def leave_status(application: LeaveApplication, today: dt.date | None = None) -> str:
    """What the member and the secretariat read: an approved permisjon is coming, running or over by its dates."""
    today = today or timezone.localdate()
    if application.state != LeaveState.INNVILGET:
        return application.get_state_display()
    if application.kind == LeaveKind.FRITAK:
        return f"Innvilget: fritatt fra {_d(application.start_date)}"
    if today < application.start_date:
        return f"Innvilget: starter {_d(application.start_date)}"
    if today <= application.last_day:
        return f"Innvilget: pågår til og med {_d(application.last_day)}"
    return f"Avsluttet {_d(application.last_day)}: innkalles igjen som vanlig"


# --- the workflow's handlers ----------------------------------------------------------------------------------


def _deciding_organization() -> Organization:
    # koml. § 7-9: kommunestyret decides fritak and permisjon from offices it elected.
    org = Organization.objects.filter(organization_type=OrganizationType.KOMMUNESTYRE).order_by("sort_order").first()
    if org is None:
        raise GuardFailed("Fant ikke kommunestyret, som skal avgjøre søknaden.")
    return org


@LEAVE_WORKFLOW.handler("register_case")
def _register_case(application: LeaveApplication, *, actor, comment: str = "", arkivsaksnummer: str = ""):
    person = application.person
    if application.kind == LeaveKind.FRITAK:
        change = membership_change_create(actor=actor, arkivsaksnummer=arkivsaksnummer,
                                          membership=application.membership, reason=application.ground,
                                          reason_exempt=True)
        application.membership_change = change
        application.case = change.case
    else:
        period = f"{_d(application.start_date)}–{_d(application.last_day)}"
        application.case = case_create(
            actor=actor, organization=_deciding_organization(), arkivsaksnummer=arkivsaksnummer,
            title=f"Søknad om permisjon fra politiske verv – {person.name}",
            public_title="Søknad om permisjon fra politiske verv", exempt=True,
            exempt_basis=ExemptionBasis.OFFL13_FVL13_1, exempt_sections=["background"],
            summary=(f"{person.name} søker permisjon fra sine politiske verv {period}. Kommunestyret avgjør søknaden "
                     "(kommuneloven § 7-9). Vararepresentanter kalles inn til møtene i perioden."),
            background=f"Søknad om permisjon etter kommuneloven § 7-9.\n\n{application.ground}",
            assessment="Vilkårene for permisjon er vurdert av sekretariatet.",
            recommendation=f"{person.name} innvilges permisjon fra sine politiske verv {period}.")
    application.save(update_fields=["case", "membership_change"])
    return None


def _require_decision(application: LeaveApplication) -> None:
    # koml. § 7-9: kommunestyret decides. An innstilling from a body that sends the case on is no decision.
    decisions = Decision.objects.filter(consultation__case=application.case)
    if not any(decision.is_final for decision in decisions):
        raise GuardFailed(f"Saken {application.case.arkivsaksnummer} har ikke noe vedtak ennå. Registrer vedtaket i "
                          "møtet før søknaden avgjøres.", field="case")


@LEAVE_WORKFLOW.handler("approve")
def _approve(application: LeaveApplication, *, actor, comment: str = ""):
    _require_decision(application)
    application.decided_by, application.decided_at = actor, timezone.now()
    application.save(update_fields=["decided_by", "decided_at"])
    if application.kind == LeaveKind.FRITAK:
        effective = max(application.start_date, application.membership.start_date + dt.timedelta(days=1))
        membership_change_apply(actor=actor, change=application.membership_change, effective_date=effective)
        return None
    called = leave_call_in(application=application, actor=actor)
    return None if not called else len(called)


@LEAVE_WORKFLOW.handler("refuse")
def _refuse(application: LeaveApplication, *, actor, comment: str = ""):
    _require_decision(application)
    application.decided_by, application.decided_at = actor, timezone.now()
    application.save(update_fields=["decided_by", "decided_at"])
    if application.membership_change_id:
        membership_change_refuse(actor=actor, change=application.membership_change, comment=comment)


@LEAVE_WORKFLOW.handler("withdraw")
def _withdraw(application: LeaveApplication, *, actor, comment: str = ""):
    return None  # nothing else changes; the engine audits the step (a case already made is withdrawn as a case)


# --- substitutes for an approved permisjon ---------------------------------------------------------------------


def _meetings_in_period(application: LeaveApplication, membership: Membership, only: Meeting | None = None):
    start = max(application.start_date, membership.start_date)
    last = min(application.last_day, membership.end_date or application.last_day)
    qs = Meeting.objects.filter(organization_id=membership.organization_id, state__in=BEFORE_MEETING,
                                start__date__gte=start, start__date__lte=last)
    if only is not None:
        qs = qs.filter(pk=only.pk)
    return qs.order_by("start")


def leave_call_in(*, application: LeaveApplication, actor, meeting: Meeting | None = None) -> list:
    """Register forfall for the member in each coming meeting of their bodies in the permisjon (or in `meeting`
    only) and call in the substitute the absence service proposes. Idempotent: a meeting where the member already
    has forfall is left as it is."""
    called = []
    memberships = leave_memberships(application.person, application.start_date, application.last_day)
    for membership in memberships:
        for m in _meetings_in_period(application, membership, only=meeting):
            if m.absences.filter(membership=membership).exists():
                continue
            if not meeting_selectors.memberships_for(m).filter(pk=membership.pk).exists():
                continue
            absence = absence_register(actor=actor, meeting=m, membership=membership,
                                       reason=f"Permisjon (sak {application.case.arkivsaksnummer})")
            LeaveCallIn.objects.create(leave=application, absence=absence)
            audit(application, actor=actor, action=AuditAction.LEAVE_CALL_IN,
                  action_label=f"Forfall registrert for {m}",
                  changes={"møte": m.pk, "organ": m.organization.name,
                           "foreslått vara": absence.proposed_substitute.person.name
                           if absence.proposed_substitute else ""})
            if absence.proposed_substitute is not None:
                absence_confirm_substitute(actor=actor, absence=absence)
            called.append(absence)
    return called


def leave_call_in_for_meeting(meeting: Meeting) -> int:
    """A meeting planned (or moved) inside an approved permisjon: the member's forfall and the substitute's call-in
    follow by themselves, in the name of the one who approved the permisjon."""
    if meeting.state not in BEFORE_MEETING:
        return 0
    day = meeting_selectors.meeting_day(meeting)
    running = (LeaveApplication.objects.filter(state=LeaveState.INNVILGET, kind=LeaveKind.PERMISJON,
                                               start_date__lte=day, end_date__gte=day)
               .select_related("person", "term", "case", "decided_by"))
    n = 0
    for application in running:
        if not meeting_selectors.memberships_for(meeting).filter(person=application.person).exists():
            continue
        try:
            with transaction.atomic():
                n += len(leave_call_in(application=application, actor=application.decided_by, meeting=meeting))
        except WorkflowError as exc:  # e.g. the approver lost the role: the secretariat sees the member as called
            logger.warning("Permisjon %s: kunne ikke registrere forfall for møte %s: %s", application.pk,
                           meeting.pk, exc.message)
    return n
