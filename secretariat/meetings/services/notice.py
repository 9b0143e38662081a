"""The notice (innkalling, koml. § 11-3): the `send_notice` step, which publishes the agenda and the papers in
the same transaction, and the supplementary notice for tilleggssaker."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from secretariat.common.calendar_sequence import bump_sequence
from secretariat.outbox import enqueue
from workflows.actions import AuditAction
from workflows.engine import Outcome, audit, run_transition
from workflows.errors import GuardFailed
from workflows.meeting import MEETING_WORKFLOW, MeetingState

from ..models import AgendaItem, Meeting
from .guards import ensure_editable, require_fagleder
from .meeting import refuse_secrecy_in_remote


def meeting_check_notice(*, meeting: Meeting, override_reason: str = "") -> None:
    """koml. § 11-3: notice with reasonable notice; the per-organization period (check) is enforced. The notice
    must contain the saksliste (§ 11-3 andre ledd): a notice without items is refused."""
    days = meeting.organization.effective_notice_days
    deadline = meeting.start - dt.timedelta(days=days)
    if timezone.now() > deadline and not override_reason.strip():
        raise GuardFailed(
            f"Fristen for innkalling var {timezone.localtime(deadline):%d.%m.%Y kl. %H:%M} "
            f"({days} dager før møtet). Oppgi en begrunnelse for å sende innkallingen likevel.",
            field="override_reason",
        )
    if not meeting.agenda_items.exists():
        raise GuardFailed(
            "Innkallingen kan ikke sendes med tom saksliste. Sett opp minst én sak først (koml. § 11-3).",
            field="meeting",
        )
    if meeting.is_remote:
        refuse_secrecy_in_remote(meeting)


@MEETING_WORKFLOW.handler("send_notice")
def _send_notice(meeting: Meeting, *, actor, comment: str, override_reason: str = ""):
    """The notice, the agenda and the public papers go out in this same transaction (koml. § 11-3)."""
    override_reason = (override_reason or "").strip()
    meeting_check_notice(meeting=meeting, override_reason=override_reason)
    meeting.notice_override_reason = override_reason
    meeting.notice_sent_at = timezone.now()
    item_ids = list(meeting.agenda_items.filter(notice_sent_at__isnull=True).values_list("pk", flat=True))
    AgendaItem.objects.filter(pk__in=item_ids).update(notice_sent_at=meeting.notice_sent_at)
    from ..tasks import send_meeting_notice

    enqueue(send_meeting_notice, meeting.pk)
    from secretariat.archive.services import archive_notice

    archive_notice(meeting=meeting, actor=actor)  # issue 14: the innkalling with sakskart, in the møtemappe
    return Outcome(comment=override_reason)


def meeting_send_notice(*, actor, meeting: Meeting, override_reason: str = "", comment: str = ""):
    """Send the notice to members and called-in substitutes and publish the papers: one atomic step."""
    return run_transition(meeting, "send_notice", actor=actor, comment=comment, override_reason=override_reason)


def supplementary_batch(meeting: Meeting) -> list[AgendaItem]:
    """The items of the meeting's latest tilleggsinnkalling: those whose own notice went out last, after the
    meeting's notice (one `meeting_send_supplementary_notice` gives all its items the same time)."""
    if meeting.notice_sent_at is None:
        return []
    later = meeting.agenda_items.filter(notice_sent_at__gt=meeting.notice_sent_at)
    last = later.order_by("-notice_sent_at").values_list("notice_sent_at", flat=True).first()
    return list(later.filter(notice_sent_at=last).select_related("consultation__case").order_by("position"))


def meeting_send_supplementary_notice(*, actor, meeting: Meeting, override_reason: str = "") -> list[AgendaItem]:
    """Tilleggssaker get their own notice, sent to the same people; published in the same step."""
    require_fagleder(actor)
    ensure_editable(meeting)
    if meeting.state != MeetingState.INNKALT:
        raise GuardFailed("Tilleggsinnkalling sendes etter at møtet er innkalt og før det er holdt.")
    with transaction.atomic():
        items = list(meeting.agenda_items.select_for_update().filter(notice_sent_at__isnull=True))
        if not items:
            raise GuardFailed("Det er ingen nye tilleggssaker å sende innkalling for.")
        now = timezone.now()
        AgendaItem.objects.filter(pk__in=[i.pk for i in items]).update(notice_sent_at=now)
        bump_sequence(meeting)
        audit(meeting, actor=actor, action=AuditAction.SUPPLEMENTARY_NOTICE, action_label="Tilleggsinnkalling sendt",
              comment=override_reason, changes={"saker": [i.label for i in items]})
        from ..tasks import send_meeting_notice

        ids = [i.pk for i in items]
        enqueue(send_meeting_notice, meeting.pk, ids)
        from secretariat.archive.services import archive_supplementary_notice

        # issue 14: the tilleggsinnkalling, its own journalpost in the møtemappe (in this same transaction)
        archive_supplementary_notice(meeting=meeting, items=items, actor=actor)
    return items
