"""Writes of the politikerportal: private notes and highlights on papers, and advance declarations of inhabilitet.
Forfall and spørsmål go through the meetings app's own services (one home per rule); permisjon/fritak is in
`leave.py`. Every write validates first and is audited in the same transaction (a note's audit row never holds
its text: the note is private)."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from secretariat import access
from secretariat.cases.models import Case
from secretariat.meetings import selectors as meeting_selectors
from secretariat.meetings.models import AgendaItem
from secretariat.meetings.services import BEFORE_MEETING
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed, TransitionForbidden

from . import leave  # noqa: F401  registers the leave workflow's handlers
from .models import PaperNote, RecusalDeclaration


def portal_person(user):
    """The person a folkevalgt user acts as in the portal; None for anyone else (or a user without a person)."""
    return user.person if access.is_portal_user(user) else None


def require_portal_user(user):
    person = portal_person(user)
    if person is None:
        raise TransitionForbidden("Politikerportalen er for folkevalgte med en registrert person.")
    return person


# --- private notes and highlights ---------------------------------------------------------------------------


def passage_in(text: str, quote: str) -> str | None:
    """The passage of `text` that `quote` copies, or None. Line breaks and runs of spaces may differ (a selection
    across paragraphs, a browser sending a form's line breaks as CRLF): the words, in order, must not."""
    words = quote.split()
    if not words:
        return None
    found = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return found.group(0) if found else None


def note_add(*, actor, case: Case, text: str = "", quote: str = "", section: str = "") -> PaperNote:
    """A private note on a paper, or a highlighted passage (with an optional note). The passage must be in a
    section of the paper this person may read (the access policy decides which)."""
    require_portal_user(actor)
    if not access.can_view_case(actor, case):
        raise TransitionForbidden("Du har ikke tilgang til denne saken.")
    text, quote, section = (text or "").strip(), (quote or "").strip(), (section or "").strip()
    if not text and not quote:
        raise GuardFailed("Skriv et notat eller marker en tekst i saksframlegget.", field="text")
    if quote:
        if not section:
            raise GuardFailed("Velg hvilken del av saksframlegget teksten står i.", field="section")
        if not access.can_view_paper_section(actor, case, section):
            raise GuardFailed("Du har ikke tilgang til denne delen av saksframlegget, og kan ikke markere tekst "
                              "fra den.", field="section")
        # The passage must be in the text as this person may read it now: no quote made up or copied from elsewhere.
        sections = {key: body for key, _label, body in access.visible_paper_sections(actor, case)}
        found = passage_in(sections.get(section, ""), quote)
        if found is None:
            raise GuardFailed("Den markerte teksten står ikke i denne delen av saksframlegget. Kopier den nøyaktig.",
                              field="quote")
        longest = PaperNote._meta.get_field("quote").max_length
        if len(found) > longest:  # the paper's line breaks may make the passage longer than the words typed
            raise GuardFailed(f"Den markerte teksten er {len(found)} tegn lang i saksframlegget (med linjeskift); "
                              f"marker høyst {longest} tegn.", field="quote")
        quote = found  # the paper's own words, so the highlight finds them
    else:
        section = ""
    with transaction.atomic():
        note = PaperNote.objects.create(user=actor, case=case, section=section, quote=quote, text=text)
        audit(note, actor=actor, action=AuditAction.NOTE_SAVED, action_label="Privat notat lagret",
              changes={"sak": case.pk, "markering": bool(quote)})
    return note


def note_delete(*, actor, note: PaperNote) -> None:
    if note.user_id != getattr(actor, "pk", None):
        raise TransitionForbidden("Du kan bare slette dine egne notater.")
    with transaction.atomic():
        audit(note, actor=actor, action=AuditAction.NOTE_DELETED, action_label="Privat notat slettet",
              changes={"sak": note.case_id})
        note.delete()


# --- inhabil in advance ---------------------------------------------------------------------------------------


def recusal_declare(*, actor, item: AgendaItem, reason: str) -> RecusalDeclaration:
    """A member tells the secretariat before the meeting that they may be inhabil in an item (koml. § 11-10,
    fvl. § 6). Only the body decides; the declaration is shown to the secretariat for that decision."""
    person = require_portal_user(actor)
    meeting = item.meeting
    membership = meeting_selectors.memberships_for(meeting).filter(person=person).order_by("role").first()
    if membership is None:
        raise TransitionForbidden(f"Du er ikke medlem av {meeting.organization} på møtedagen.")
    if not access.can_view_agenda_item(actor, item, meeting):
        raise GuardFailed("Saken er ikke på den publiserte sakslisten.", field="item")
    if meeting.state not in BEFORE_MEETING or timezone.now() >= meeting.start:
        raise GuardFailed("Inhabilitet meldes før møtet. Under møtet tar organet det opp i møtemodus.", field="item")
    reason = (reason or "").strip()
    if not reason:
        raise GuardFailed("Skriv hvorfor du kan være inhabil (fvl. § 6).", field="reason")
    if RecusalDeclaration.objects.filter(agenda_item=item, membership=membership).exists():
        raise GuardFailed(f"Du har allerede meldt mulig inhabilitet i {item.label}.", field="item")
    with transaction.atomic():
        declaration = RecusalDeclaration.objects.create(agenda_item=item, membership=membership, reason=reason,
                                                        declared_by=actor)
        audit(meeting, actor=actor, action=AuditAction.RECUSAL_DECLARED,
              action_label=f"{person} har meldt mulig inhabilitet i {item.label}",
              changes={"medlem": person.name, "sak": item.label})
    return declaration
