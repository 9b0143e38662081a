"""The minutes (møteprotokoll, koml. § 11-4): remarks, the draft, who approves or signs, and the approval that
freezes the record (the meeting's `draft_minutes` and `approve_minutes` steps)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from secretariat.organizations.models import Person
from workflows.actions import AuditAction
from workflows.engine import Outcome, audit, run_transition
from workflows.errors import GuardFailed
from workflows.meeting import MEETING_WORKFLOW, MeetingState

from .. import selectors
from ..models import AgendaItem, Meeting, Minutes, ProtocolRemark
from .guards import ensure_editable, ensure_live, ensure_started, require_fagleder


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
            # koml. § 11-4 and the reglement: the protokoll is signed by members who were present (issue 13:
            # an absent member was accepted). One home for who was present: selectors.signer_candidates.
            allowed = {m.person_id for m in selectors.signer_candidates(meeting)}
            absent = [p.name for p in signers if p.pk not in allowed]
            if absent:
                raise GuardFailed(f"{', '.join(absent)} var ikke til stede i møtet. Protokollen signeres av "
                                  "medlemmer som møtte (koml. § 11-4 og reglementet).", field="signers")
            minutes.signers.set(signers)
        audit(meeting, actor=actor, action=AuditAction.MINUTES_CHANGED, action_label="Protokollutkast endret",
              changes={"godkjennes av": minutes.approval_label, "signerer": [p.name for p in minutes.signers.all()]})
    return minutes


def minutes_approve(*, actor, meeting: Meeting, approval_label: str = "", signers: list[Person] | None = None,
                    approved_on: dt.date | None = None):
    return run_transition(meeting, "approve_minutes", actor=actor, approval_label=approval_label,
                          signers=signers or None, approved_on=approved_on)


@MEETING_WORKFLOW.handler("approve_minutes")
def _approve_minutes(meeting: Meeting, *, actor, comment: str, approval_label: str = "",
                     signers: list[Person] | None = None, approved_on: dt.date | None = None):
    """Approved by the body at its next meeting, or signed by the members chosen to sign (koml. § 11-4): stamp
    the approval and keep a frozen copy of the minutes' content."""
    approved_at = _approval_time(meeting, approved_on)
    if (approval_label or "").strip() or signers:
        minutes_update(actor=actor, meeting=meeting, approval_label=(approval_label or "").strip() or None,
                       signers=list(signers) if signers else None)
    _freeze_minutes(meeting=meeting, actor=actor, approved_at=approved_at)
    # Issue 14: the approved protokoll goes to the kommune's archive; its arkivmelding is in the outbox exactly
    # when the approval is committed (every path — service, staff form, API — runs this handler).
    from secretariat.archive.services import archive_minutes

    archive_minutes(meeting=meeting, actor=actor)
    return Outcome(comment=(approval_label or "").strip())


def _approval_time(meeting: Meeting, approved_on: dt.date | None) -> dt.datetime:
    """The minutes record a meeting that took place (koml. § 11-4): they are approved, and dated, no earlier than
    the meeting, and not in the future."""
    ensure_started(meeting, "få protokollen godkjent")
    now = timezone.now()
    if approved_on is None or approved_on == timezone.localdate(now):
        return now
    held_on = timezone.localdate(meeting.start)
    if approved_on < held_on:
        raise GuardFailed(f"Protokollen kan ikke være godkjent {approved_on:%d.%m.%Y}, før møtet ble holdt "
                          f"{held_on:%d.%m.%Y} (koml. § 11-4).", field="approved_on")
    if approved_on > timezone.localdate(now):
        raise GuardFailed(f"Godkjenningsdatoen {approved_on:%d.%m.%Y} er ikke kommet ennå.", field="approved_on")
    noon = timezone.make_aware(dt.datetime.combine(approved_on, dt.time(12)))
    return max(noon, meeting.end or meeting.start)


def _freeze_minutes(*, meeting: Meeting, actor, approved_at: dt.datetime) -> Minutes:
    minutes, _ = Minutes.objects.get_or_create(meeting=meeting)
    if not minutes.approval_label and not minutes.signers.exists():
        raise GuardFailed("Oppgi hvem som godkjente protokollen (organet i møte, eller medlemmene som signerte).",
                          field="approval_label")
    minutes.approved_at = approved_at
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
