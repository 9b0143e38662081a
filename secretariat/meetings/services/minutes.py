"""The minutes (møteprotokoll, koml. § 11-4): remarks, the draft, who approves or signs, and the approval that
freezes the record (the meeting's `draft_minutes` and `approve_minutes` steps)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from secretariat.organizations.models import Person
from workflows.actions import AuditAction
from workflows.engine import Outcome, audit, run_transition
from workflows.errors import GuardFailed
from workflows.meeting import MEETING_WORKFLOW, MeetingState

from .. import selectors
from ..models import AgendaItem, Meeting, Minutes, ProtocolRemark
from .guards import ensure_editable, ensure_live, require_fagleder


def remark_add(*, actor, meeting: Meeting, by: str, text: str, item: AgendaItem | None = None) -> ProtocolRemark:
    """Protokolltilførsel."""
    require_fagleder(actor)
    ensure_live(meeting)
    if not (by or "").strip() or not (text or "").strip():
        raise GuardFailed("Skriv hvem tilførselen er fra og hva den sier.", field="text")
    with transaction.atomic():
        remark = ProtocolRemark.objects.create(meeting=meeting, agenda_item=item, by=by.strip()[:200],
                                               text=text.strip())
        audit(meeting, actor=actor, action=AuditAction.REMARK, action_label="Protokolltilførsel",
              changes={"fra": remark.by, "sak": item.label if item else ""})
    return remark


def minutes_draft(*, actor, meeting: Meeting):
    return run_transition(meeting, "draft_minutes", actor=actor)


@MEETING_WORKFLOW.handler("draft_minutes")
def _draft_minutes(meeting: Meeting, *, actor, comment: str):
    Minutes.objects.get_or_create(meeting=meeting)


def minutes_update(*, actor, meeting: Meeting, approval_label: str | None = None,
                   signers: list[Person] | None = None) -> Minutes:
    """Who approves or signs the minutes. Refused once they are approved."""
    require_fagleder(actor)
    ensure_editable(meeting)
    if meeting.state != MeetingState.PROTOKOLL_UTKAST:
        raise GuardFailed("Lag protokollutkastet først.", field="meeting")
    with transaction.atomic():
        minutes, _ = Minutes.objects.get_or_create(meeting=meeting)
        if approval_label is not None:
            minutes.approval_label = approval_label.strip()[:300]
            minutes.save(update_fields=["approval_label"])
        if signers is not None:
            allowed = {m.person_id for m in selectors.memberships_for(meeting)}
            if any(p.pk not in allowed for p in signers):
                raise GuardFailed("Protokollen signeres av medlemmer av organet.", field="signers")
            minutes.signers.set(signers)
        audit(meeting, actor=actor, action=AuditAction.MINUTES_CHANGED, action_label="Protokollutkast endret",
              changes={"godkjennes av": minutes.approval_label, "signerer": [p.name for p in minutes.signers.all()]})
    return minutes


def minutes_approve(*, actor, meeting: Meeting, approval_label: str = "", signers: list[Person] | None = None):
    return run_transition(meeting, "approve_minutes", actor=actor, approval_label=approval_label,
                          signers=signers or None)


@MEETING_WORKFLOW.handler("approve_minutes")
def _approve_minutes(meeting: Meeting, *, actor, comment: str, approval_label: str = "",
                     signers: list[Person] | None = None):
    """Approved by the body at its next meeting, or signed by the members chosen to sign (koml. § 11-4): stamp
    the approval and keep a frozen copy of the minutes' content."""
    if (approval_label or "").strip() or signers:
        minutes_update(actor=actor, meeting=meeting, approval_label=(approval_label or "").strip() or None,
                       signers=list(signers) if signers else None)
    _freeze_minutes(meeting=meeting, actor=actor)
    # Issue 14: the approved protokoll goes to the kommune's archive; its arkivmelding is in the outbox exactly
    # when the approval is committed (every path — service, staff form, API — runs this handler).
    from secretariat.archive.services import archive_minutes

    archive_minutes(meeting=meeting)
    return Outcome(comment=(approval_label or "").strip())


def _freeze_minutes(*, meeting: Meeting, actor) -> Minutes:
    minutes, _ = Minutes.objects.get_or_create(meeting=meeting)
    if not minutes.approval_label and not minutes.signers.exists():
        raise GuardFailed("Oppgi hvem som godkjente protokollen (organet i møte, eller medlemmene som signerte).",
                          field="approval_label")
    minutes.approved_at = timezone.now()
    minutes.approved_by = actor if getattr(actor, "pk", None) else None
    minutes.save(update_fields=["approved_at", "approved_by"])
    meeting.minutes = minutes
    snapshot = {
        "internal": selectors.freeze(selectors.build_minutes_data(meeting, public=False)),
        "public": selectors.freeze(selectors.build_minutes_data(meeting, public=True)),
    }
    for part in snapshot.values():
        part["meeting"]["state"] = MeetingState.PROTOKOLL_GODKJENT.value
        part["meeting"]["state_label"] = MeetingState.PROTOKOLL_GODKJENT.label
    minutes.snapshot = snapshot
    minutes.save(update_fields=["snapshot"])
    return minutes
