"""The monthly payroll export: the month's fast godtgjøring, the approved claim lines not yet paid and the
corrections registered since the last export, as the CSV the payroll system imports. The export locks what it paid
(the lines, the fast godtgjøring, the corrections are tied to it); it is refused, with nothing locked, while anything
would go wrong in payroll: a month out of order, a claim the record no longer supports, a missing lønnsart or
ansattnummer."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from secretariat import access
from secretariat.organizations.models import Person
from workflows.actions import AuditAction
from workflows.claim import CLAIM_WORKFLOW
from workflows.engine import audit
from workflows.errors import GuardFailed, TransitionForbidden

from ..models import AnnualSummary, Claim, ClaimLine, Correction, FixedPayment, LineKind, PayCode, Payee, PayrollExport
from ..occasion import record_problem
from ..rates import fixed_for_month, money, month_bounds
from ..selectors import correction_text
from .corrections import pending_corrections

APPROVED = CLAIM_WORKFLOW.states_with("approved")
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
    correction_id: int | None = None


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
    """What an export of `month` would pay now: the month's fast godtgjøring, the approved lines, and the corrections
    registered since the last export (dated as what they correct). Every row holds antall × sats = beløp (a month's
    fast godtgjøring, and a correction, is one unit of its amount)."""
    first, _last = month_bounds(month)
    rows = [PayrollRow(kind=LineKind.FIXED, person_id=f.person_id, person_name=f.person_name, day=first,
                       text=f.description, quantity=Decimal(1), rate=f.amount, amount=f.amount)
            for f in fixed_for_month(month)]
    rows += [PayrollRow(kind=line.kind, person_id=line.claim.person_id, person_name=line.claim.person.name,
                        day=line.claim.day, text=(line.description or line.claim.title), quantity=line.quantity,
                        rate=line.rate, amount=line.amount, line_id=line.pk)
             for line in payable_lines(month)]
    rows += [PayrollRow(kind=c.kind, person_id=c.person_id, person_name=c.person.name,
                        day=c.claim.day if c.claim_id else c.fixed_payment.export.month, text=correction_text(c),
                        quantity=Decimal(1), rate=c.amount, amount=c.amount, correction_id=c.pk)
             for c in pending_corrections()]
    return sorted(rows, key=lambda r: (r.person_name, r.person_id, r.kind != LineKind.FIXED, r.day,
                                       r.correction_id is not None, r.line_id or 0, r.correction_id or 0))


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def export_problem(month: dt.date) -> str:
    """Why `month` cannot be exported, or ''."""
    first, _last = month_bounds(month)
    if PayrollExport.objects.filter(month=first).exists():
        return (f"Perioden {first:%Y-%m} er allerede eksportert og er låst. Rettelser registreres på kravet og "
                "utbetales i neste periode.")
    latest = PayrollExport.objects.order_by("-month").first()
    if latest is not None and first < latest.month:
        return (f"Perioden {first:%Y-%m} ligger før siste eksporterte periode ({latest.month:%Y-%m}), som er låst. "
                "Rettelser registreres på kravet og utbetales i neste periode.")
    if latest is not None and first > next_month(latest.month):
        # A skipped month could never be exported afterwards (it lies before the latest), and its fast godtgjøring
        # would never be paid.
        gap = next_month(latest.month)
        return (f"Perioden {gap:%Y-%m} er ikke eksportert ennå. Eksporter månedene i rekkefølge, ellers blir fast "
                f"godtgjøring for {gap:%Y-%m} aldri utbetalt.")
    if first > timezone.localdate():
        return f"Perioden {first:%Y-%m} har ikke begynt ennå."
    return ""


def corrected_after_approval(month: dt.date) -> list[tuple[Claim, str]]:
    """Approved claims the export would pay that the record no longer supports (an attendance removed, a meeting
    moved or changed after the approval), each with what changed: they are sent back, never paid as they are."""
    ids = set(payable_lines(month).values_list("claim_id", flat=True))
    claims = Claim.objects.filter(pk__in=ids).select_related("person", "meeting", "training_session__course")
    found = [(claim, record_problem(claim, short=True)) for claim in claims.order_by("day", "pk")]
    return [(claim, problem) for claim, problem in found if problem]


def missing_employee_numbers(rows: list[PayrollRow]) -> list[str]:
    """The people the export would pay who have no ansattnummer: payroll cannot place a row without it."""
    numbers = {pid: (number or "").strip() for pid, number in Payee.objects.values_list("person_id", "employee_number")}
    missing = {r.person_id: r.person_name for r in rows if not numbers.get(r.person_id)}
    names = list(missing.values())
    return sorted(f"{name} (person {pid})" if names.count(name) > 1 else name for pid, name in missing.items())


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


# One payroll export at a time (a PostgreSQL advisory lock held to the end of the transaction): a second export
# started meanwhile waits, and then sees the first one's locked period.
EXPORT_LOCK = 8_310_015


def _one_export_at_a_time() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [EXPORT_LOCK])


def payroll_export(*, actor, month: dt.date) -> PayrollExport:
    """Export a month to payroll: the CSV, stored; the lines, the fast godtgjøring and the corrections it pays are
    locked to it."""
    if actor is not None and not access.is_secretariat(actor):
        raise TransitionForbidden("Bare politisk sekretariat kan eksportere godtgjøring til lønn.")
    first, _last = month_bounds(month)
    try:
        with transaction.atomic():
            _one_export_at_a_time()
            # The claims first, then their lines (the order a claim's own steps take): a claim sent back while the
            # export runs is either sent back before its lines are read (and not paid) or waits for the export (and
            # is then refused as paid). Two exports at once must not pay the same line twice: lock the lines this one
            # would take (a second export waits, then no longer sees them as unpaid).
            list(Claim.objects.select_for_update().filter(
                state__in=APPROVED, pk__in=payable_lines(first).values("claim_id")).values_list("pk", flat=True))
            list(payable_lines(first).select_for_update(of=("self",)).values_list("pk", flat=True))
            list(pending_corrections().select_for_update(of=("self",)).values_list("pk", flat=True))
            problem = export_problem(first)
            if problem:
                raise GuardFailed(problem, field="month")
            stale = corrected_after_approval(first)
            if stale:
                raise GuardFailed("Disse godkjente kravene stemmer ikke lenger med protokollen og forskriften: "
                                  + "; ".join(f"{c.person.name}: {c.title} ({why})" for c, why in stale)
                                  + ". Send kravene tilbake før eksporten; da følger de protokollen igjen.",
                                  field="month")
            rows = payroll_rows(first)
            codes = {c.kind: c.code for c in PayCode.objects.all()}
            missing = sorted({LineKind(r.kind).label for r in rows if not codes.get(r.kind)})
            if missing:
                raise GuardFailed("Lønnsart mangler for: " + ", ".join(missing) + ". Sett lønnsartene i admin.",
                                  field="month")
            without = missing_employee_numbers(rows)
            if without:
                raise GuardFailed(f"Ansattnummer i lønnssystemet mangler for {_names(without)}. Lønnssystemet kan "
                                  "ikke plassere en linje uten ansattnummer. Legg det inn under «Lønnsmottakere» i "
                                  f"admin og eksporter på nytt; perioden {first:%Y-%m} er ikke eksportert og ikke "
                                  "låst.", field="month")
            numbers = dict(Payee.objects.values_list("person_id", "employee_number"))
            out = io.StringIO()
            writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
            writer.writerow(CSV_HEADER)
            for r in rows:
                writer.writerow([f"{first:%Y-%m}", csv_text(codes[r.kind]), csv_text(numbers[r.person_id].strip()),
                                 r.person_id, csv_text(r.person_name), f"{r.day:%d.%m.%Y}", csv_text(r.text),
                                 decimal_text(r.quantity), decimal_text(r.rate), decimal_text(r.amount)])
            export = PayrollExport.objects.create(month=first, created_by=actor if getattr(actor, "pk", None) else None,
                                                  content=out.getvalue(), line_count=len(rows),
                                                  total=sum((r.amount for r in rows), Decimal(0)))
            ClaimLine.objects.filter(pk__in=[r.line_id for r in rows if r.line_id]).update(export=export)
            corrections = [r.correction_id for r in rows if r.correction_id]
            Correction.objects.filter(pk__in=corrections).update(export=export)
            FixedPayment.objects.bulk_create([
                FixedPayment(export=export, person_id=r.person_id, description=r.text[:250], amount=r.amount)
                for r in rows if r.kind == LineKind.FIXED and not r.correction_id])
            audit(export, actor=actor, action=AuditAction.PAYROLL_EXPORTED, action_label="Eksportert til lønn",
                  changes={"periode": f"{first:%Y-%m}", "linjer": len(rows), "rettelser": len(corrections),
                           "sum": str(export.total)})
    except IntegrityError:  # a second export of the same month at the same moment
        raise GuardFailed(f"Perioden {first:%Y-%m} er allerede eksportert og er låst.", field="month") from None
    return export


def annual_summary_ensure(*, person: Person, year: int) -> AnnualSummary:
    summary, _ = AnnualSummary.objects.get_or_create(person=person, year=year)
    return summary
