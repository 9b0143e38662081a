"""Reads for godtgjøring: a member's claims and what she may still claim, the secretariat's queue, the year's
summary. Who may see a claim is decided here once: the member who owns it, and the secretariat."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from secretariat import access
from secretariat.meetings.models import Meeting
from secretariat.organizations.models import Person
from secretariat.training.models import TrainingSession
from workflows.claim import CLAIM_WORKFLOW
from workflows.meeting import MEETING_WORKFLOW

from .models import Claim, ClaimLine, Correction, FixedPayment, LineKind, PayrollExport
from .rates import fixed_for_month

# How far back the member's page offers meetings to claim for (older ones are flagged late anyway).
OFFER_DAYS = 365


def may_see_claim(user, claim: Claim) -> bool:
    return access.is_secretariat(user) or (claim.owner_id == getattr(user, "pk", None)
                                           and access.is_folkevalgt(user))


def claim_for(user, pk: int) -> Claim:
    """The claim, if this user may see it; else 404 (another person's claim does not exist for her)."""
    claim = Claim.objects.select_related("person", "meeting__organization", "training_session__course").filter(
        pk=pk).first()
    if claim is None or not may_see_claim(user, claim):
        raise Http404("Fant ikke kravet.")
    return claim


def claims_of(person: Person) -> QuerySet[Claim]:
    return Claim.objects.filter(person=person).prefetch_related("lines").order_by("-day", "-pk")


def claimable_meetings(person: Person) -> QuerySet[Meeting]:
    """Held meetings the person attended (as member or substitute) and has not claimed for yet."""
    since = timezone.now() - dt.timedelta(days=OFFER_DAYS)
    claimed = Claim.objects.filter(person=person, meeting__isnull=False).values("meeting_id")
    return (Meeting.objects.filter(attendances__membership__person=person, state__in=MEETING_WORKFLOW.states_with("held"),
                                   start__gte=since)
            .exclude(pk__in=claimed).select_related("organization").order_by("-start").distinct())


def claimable_sessions(person: Person) -> QuerySet[TrainingSession]:
    claimed = Claim.objects.filter(person=person, training_session__isnull=False).values("training_session_id")
    return (TrainingSession.objects.filter(registrations__person=person, registrations__attended=True)
            .exclude(pk__in=claimed).select_related("course").order_by("-start"))


def claims_pending() -> QuerySet[Claim]:
    return (Claim.objects.filter(state__in=CLAIM_WORKFLOW.states_with("pending")).select_related("person")
            .prefetch_related("lines").order_by("submitted_at", "pk"))


def claims_approved_unpaid() -> QuerySet[Claim]:
    return (Claim.objects.filter(state__in=CLAIM_WORKFLOW.states_with("approved"), lines__export__isnull=True)
            .select_related("person").prefetch_related("lines").distinct().order_by("day", "pk"))


def exports() -> QuerySet[PayrollExport]:
    return PayrollExport.objects.select_related("created_by").order_by("-month")


def annual_data(person: Person, year: int) -> dict:
    """What the person was paid in `year`: the exported months of that year (fast godtgjøring, claim lines and
    corrections)."""
    lines = (ClaimLine.objects.filter(claim__person=person, export__month__year=year)
             .select_related("claim", "export").order_by("export__month", "claim__day", "pk"))
    fixed = FixedPayment.objects.filter(person=person, export__month__year=year).select_related("export")
    rows = [{"month": f"{f.export.month:%m.%Y}", "kind": LineKind.FIXED.label, "text": f.description,
             "amount": f.amount} for f in fixed]
    rows += [{"month": f"{line.export.month:%m.%Y}", "kind": line.get_kind_display(),
              "text": line.description or line.claim.title, "amount": line.amount} for line in lines]
    # Corrections count in the year they are paid, under the kind they correct (so the totals per kind are net).
    corrections = (Correction.objects.filter(person=person, export__month__year=year)
                   .select_related("export", "claim", "line__export", "fixed_payment__export"))
    rows += [{"month": f"{c.export.month:%m.%Y}", "kind": c.get_kind_display(), "text": correction_text(c),
              "amount": c.amount} for c in corrections]
    rows.sort(key=lambda r: (r["month"][3:], r["month"][:2]))
    totals: dict[str, Decimal] = {}
    for row in rows:
        totals[row["kind"]] = totals.get(row["kind"], Decimal(0)) + row["amount"]
    return {"rows": rows, "totals": sorted(totals.items()), "total": sum(totals.values(), Decimal(0))}


def correction_text(correction: Correction) -> str:
    """A correction's text in the CSV and on the årsoppgave: what it corrects, where that was paid, and why."""
    if correction.line_id:
        what, paid = correction.line.description or correction.claim.title, correction.line.export.label
    elif correction.claim_id:
        line = correction.claim.lines.filter(export__isnull=False).select_related("export").first()
        what, paid = f"krav {correction.claim.title}", line.export.label if line else ""
    else:
        what, paid = correction.fixed_payment.description, correction.fixed_payment.export.label
    text = f"Rettelse av {what}" + (f" (utbetalt {paid})" if paid else "") + f": {correction.reason}"
    return " ".join(text.split())[:250]


def _verv(description: str, month: dt.date) -> str:
    """A fast godtgjøring line's verv, without the month and the days: «Medlem av organ (Formannskapet)»."""
    return description.split(f" {month:%m.%Y}", 1)[0]


def export_fixed_payments(export: PayrollExport) -> list[dict]:
    """The month's fast godtgjøring as paid, each with its corrections and what the record gives for it now (a
    permisjon approved or a fritak dated after the export): the difference is what a correction would put right."""
    now = {(f.person_id, _verv(f.description, export.month)): f for f in fixed_for_month(export.month)}
    rows = []
    for payment in (export.fixed_payments.select_related("person").prefetch_related("corrections")
                    .order_by("person__family_name", "person__given_name", "pk")):
        corrected = sum((c.amount for c in payment.corrections.all()), Decimal(0))
        current = now.get((payment.person_id, _verv(payment.description, export.month)))
        recomputed = current.amount if current is not None else Decimal(0)
        rows.append({"payment": payment, "corrections": list(payment.corrections.all()),
                     "paid": payment.amount + corrected, "now": recomputed,
                     "now_text": current.description if current is not None else "",
                     "difference": recomputed - payment.amount - corrected})
    return rows
