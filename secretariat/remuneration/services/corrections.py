"""Rettelser: what an export paid is put right in the next one. An exported month is locked, and its lines (and its
fast godtgjøring) never change; the secretariat registers a correction instead: a positive or negative amount, with
its reason, referring to the paid claim (one of its lines, or a line it lacked) or to a month's fast godtgjøring.
The next export pays it (a row of its own in the CSV, dated as what it corrects), and the årsoppgave counts it in the
year it is paid."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet, Sum

from secretariat import access
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed, TransitionForbidden

from ..models import Claim, ClaimLine, Correction, FixedPayment, LineKind
from ..rates import kroner, money
from .claims import MEMBER_KINDS, paid_in

# The kinds a correction of a claim may add (a line the claim lacked); a correction of a line keeps its kind.
CLAIM_CORRECTION_KINDS = (LineKind.MEETING, *MEMBER_KINDS)
MAX_CORRECTION = Decimal("1000000")


def pending_corrections() -> QuerySet[Correction]:
    """Corrections registered and not yet paid: the next export takes them all."""
    return (Correction.objects.filter(export__isnull=True)
            .select_related("person", "claim", "line__export", "fixed_payment__export").order_by("created_at", "pk"))


def _paid_so_far(*, claim: Claim | None, line: ClaimLine | None, fixed_payment: FixedPayment | None) -> Decimal:
    """What has been paid (or is to be paid) for the target: its exported amount and every correction of it."""
    def total(qs) -> Decimal:
        return qs.aggregate(s=Sum("amount"))["s"] or Decimal(0)

    if line is not None:
        return line.amount + total(line.corrections.all())
    if claim is not None:
        return total(claim.lines.filter(export__isnull=False)) + total(claim.corrections.all())
    return fixed_payment.amount + total(fixed_payment.corrections.all())


def correction_add(*, actor, amount: Decimal | None, reason: str, claim: Claim | None = None,
                   line: ClaimLine | None = None, kind: str = "",
                   fixed_payment: FixedPayment | None = None) -> Correction:
    """Register a correction of a paid claim (of one of its lines, or a line of `kind` it lacked) or of a month's
    fast godtgjøring. A deduction may not take back more than was paid for it."""
    if not access.is_secretariat(actor):
        raise TransitionForbidden("Bare politisk sekretariat kan registrere rettelser av utbetalt godtgjøring.")
    if (claim is None) == (fixed_payment is None):
        raise GuardFailed("Velg kravet eller den faste godtgjøringen rettelsen gjelder.")
    errors: dict[str, str] = {}
    reason = " ".join((reason or "").split())
    if not reason:
        errors["reason"] = "Skriv grunnen til rettelsen. Den står i lønnsfilen og på årsoppgaven."
    if amount is None or amount == 0:
        errors["amount"] = "Oppgi beløpet som skal rettes, f.eks. 600 eller -600 (trekk)."
    elif abs(amount) > MAX_CORRECTION:
        errors["amount"] = "En rettelse kan være høyst 1 000 000 kr."
    elif money(amount) != amount:
        errors["amount"] = "Beløpet kan ha høyst to desimaler (øre)."
    if claim is not None:
        if line is not None:
            if line.claim_id != claim.pk:
                errors["line"] = "Linjen hører ikke til dette kravet."
            elif line.export_id is None:
                errors["line"] = "Linjen er ikke utbetalt ennå."
            kind = line.kind
        elif kind not in CLAIM_CORRECTION_KINDS:
            errors["kind"] = "Velg linjen som rettes, eller typen for en linje kravet manglet."
    else:
        kind = LineKind.FIXED
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The target is locked: two deductions at once cannot both pass the rule below.
        if claim is not None:
            claim = Claim.objects.select_for_update().select_related("person").get(pk=claim.pk)
            export = paid_in(claim)
            if export is None:
                raise GuardFailed(f"Kravet {claim.title} er ikke utbetalt ennå. Et krav som ikke er eksportert, "
                                  "rettes ved å sende det tilbake.")
            person, target = claim.person, claim
        else:
            fixed_payment = FixedPayment.objects.select_for_update().select_related("person", "export").get(
                pk=fixed_payment.pk)
            person, target = fixed_payment.person, fixed_payment
        paid = _paid_so_far(claim=claim if line is None else None, line=line, fixed_payment=fixed_payment)
        if paid + amount < 0:
            raise ValidationError({"amount": f"Rettelsen kan ikke trekke mer enn det som er utbetalt for dette "
                                             f"({kroner(paid)} kr med tidligere rettelser)."})
        correction = Correction.objects.create(person=person, claim=claim, line=line, fixed_payment=fixed_payment,
                                               kind=kind, amount=amount, reason=reason, created_by=actor)
        audit(target, actor=actor, action=AuditAction.PAYMENT_CORRECTED,
              action_label="Rettelse registrert (utbetales i neste periode)", comment=reason,
              changes={"type": LineKind(kind).label, "beløp": str(money(amount)),
                       "gjelder": line.description if line is not None else str(target),
                       "rettelse": correction.pk})
    return correction
