"""Writes for a claim: made from the record (or by the member's click), the member's own lines, the claim workflow's
steps (their preconditions and handlers), and discarding a draft the record no longer supports. Every write is
audited in its own transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from document_templates.attachments import upload_errors
from secretariat import access
from secretariat.meetings.models import Meeting
from secretariat.organizations.models import Person
from secretariat.training import selectors as training
from secretariat.training.models import TrainingSession
from workflows.actions import AuditAction
from workflows.claim import CLAIM_WORKFLOW
from workflows.engine import Outcome, audit, run_transition
from workflows.errors import GuardFailed, TransitionForbidden

from ..models import Claim, ClaimLine, LineKind, PayrollExport
from ..occasion import (
    EDITABLE,
    HELD,
    attendance_of,
    automatic_fee,
    meeting_claim_title,
    record_of_claim,
    record_problem,
    session_claim_title,
)
from ..rates import kroner, meeting_day, money, rates_on
from ..record import claim_sync

APPROVED = CLAIM_WORKFLOW.states_with("approved")
# The kinds a member adds herself; møtegodtgjøring comes from the attendance, fast godtgjøring from the roles.
MEMBER_KINDS = (LineKind.LOST_INCOME, LineKind.LOST_INCOME_FIXED, LineKind.TRAVEL, LineKind.EXPENSE)
LOST_INCOME_KINDS = (LineKind.LOST_INCOME, LineKind.LOST_INCOME_FIXED)


# --- making a claim from the record ----------------------------------------------------------------------------

def claimant_person(actor) -> Person:
    """The folkevalgt making a claim: only for herself (koml. § 8-3 ff.: the member's own claim)."""
    person = getattr(actor, "person", None) if getattr(actor, "is_authenticated", False) else None
    if person is None or not access.is_folkevalgt(actor):
        raise TransitionForbidden("Bare en folkevalgt med egen person i Saksgang kan kreve godtgjøring.")
    return person


def claim_create(*, actor, meeting: Meeting | None = None, session: TrainingSession | None = None) -> Claim:
    """A claim for one meeting the member attended (the møtegodtgjøring line is made from the attendance and the
    rates), or for one training session she attended (møtegodtgjøring only where the forskrift says so)."""
    person = claimant_person(actor)
    if (meeting is None) == (session is None):
        raise GuardFailed("Velg ett møte eller én opplæring kravet gjelder.", field="meeting")
    if meeting is not None:
        if meeting.state not in HELD:
            raise GuardFailed(f"Møtet i {meeting.organization} {meeting_day(meeting):%d.%m.%Y} er ikke holdt ennå.",
                              field="meeting")
        attendance = attendance_of(person, meeting)
        if attendance is None:
            raise GuardFailed(f"Du er ikke registrert som møtt i {meeting.organization} {meeting_day(meeting):%d.%m.%Y}"
                              ". Krav om møtegodtgjøring bygger på oppmøtet i protokollen; ta kontakt med politisk "
                              "sekretariat hvis oppmøtet er feil.", field="meeting")
        if Claim.objects.filter(person=person, meeting=meeting).exists():
            raise GuardFailed("Du har allerede et krav for dette møtet. Legg linjene til i det.", field="meeting")
        day = meeting_day(meeting)
        title = meeting_claim_title(meeting, attendance)
    else:
        if not training.has_attended(person, session):
            raise GuardFailed("Du er ikke registrert som møtt på denne opplæringen.", field="session")
        if Claim.objects.filter(person=person, training_session=session).exists():
            raise GuardFailed("Du har allerede et krav for denne opplæringen.", field="session")
        day = session.day
        title = session_claim_title(session)
    table = rates_on(day)
    if table is None:
        raise GuardFailed(f"Ingen forskrift om godtgjøring gjelder for {day:%d.%m.%Y}. Ta kontakt med politisk "
                          "sekretariat.", field="meeting")
    try:
        with transaction.atomic():
            claim = Claim.objects.create(person=person, owner=actor, meeting=meeting, training_session=session,
                                         day=day, title=title)
            line = _automatic_line(table, claim, person, meeting, session)
            audit(claim, actor=actor, action=AuditAction.CLAIM_CREATED, action_label="Krav opprettet",
                  changes={"gjelder": title, "møtegodtgjøring": str(line.amount) if line else ""})
    except IntegrityError:  # two requests at once: the unique constraint is the last word
        raise GuardFailed("Du har allerede et krav for dette møtet.", field="meeting") from None
    return claim


def _automatic_line(table, claim: Claim, person: Person, meeting, session) -> ClaimLine | None:
    fee = automatic_fee(table, person_id=person.pk, meeting=meeting, session=session)
    if fee is None:
        return None
    amount, description = fee
    return ClaimLine.objects.create(claim=claim, kind=LineKind.MEETING, description=description[:250],
                                    quantity=Decimal(1), rate=amount, amount=money(amount), automatic=True)


# --- the member's own lines ------------------------------------------------------------------------------------

def require_owner_editing(actor, claim: Claim) -> None:
    if claim.owner_id != getattr(actor, "pk", None) or not access.is_folkevalgt(actor):
        raise TransitionForbidden("Bare den folkevalgte selv kan endre sitt krav.")
    if claim.state not in EDITABLE:
        raise GuardFailed(f"Kravet har status «{claim.get_state_display()}» og kan ikke endres.")


def locked_for_editing(actor, claim: Claim) -> Claim:
    """The claim as it is now, locked until the transaction ends, if the member may still change it."""
    fresh = Claim.objects.select_for_update().get(pk=claim.pk)
    require_owner_editing(actor, fresh)
    return fresh


def claim_line_add(*, actor, claim: Claim, kind: str, amount: Decimal | None = None, km: int | None = None,
                   description: str = "", reason: str = "", upload=None) -> ClaimLine:
    """Tapt arbeidsinntekt (legitimated: the employer's attestation and a daily cap; non-legitimated: the fixed
    daily amount), skyss by km at the state rate, or an utlegg with its receipt. Above a cap only with a reason."""
    require_owner_editing(actor, claim)
    table = rates_on(claim.day)
    if table is None:
        raise GuardFailed(f"Ingen forskrift om godtgjøring gjelder for {claim.day:%d.%m.%Y}.")
    reason = (reason or "").strip()
    if kind not in MEMBER_KINDS:
        raise ValidationError({"kind": "Velg tapt arbeidsinntekt, skyss eller utlegg."})
    with transaction.atomic():
        # The state is read again under a lock: a line cannot slip into a claim sent or approved a moment ago.
        claim = locked_for_editing(actor, claim)
        if kind in LOST_INCOME_KINDS:
            # The daily rule spans the person's claims: two requests at once (two claims, two tabs) must not both
            # pass it, so the person's lines are checked under a lock on her row.
            Person.objects.select_for_update().filter(pk=claim.person_id).first()
        errors, quantity, rate, amount = _line_errors(claim, table, kind=kind, amount=amount, km=km,
                                                      description=description, reason=reason, upload=upload)
        if errors:
            raise ValidationError(errors)
        line = ClaimLine.objects.create(claim=claim, kind=kind, description=description.strip()[:250],
                                        quantity=quantity, rate=rate, amount=money(amount), reason=reason,
                                        attachment=upload or "")
        audit(claim, actor=actor, action=AuditAction.CLAIM_LINE_ADDED, action_label="Linje lagt til",
              changes={"type": line.get_kind_display(), "beløp": str(line.amount), "begrunnelse": reason})
    return line


def _line_errors(claim: Claim, table, *, kind: str, amount, km, description: str, reason: str, upload):
    """The forskrift's rules for one line: (errors, quantity, rate, amount)."""
    errors: dict[str, str] = {}
    quantity, rate = Decimal(1), None
    if kind in LOST_INCOME_KINDS:
        if claim.lines.filter(kind__in=LOST_INCOME_KINDS).exists():
            errors["kind"] = "Kravet har allerede tapt arbeidsinntekt for dagen."
        same_day = ClaimLine.objects.filter(claim__person=claim.person, claim__day=claim.day,
                                            kind__in=LOST_INCOME_KINDS).exclude(claim=claim)
    if kind == LineKind.LOST_INCOME:
        if not errors and same_day.filter(kind=LineKind.LOST_INCOME_FIXED).exists():
            # Legitimated and non-legitimated loss are two ways to compensate the same day, never both.
            errors["kind"] = (f"Du har allerede krevd ulegitimert tapt arbeidsinntekt for {claim.day:%d.%m.%Y} i et "
                              "annet krav. Legitimert og ulegitimert tap kan ikke kombineres for samme dag.")
        if amount is None or amount <= 0:
            errors["amount"] = "Oppgi tapt arbeidsinntekt i kroner."
        elif not errors:
            # The cap is per day, whatever the number of meetings that day.
            earlier = sum((line.amount for line in same_day), Decimal(0))
            if earlier + amount > table.lost_income_daily_cap and not reason:
                errors["reason"] = (f"Legitimert tapt arbeidsinntekt er høyst {kroner(table.lost_income_daily_cap)} kr "
                                    "per dag etter forskriften" + (f" (du har krevd {kroner(earlier)} kr for dagen før)"
                                                                   if earlier else "")
                                    + ". Skriv en begrunnelse for beløpet over taket.")
        if upload is None:
            errors["file"] = "Legg ved attest fra arbeidsgiver om tapt arbeidsinntekt."
        rate = amount
    elif kind == LineKind.LOST_INCOME_FIXED:
        if not errors and same_day.exists():
            errors["kind"] = f"Du har allerede krevd tapt arbeidsinntekt for {claim.day:%d.%m.%Y} i et annet krav."
        amount = rate = table.lost_income_fixed_daily
    elif kind == LineKind.TRAVEL:
        if km is None or km <= 0:
            errors["km"] = "Oppgi antall kilometer."
        else:
            if km > table.km_cap and not reason:
                errors["reason"] = (f"Forskriften dekker høyst {table.km_cap} km per krav uten begrunnelse. Skriv "
                                    "hvorfor reisen var lengre.")
            quantity, rate = Decimal(km), table.km_rate
            amount = money(Decimal(km) * table.km_rate)
        if not description.strip():
            errors["description"] = "Skriv hvor du reiste fra og til."
    elif kind == LineKind.EXPENSE:
        if amount is None or amount <= 0:
            errors["amount"] = "Oppgi utlegget i kroner."
        elif amount > table.expense_cap and not reason:
            errors["reason"] = f"Utlegg over {kroner(table.expense_cap)} kr krever en begrunnelse etter forskriften."
        if not description.strip():
            errors["description"] = "Skriv hva utlegget gjaldt."
        if upload is None:
            errors["file"] = "Legg ved kvittering for utlegget."
        rate = amount
    if upload is not None and "file" not in errors:
        errors.update(upload_errors(upload))
    return errors, quantity, rate, amount


def claim_line_remove(*, actor, claim: Claim, line: ClaimLine) -> None:
    require_owner_editing(actor, claim)
    if line.claim_id != claim.pk:
        raise GuardFailed("Linjen hører ikke til dette kravet.")
    if line.automatic:
        raise GuardFailed("Møtegodtgjøringen kommer fra oppmøtet og kan ikke fjernes.")
    with transaction.atomic():
        locked_for_editing(actor, claim)
        line.delete()
        audit(claim, actor=actor, action=AuditAction.CLAIM_LINE_REMOVED, action_label="Linje fjernet",
              changes={"type": line.get_kind_display(), "beløp": str(line.amount)})


# --- the workflow's steps --------------------------------------------------------------------------------------

def claim_transition(*, claim: Claim, name: str, actor, comment: str = "", expected_state: str | None = None):
    return run_transition(claim, name, actor=actor, comment=comment, expected_state=expected_state)


def deadline_of(claim: Claim) -> dt.date | None:
    table = rates_on(claim.day)
    return claim.day + dt.timedelta(days=table.claim_deadline_days) if table else None


# The claim's rules, each in one place: the engine asks the preconditions both for the steps it offers ("Hva kan skje
# nå", the steps its messages name) and before it takes one; the handlers hold what depends on who takes the step,
# and the effects.


@CLAIM_WORKFLOW.precondition("submit")
def submit_unmet(claim: Claim) -> str:
    record = record_of_claim(claim)
    if not record.attended:
        return record_problem(claim, record) + " Kravet kan ikke sendes; du kan forkaste det."
    if not claim.lines.exists():
        return "Kravet har ingen linjer å betale. Legg til tapt arbeidsinntekt, skyss eller utlegg først."
    return ""


@CLAIM_WORKFLOW.handler("submit")
def _submit(claim: Claim, *, actor, comment: str):
    # A draft follows the record by itself; should it lag behind (a change the signals did not see), it follows now,
    # so what is sent is what the record pays.
    if record_problem(claim):
        claim_sync(claim)
        if not claim.lines.exists():
            raise GuardFailed(submit_unmet(claim) or "Kravet har ingen linjer å betale.")
    today = timezone.localdate()
    deadline = deadline_of(claim)
    claim.submitted_at = timezone.now()
    # The forskrift's deadline: a late claim is sent, but flagged for the one who checks it.
    claim.late = bool(deadline and today > deadline)
    claim.returned_reason = ""
    return Outcome(changes={"frist": f"{deadline:%d.%m.%Y}" if deadline else "", "etter fristen": claim.late})


def is_own_claim(actor, claim: Claim) -> bool:
    """The claim is the actor's own: her account made it, or it is for her person (an account linked later)."""
    return claim.owner_id == actor.pk or claim.person.user_id == actor.pk


@CLAIM_WORKFLOW.precondition("approve")
def approve_unmet(claim: Claim) -> str:
    """A claim is never approved for what the record no longer says (an attendance removed, a meeting moved)."""
    problem = record_problem(claim)
    return f"{problem} Send kravet tilbake, så følger det protokollen og forskriften." if problem else ""


@CLAIM_WORKFLOW.handler("approve")
def _approve(claim: Claim, *, actor, comment: str):
    if is_own_claim(actor, claim):
        raise TransitionForbidden("Du kan ikke godkjenne ditt eget krav.")


def paid_in(claim: Claim, *, lock: bool = False) -> PayrollExport | None:
    """The export that paid the claim's lines, if any. With `lock` (inside a transaction) the lines are locked: an
    export running now is waited for."""
    lines = claim.lines.filter(export__isnull=False).select_related("export")
    line = (lines.select_for_update(of=("self",)) if lock else lines).first()
    return line.export if line is not None else None


@CLAIM_WORKFLOW.precondition("send_back")
def send_back_unmet(claim: Claim) -> str:
    # An approved claim may be sent back until it is paid (the record corrected after the approval); once exported
    # the period is locked, and what was paid is put right by a correction in the next period. Taking the step, the
    # claim's row is locked before its lines are read: an export running now is waited for (it locks the claims it
    # pays first), so a claim is never sent back with its lines paid.
    taking = transaction.get_connection().in_atomic_block
    if taking:
        list(Claim.objects.select_for_update().filter(pk=claim.pk).values_list("pk", flat=True))
    export = paid_in(claim, lock=taking)
    if export is not None:
        return (f"Kravet er utbetalt i lønnseksporten for {export.label}, som er låst. Rettelser registreres på "
                "kravet og utbetales i neste periode.")
    return ""


@CLAIM_WORKFLOW.handler("send_back")
def _send_back(claim: Claim, *, actor, comment: str):
    claim.returned_reason = comment.strip()
    # Back with the member, the claim follows the record again (an attendance removed, a meeting moved).
    claim_sync(claim)


def discard_unmet(claim: Claim) -> str:
    """Why the claim cannot be discarded ("" when it can): only a draft (or a claim sent back) for a meeting or course
    day the person is no longer recorded at, which could never be sent. Any other draft stays: the record would make
    it again, and a claim not sent is never paid."""
    if claim.state not in EDITABLE:
        return (f"Kravet har status «{claim.get_state_display()}» og kan ikke forkastes. Politisk sekretariat kan "
                "sende det tilbake først.")
    if record_of_claim(claim).attended:
        return (f"Kravet for {claim.title} bygger på at {claim.person} er registrert som møtt, og kan ikke "
                "forkastes. La det ligge om du ikke vil kreve noe: det blir ikke utbetalt før det er sendt og "
                "godkjent.")
    return ""


def claim_discard(*, actor, claim: Claim, comment: str = "") -> None:
    """The member (or the secretariat) discards a draft the record no longer supports, her own lines with it: such a
    claim could never be sent. The audit row keeps what it held; the receipts' files are removed after commit."""
    own = claim.owner_id == getattr(actor, "pk", None) and access.is_folkevalgt(actor)
    if not (own or access.is_secretariat(actor)):
        raise TransitionForbidden("Bare den folkevalgte selv eller politisk sekretariat kan forkaste kravet.")
    with transaction.atomic():
        fresh = Claim.objects.select_for_update().filter(pk=claim.pk).select_related("person").first()
        if fresh is None:
            raise GuardFailed("Kravet finnes ikke lenger.")
        reason = discard_unmet(fresh)
        if reason:
            raise GuardFailed(reason)
        lines = list(fresh.lines.all())
        files = [line.attachment.name for line in lines if line.attachment]
        audit(fresh, actor=actor, action=AuditAction.CLAIM_DELETED, action_label="Kravet er forkastet",
              comment=comment.strip(), changes={
                  "gjelder": fresh.title, "status": fresh.get_state_display(),
                  "linjer": [f"{line.get_kind_display()}: {kroner(line.amount)} kr"
                             + (f" ({line.description})" if line.description else "") for line in lines]})
        fresh.delete()
        storage = ClaimLine._meta.get_field("attachment").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in files])
