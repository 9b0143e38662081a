"""Who leads when the leader cannot (koml. § 11-2): the nestleder, and when both are inhabil or absent, a setteleder
the body elects for the item or for the meeting. selectors.chair_for reads what is recorded here."""

from __future__ import annotations

from django.db import transaction

from secretariat.organizations.models import Membership
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed

from .. import selectors
from ..models import ActingChair, AgendaItem, ChairHow, Meeting
from .guards import ensure_live, require_fagleder


def chair_record(*, actor, meeting: Meeting, membership: Membership, item: AgendaItem | None = None) -> ActingChair:
    """Record who leads `item` (or the meeting, `item=None`) when the leader is inhabil or has forfall: the
    nestleder if able, otherwise the setteleder the body elected among those present (koml. § 11-2). A new
    record for the same item replaces the old one (audited)."""
    require_fagleder(actor)
    ensure_live(meeting)
    if item is not None and item.meeting_id != meeting.pk:
        raise GuardFailed("Saken hører ikke til dette møtet.", field="item")
    where = item.label if item is not None else "møtet"
    able = selectors.able_to_lead(meeting, item)
    leader, deputy = selectors.leader_and_deputy(meeting)
    if leader is not None and leader.pk in able:
        raise GuardFailed(f"Lederen, {leader.person}, er til stede og leder {where} (koml. § 11-2). Setteleder "
                          "velges bare når både leder og nestleder er inhabile eller har forfall.",
                          field="membership")
    if membership.pk not in able:
        raise GuardFailed(f"{membership.person} er ikke til stede i {where} (inhabil, borte eller ikke registrert) "
                          "og kan ikke lede.", field="membership")
    if deputy is not None and deputy.pk in able:
        if membership.pk != deputy.pk:
            raise GuardFailed(f"Når lederen er inhabil eller har forfall, leder nestleder {deputy.person} "
                              f"{where} (koml. § 11-2).", field="membership")
        how, reason = ChairHow.DEPUTY, "Lederen er inhabil eller har forfall."
    else:
        how, reason = ChairHow.ELECTED, "Leder og nestleder er inhabile eller har forfall; valgt av organet."
    with transaction.atomic():
        before = ActingChair.objects.filter(meeting=meeting, agenda_item=item).select_related("membership__person")
        old = before.first()
        before.delete()
        acting = ActingChair.objects.create(meeting=meeting, agenda_item=item, membership=membership, how=how,
                                            reason=reason)
        audit(meeting, actor=actor, action=AuditAction.ACTING_CHAIR,
              action_label=f"{membership.person} leder {where} ({acting.get_how_display()})",
              changes={"møteleder": [old.membership.person.name if old else "", membership.person.name],
                       "sak": item.label if item is not None else "hele møtet"})
    return acting
