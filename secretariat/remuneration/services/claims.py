"""Writes for godtgjøring: a claim made from the record, the member's own lines, the claim workflow's steps, and the
monthly payroll export that locks what it paid. Every write is audited in its own transaction."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from document_templates.attachments import upload_errors
from secretariat import access
from secretariat.accounts.roles import Role, has_role
from secretariat.meetings.models import Attendance, Meeting
from secretariat.organizations.models import Person
from secretariat.training import selectors as training
from secretariat.training.models import TrainingSession
from workflows.actions import AuditAction
from workflows.claim import CLAIM_WORKFLOW
from workflows.engine import Outcome, audit, run_transition
from workflows.errors import GuardFailed, TransitionForbidden
from workflows.meeting import MEETING_WORKFLOW

from .models import AnnualSummary, Claim, ClaimLine, FixedPayment, LineKind, PayCode, Payee, PayrollExport
from .rates import fixed_for_month, kroner, meeting_day, meeting_fee, money, month_bounds, rates_on, training_fee

HELD = MEETING_WORKFLOW.states_with("held")
EDITABLE = CLAIM_WORKFLOW.states_with("editable")
APPROVED = CLAIM_WORKFLOW.states_with("approved")
# The kinds a member adds herself; møtegodtgjøring comes from the attendance, fast godtgjøring from the roles.
MEMBER_KINDS = (LineKind.LOST_INCOME, LineKind.LOST_INCOME_FIXED, LineKind.TRAVEL, LineKind.EXPENSE)
LOST_INCOME_KINDS = (LineKind.LOST_INCOME, LineKind.LOST_INCOME_FIXED)


# --- making a claim from the record ----------------------------------------------------------------------------

def claimant_person(actor) -> Person:
    """The folkevalgt making a claim: only for herself (koml. § 8-3 ff.: the member's own claim)."""
    person = getattr(actor, "person", None) if getattr(actor, "is_authenticated", False) else None
    if person is None or not has_role(actor, Role.FOLKEVALGT):
        raise TransitionForbidden("Bare en folkevalgt med egen person i Saksgang kan kreve godtgjøring.")
    return person


def attendance_of(person: Person, meeting: Meeting) -> Attendance | None:
    """The person's attendance (as member or as called-in substitute) at the meeting."""
    return Attendance.objects.filter(meeting=meeting, membership__person=person).select_related(
        "substitute_for__person").first()


def meeting_claim_title(meeting: Meeting, attendance: Attendance) -> str:
    title = f"{meeting.organization} {meeting_day(meeting):%d.%m.%Y}"
    if attendance.substitute_for_id:
        title += f" (vara for {attendance.substitute_for.person.name})"
    return title


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
        title = f"Opplæring: {session.course.title} {day:%d.%m.%Y}"
    table = rates_on(day)
    if table is None:
        raise GuardFailed(f"Ingen forskrift om godtgjøring gjelder for {day:%d.%m.%Y}. Ta kontakt med politisk "
                          "sekretariat.", field="meeting")
    try:
        with transaction.atomic():
            claim = Claim.objects.create(person=person, owner=actor, meeting=meeting, training_session=session,
                                         day=day, title=title)
            line = _automatic_line(table, claim, meeting, session)
            audit(claim, actor=actor, action=AuditAction.CLAIM_CREATED, action_label="Krav opprettet",
                  changes={"gjelder": title, "møtegodtgjøring": str(line.amount) if line else ""})
    except IntegrityError:  # two requests at once: the unique constraint is the last word
        raise GuardFailed("Du har allerede et krav for dette møtet.", field="meeting") from None
    return claim


def automatic_fee(table, *, meeting=None, session=None) -> tuple[Decimal, str] | None:
    """What the record pays by itself for one occasion: the meeting's møtegodtgjøring, or the training's where the
    forskrift pays one (the one computation both the member's click and the record's own drafts use)."""
    return meeting_fee(table, meeting) if meeting is not None else training_fee(table, session)


def _automatic_line(table, claim: Claim, meeting, session) -> ClaimLine | None:
    fee = automatic_fee(table, meeting=meeting, session=session)
    if fee is None:
        return None
    amount, description = fee
    return ClaimLine.objects.create(claim=claim, kind=LineKind.MEETING, description=description[:250],
                                    quantity=Decimal(1), rate=amount, amount=money(amount), automatic=True)


# --- the member's own lines ------------------------------------------------------------------------------------

def require_owner_editing(actor, claim: Claim) -> None:
    if claim.owner_id != getattr(actor, "pk", None) or not has_role(actor, Role.FOLKEVALGT):
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


def _check_still_attended(claim: Claim) -> None:
    """The record may be corrected after the claim was made (an attendance removed): the claim follows the record."""
    if claim.meeting_id and attendance_of(claim.person, claim.meeting) is None:
        raise GuardFailed(f"{claim.person} er ikke lenger registrert som møtt i {claim.title}: oppmøtet er rettet i "
                          "protokollen. Kravet kan ikke sendes eller godkjennes.")
    if claim.training_session_id and not training.has_attended(claim.person, claim.training_session):
        raise GuardFailed(f"{claim.person} er ikke lenger registrert som møtt på opplæringen.")


@CLAIM_WORKFLOW.handler("submit")
def _submit(claim: Claim, *, actor, comment: str):
    _check_still_attended(claim)
    if not claim.lines.exists():
        raise GuardFailed("Kravet har ingen linjer å betale. Legg til tapt arbeidsinntekt, skyss eller utlegg først.")
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


@CLAIM_WORKFLOW.handler("approve")
def _approve(claim: Claim, *, actor, comment: str):
    if is_own_claim(actor, claim):
        raise TransitionForbidden("Du kan ikke godkjenne ditt eget krav.")
    _check_still_attended(claim)


def paid_in(claim: Claim) -> PayrollExport | None:
    """The export that paid the claim's lines, if any (the lines are locked: an export running now waits)."""
    line = claim.lines.select_for_update().filter(export__isnull=False).select_related("export").first()
    return line.export if line is not None else None


@CLAIM_WORKFLOW.handler("send_back")
def _send_back(claim: Claim, *, actor, comment: str):
    # An approved claim may be sent back until it is paid (the record corrected after the approval); once exported
    # the period is locked and a correction goes in the next one.
    export = paid_in(claim)
    if export is not None:
        raise GuardFailed(f"Kravet er utbetalt i lønnseksporten for {export.label}, som er låst. Rettelser føres i "
                          "neste periode.")
    claim.returned_reason = comment.strip()


# --- the payroll export ----------------------------------------------------------------------------------------

CSV_HEADER = ["periode", "lonnsart", "ansattnummer", "person_id", "navn", "dato", "tekst", "antall", "sats", "belop"]


@dataclass(frozen=True)
class PayrollRow:
    kind: str
    person_id: int
    person_name: str
    day: dt.date
    text: str
    quantity: Decimal
    rate: Decimal
    amount: Decimal
    line_id: int | None = None


def decimal_text(value: Decimal) -> str:
    """Norwegian payroll files: decimal comma, two decimals."""
    return f"{money(value):.2f}".replace(".", ",")


def csv_text(value) -> str:
    """A text cell of the payroll file: one line (a line break in a member's description would split the row for a
    line-based import), and never read as a formula when the file is opened in a spreadsheet (CSV injection: a cell
    starting with = + - @ is prefixed with an apostrophe)."""
    text = " ".join(str(value).split())
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def payable_lines(month: dt.date):
    """Approved claim lines not yet paid, for occasions up to the month's end: a claim approved after its month was
    exported is paid in the next period."""
    _first, last = month_bounds(month)
    return (ClaimLine.objects.filter(claim__state__in=APPROVED, export__isnull=True, claim__day__lte=last)
            .select_related("claim__person").order_by("claim__person__family_name", "claim__person__given_name",
                                                       "claim__person_id", "claim__day", "claim_id", "pk"))


def payroll_rows(month: dt.date) -> list[PayrollRow]:
    """What an export of `month` would pay now: the month's fast godtgjøring, then the approved lines. Every row
    holds antall × sats = beløp (a month's fast godtgjøring is one unit of its pro rata amount)."""
    first, _last = month_bounds(month)
    rows = [PayrollRow(kind=LineKind.FIXED, person_id=f.person_id, person_name=f.person_name, day=first,
                       text=f.description, quantity=Decimal(1), rate=f.amount, amount=f.amount)
            for f in fixed_for_month(month)]
    rows += [PayrollRow(kind=line.kind, person_id=line.claim.person_id, person_name=line.claim.person.name,
                        day=line.claim.day, text=(line.description or line.claim.title), quantity=line.quantity,
                        rate=line.rate, amount=line.amount, line_id=line.pk)
             for line in payable_lines(month)]
    return sorted(rows, key=lambda r: (r.person_name, r.person_id, r.kind != LineKind.FIXED, r.day, r.line_id or 0))


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def export_problem(month: dt.date) -> str:
    """Why `month` cannot be exported, or ''."""
    first, _last = month_bounds(month)
    if PayrollExport.objects.filter(month=first).exists():
        return (f"Perioden {first:%Y-%m} er allerede eksportert og er låst. Rettelser føres i neste periode.")
    latest = PayrollExport.objects.order_by("-month").first()
    if latest is not None and first < latest.month:
        return (f"Perioden {first:%Y-%m} ligger før siste eksporterte periode ({latest.month:%Y-%m}), som er låst. "
                "Rettelser føres i neste periode.")
    if latest is not None and first > next_month(latest.month):
        # A skipped month could never be exported afterwards (it lies before the latest), and its fast godtgjøring
        # would never be paid.
        gap = next_month(latest.month)
        return (f"Perioden {gap:%Y-%m} er ikke eksportert ennå. Eksporter månedene i rekkefølge, ellers blir fast "
                f"godtgjøring for {gap:%Y-%m} aldri utbetalt.")
    if first > timezone.localdate():
        return f"Perioden {first:%Y-%m} har ikke begynt ennå."
    return ""


def still_attended(claim: Claim) -> bool:
    try:
        _check_still_attended(claim)
    except GuardFailed:
        return False
    return True


def corrected_after_approval(month: dt.date) -> list[Claim]:
    """Approved claims the export would pay whose person is no longer recorded as present (the record corrected
    after the approval): they are sent back, never paid."""
    ids = set(payable_lines(month).values_list("claim_id", flat=True))
    claims = Claim.objects.filter(pk__in=ids).select_related("person", "meeting", "training_session")
    return [claim for claim in claims if not still_attended(claim)]


# One payroll export at a time (a PostgreSQL advisory lock held to the end of the transaction): a second export
# started meanwhile waits, and then sees the first one's locked period.
EXPORT_LOCK = 8_310_015


def _one_export_at_a_time() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [EXPORT_LOCK])


def payroll_export(*, actor, month: dt.date) -> PayrollExport:
    """Export a month to payroll: the CSV, stored; the lines it pays and the fast godtgjøring are locked to it."""
    if actor is not None and not access.is_secretariat(actor):
        raise TransitionForbidden("Bare politisk sekretariat kan eksportere godtgjøring til lønn.")
    first, _last = month_bounds(month)
    try:
        with transaction.atomic():
            _one_export_at_a_time()
            # Two exports at once must not pay the same line twice: lock the lines this one would take (a second
            # export waits, then no longer sees them as unpaid).
            list(payable_lines(first).select_for_update(of=("self",)).values_list("pk", flat=True))
            problem = export_problem(first)
            if problem:
                raise GuardFailed(problem, field="month")
            stale = corrected_after_approval(first)
            if stale:
                raise GuardFailed("Oppmøtet er rettet etter at disse kravene ble godkjent, og personen er ikke lenger "
                                  "registrert som møtt: " + "; ".join(f"{c.person.name}: {c.title}" for c in stale)
                                  + ". Send kravene tilbake før eksporten.", field="month")
            rows = payroll_rows(first)
            codes = {c.kind: c.code for c in PayCode.objects.all()}
            missing = sorted({LineKind(r.kind).label for r in rows if not codes.get(r.kind)})
            if missing:
                raise GuardFailed("Lønnsart mangler for: " + ", ".join(missing) + ". Sett lønnsartene i admin.",
                                  field="month")
            numbers = dict(Payee.objects.values_list("person_id", "employee_number"))
            out = io.StringIO()
            writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
            writer.writerow(CSV_HEADER)
            for r in rows:
                writer.writerow([f"{first:%Y-%m}", csv_text(codes[r.kind]), csv_text(numbers.get(r.person_id, "")),
                                 r.person_id, csv_text(r.person_name), f"{r.day:%d.%m.%Y}", csv_text(r.text),
                                 decimal_text(r.quantity), decimal_text(r.rate), decimal_text(r.amount)])
            export = PayrollExport.objects.create(month=first, created_by=actor if getattr(actor, "pk", None) else None,
                                                  content=out.getvalue(), line_count=len(rows),
                                                  total=sum((r.amount for r in rows), Decimal(0)))
            ClaimLine.objects.filter(pk__in=[r.line_id for r in rows if r.line_id]).update(export=export)
            FixedPayment.objects.bulk_create([
                FixedPayment(export=export, person_id=r.person_id, description=r.text[:250], amount=r.amount)
                for r in rows if r.kind == LineKind.FIXED])
            audit(export, actor=actor, action=AuditAction.PAYROLL_EXPORTED, action_label="Eksportert til lønn",
                  changes={"periode": f"{first:%Y-%m}", "linjer": len(rows), "sum": str(export.total)})
    except IntegrityError:  # a second export of the same month at the same moment
        raise GuardFailed(f"Perioden {first:%Y-%m} er allerede eksportert og er låst.", field="month") from None
    return export


def annual_summary_ensure(*, person: Person, year: int) -> AnnualSummary:
    summary, _ = AnnualSummary.objects.get_or_create(person=person, year=year)
    return summary
