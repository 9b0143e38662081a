"""The access policy: may this person see this? (DOMAIN.md §3 Openness; offentleglova; koml. §§ 11-3, 11-4, 11-5)

Every surface asks here — portal, API, documents, feeds, iCal, search, e-mails, staff pages — per object;
`querysets.py` has the same rules as queryset filters for lists. See `viewers.py` for what `user` may be.

- Public (everyone): a case once it is on an agenda item whose notice has been sent (or the meeting held)
  or once treated; an exempt case only by its anonymised public title. An agenda item only after its OWN
  notice (a tilleggssak waits for its own). Approved minutes.
- Protected content (an exempt case's real title and content, exempt paper sections — the innstilling
  copied onto the consultation too —, exempt attachments, the content of closed items (koml. § 11-5), the
  history of an exempt case): fagleder, kommunedirektør, the owning saksbehandler, and folkevalgte with an
  active membership in a body that has the case on an agenda whose notice has been sent. Never on a
  public surface.
- Drafts (not yet on a published agenda) and an agenda before its notice: staff only.
- Unapproved minutes (remarks, proposals, the draft): staff and folkevalgte on the body.
"""

from __future__ import annotations

from .app_models import model
from .querysets import public_cases, published_agenda_items
from .states import (
    AGENDA_PUBLIC_MEETING_STATES,
    CASE_STATES_PUBLIC_ONLY_WHEN_ON_PUBLISHED_AGENDA,
    HELD_MEETING_STATES,
    MINUTES_PUBLIC_MEETING_STATES,
    PROPOSAL_PUBLIC_ROUND_STATES,
    PUBLIC_CASE_STATES,
)
from .viewers import (
    EVERYTHING,
    active_organization_ids,
    is_folkevalgt,
    is_public_viewer,
    is_staff,
    owns_case,
    sees_everything,
)

EXEMPT_PLACEHOLDER = "Innholdet er unntatt offentlighet."

PAPER_SECTIONS = [
    ("summary", "Kort fortalt"),
    ("background", "Bakgrunn"),
    ("assessment", "Vurdering"),
    ("economic_consequences", "Økonomiske konsekvenser"),
    ("recommendation", "Kommunedirektørens innstilling"),
]
PAPER_SECTION_KEYS = frozenset(key for key, _label in PAPER_SECTIONS)


# --- meetings and agenda items ---------------------------------------------------------------------


def agenda_is_public(meeting) -> bool:
    """A meeting's agenda is public once its notice has been sent (also if it is cancelled afterwards)."""
    return meeting.state in AGENDA_PUBLIC_MEETING_STATES or meeting.notice_sent_at is not None


def agenda_published_at(meeting):
    """When the agenda went out (the notice), for feeds; the meeting's creation when no notice is recorded."""
    return meeting.notice_sent_at or meeting.created_at


def meeting_is_held(meeting) -> bool:
    return meeting.state in HELD_MEETING_STATES


def agenda_item_is_published(item, meeting=None) -> bool:
    """koml. § 11-3: an item is public with ITS OWN notice (a tilleggssak gets its own later); once the
    meeting has been held, everything on its agenda is part of the public record."""
    meeting = meeting or item.meeting
    return item.notice_sent_at is not None or meeting.state in HELD_MEETING_STATES


def can_view_meeting_agenda(user, meeting) -> bool:
    """The agenda/notice of a meeting whose notice is not sent is for staff only."""
    return agenda_is_public(meeting) or is_staff(user)


def can_view_agenda_item(user, item, meeting=None) -> bool:
    """Whether the item is on the agenda this person sees at all (its public title at least)."""
    return agenda_item_is_published(item, meeting) or is_staff(user)


def _folkevalgt_treats(user, case=None, *, item=None) -> bool:
    """A folkevalgt with an active membership in a body that has the case (or the item) on an agenda whose
    notice has been sent."""
    org_ids = active_organization_ids(user)
    if not org_ids:
        return False
    if item is not None:
        return item.meeting.organization_id in org_ids and agenda_item_is_published(item)
    AgendaItem = model("meetings.AgendaItem")

    return published_agenda_items(
        AgendaItem.objects.filter(consultation__case=case, meeting__organization_id__in=org_ids)).exists()


def can_view_protected(user, case) -> bool:
    """Protected content of a case (see the module docstring): never on a public surface."""
    if user is None:
        return False
    if sees_everything(user) or owns_case(user, case):
        return True
    return is_folkevalgt(user) and _folkevalgt_treats(user, case)


def agenda_item_is_protected(item) -> bool:
    consultation = item.consultation
    return bool(item.closed or item_is_exempt(item) or (consultation is not None and consultation.case.exempt))


def item_is_exempt(item) -> bool:
    """An item without a case that carries its own exemption (e.g. a reported delegated decision, RS)."""
    return bool(getattr(item, "exempt_basis", ""))


def can_view_item_protected(user, item) -> bool:
    """The content of a closed item (koml. § 11-5) or of an exempt case's item."""
    if user is None:
        return False
    consultation = item.consultation
    case = consultation.case if consultation is not None else None
    if sees_everything(user) or owns_case(user, case):
        return True
    if not is_folkevalgt(user):
        return False
    return _folkevalgt_treats(user, item=item) or (case is not None and _folkevalgt_treats(user, case))


def can_view_agenda_item_content(user, item, meeting=None) -> bool:
    """Kort fortalt, innstilling, proposals and decision text of an item."""
    if not can_view_agenda_item(user, item, meeting):
        return False
    if agenda_item_is_protected(item):
        return can_view_item_protected(user, item)
    consultation = item.consultation
    if user is None and consultation is not None:
        # Publicly, a case treated behind closed doors anywhere shows no content at all.
        return case_content_is_public(consultation.case,
                                      has_closed_item=getattr(item, "case_has_closed_item", None))
    return True


def agenda_item_title_for(user, item) -> str:
    """The real title for those who may read the item's protected content; else its public title."""
    if user is None or (agenda_item_is_protected(item) and not can_view_item_protected(user, item)):
        return agenda_item_public_title(item)
    return item.title


def agenda_item_public_title(item) -> str:
    consultation = item.consultation
    if consultation is not None and consultation.case.exempt:
        return consultation.case.public_title or item.public_title or "Unntatt offentlighet"
    if item_is_exempt(item):
        return item.public_title or "Unntatt offentlighet"
    if item.public_title:
        return item.public_title
    return item.title


def closed_item_marking(item) -> str:
    if not item.closed:
        return ""
    label = item.get_closed_basis_display() if item.closed_basis else "koml. § 11-5"
    return f"Lukket møte, {label}"


def exempt_marking_for(item) -> str:
    consultation = item.consultation
    case = consultation.case if consultation is not None else None
    if case is None and item_is_exempt(item):
        return f"Unntatt offentlighet, {item.get_exempt_basis_display()}"
    return case.exempt_marking if case is not None and case.exempt else ""


def is_closed(item) -> bool:
    return bool(item.closed)


def video_moment_is_public(item) -> bool:
    """koml. § 11-5: the public gets no link into the video of a closed item — nor of an item whose case's
    exemption required it to be closed (§ 11-5 (2)) though it was not (data from before that rule was kept)."""
    if item.closed:
        return False
    consultation = item.consultation
    return not (consultation is not None and consultation.case.required_closed_basis)


def video_offset_for(user, item) -> int | None:
    """Where the item starts in the meeting video, for this viewer: the secretariat sees what is recorded; every
    other viewer only a moment `video_moment_is_public` allows (None otherwise)."""
    if item.video_offset_seconds is None:
        return None
    if is_staff(user) or video_moment_is_public(item):
        return item.video_offset_seconds
    return None


def is_exempt(case) -> bool:
    return bool(case is not None and case.exempt)


# --- spørsmål and interpellasjoner (questions) --------------------------------------------------------
# A member's question is public text: public with the meeting's agenda (once the notice is out, koml. § 11-3),
# unless the secretariat marks it exempt (offentleglova). An exempt question shows publicly only its kind and
# who asked; its title, text and answer are protected content for the secretariat, the asker and the body.


def question_is_exempt(question) -> bool:
    return bool(question.exempt_basis)


def question_exempt_marking(question) -> str:
    return f"Unntatt offentlighet, {question.get_exempt_basis_display()}" if question_is_exempt(question) else ""


def _asked_by_user(user, question) -> bool:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return person is not None and question.asked_by_id == person.pk


def can_view_question(user, question, meeting=None) -> bool:
    """Whether the question is listed at all for this person: publicly with the agenda; before the notice for
    staff, the asker and the members of the body."""
    meeting = meeting or question.meeting
    if agenda_is_public(meeting) or (user is not None and is_staff(user)):
        return True
    if user is None:
        return False
    return _asked_by_user(user, question) or meeting.organization_id in active_organization_ids(user)


def can_view_question_content(user, question, meeting=None) -> bool:
    """Title, text and answer of a listed question."""
    meeting = meeting or question.meeting
    if not can_view_question(user, question, meeting):
        return False
    if not question_is_exempt(question):
        return True
    if user is None:
        return False
    return (sees_everything(user) or _asked_by_user(user, question)
            or (is_folkevalgt(user) and meeting.organization_id in active_organization_ids(user)))


# --- minutes ---------------------------------------------------------------------------------------


def minutes_are_public(meeting) -> bool:
    """Approved minutes are public. Inside the approval the meeting's state has not moved yet, but the minutes
    are stamped approved before their public copy is frozen; that copy must hold the approved content."""
    if meeting.state in MINUTES_PUBLIC_MEETING_STATES:
        return True
    minutes = meeting._state.fields_cache.get("minutes")  # only when loaded: set on the meeting while approving
    return minutes is not None and minutes.approved_at is not None


def can_view_minutes(user, meeting) -> bool:
    """koml. § 11-4: unapproved minutes (the draft, remarks, proposals) are for staff and folkevalgte on
    the body; public once approved."""
    if minutes_are_public(meeting):
        return True
    if user is None:
        return False
    return is_staff(user) or meeting.organization_id in active_organization_ids(user)


# --- cases -----------------------------------------------------------------------------------------


def is_case_public(case, *, on_published_agenda: bool = False) -> bool:
    """A case is public once it is on a published agenda (or has been treated). Pass
    `on_published_agenda=True` when the caller already knows (saves a query)."""
    if case.state in CASE_STATES_PUBLIC_ONLY_WHEN_ON_PUBLISHED_AGENDA and not on_published_agenda:
        known = getattr(case, "access_is_public", None)  # querysets.annotate_is_public, for lists
        if known is not None:
            return bool(known)
        return public_cases(type(case).objects.filter(pk=case.pk)).exists()
    return case.state in PUBLIC_CASE_STATES


def can_view_case(user, case) -> bool:
    """Staff read every case (drafts too, by public title if exempt); everyone else public cases only."""
    return is_staff(user) or is_case_public(case)


def can_view_case_content(user, case) -> bool:
    """The case's real title, paper and decisions (exempt sections aside: see `withheld_sections`).

    The content of an exempt case, and of a case treated behind closed doors (koml. § 11-5: its kort fortalt,
    paper and decision text), is protected content: only for those `can_view_protected` lets read it, not for
    another saksbehandler or a folkevalgt of another body. A case with a closed item is known by the
    `has_closed_item` annotation (`annotate_has_closed_item`) when the caller loaded it, else one query."""
    if not can_view_case(user, case):
        return False
    if is_public_viewer(user):
        return case_content_is_public(case)
    if case.exempt or case_has_closed_item(case):
        return can_view_protected(user, case)
    return True


def case_content_withheld_marking(case) -> str:
    """What a page shows instead of content this person may not read: the exemption's marking, or that the
    case was treated behind closed doors (koml. § 11-5)."""
    if case.exempt:
        return case.exempt_marking
    return "Behandlet i lukket møte (koml. § 11-5)"


def case_title_for(user, case) -> str:
    if case.exempt and not can_view_protected(user, case):
        return public_case_title(case)
    return case.title


def public_case_title(case) -> str:
    return case.public_title if case.exempt else case.title


def case_content_is_public(case, *, has_closed_item: bool | None = None) -> bool:
    """A case's content is public when the case is not exempt and none of its agenda items was closed.
    Pass `has_closed_item` when already known (e.g. annotated), to save a query."""
    if case.exempt:
        return False
    if has_closed_item is None:
        has_closed_item = case_has_closed_item(case)
    return not has_closed_item


def case_has_closed_item(case) -> bool:
    """Whether an agenda item of the case was treated behind closed doors (koml. § 11-5). Reads the
    `has_closed_item` annotation (`querysets.annotate_has_closed_item`) when the case carries it."""
    known = getattr(case, "has_closed_item", None)
    if known is not None:
        return bool(known)
    AgendaItem = model("meetings.AgendaItem")

    return AgendaItem.objects.filter(consultation__case=case, closed=True).exists()


def withheld_sections(user, case) -> set[str]:
    """Paper sections this person may not read: the exempt ones unless they may see protected content."""
    paper = getattr(case, "paper", None)
    if paper is None or can_view_protected(user, case):
        return set()
    return set(paper.exempt_sections or [])


def can_view_section(user, case, key: str) -> bool:
    """One section, e.g. "recommendation" — also the innstilling copied onto the consultation at approval."""
    return case is None or key not in withheld_sections(user, case)


def _may_read_paper(user, case, *, has_closed_item: bool | None = None) -> bool:
    if user is None:
        return case_content_is_public(case, has_closed_item=has_closed_item)
    return can_view_case_content(user, case)


def can_view_paper_section(user, case, key: str) -> bool:
    """Whether this person may read section `key` of the case paper now: a section `visible_paper_sections` gives
    them (or would, were it not empty). Asked of text copied out of a section earlier, e.g. a member's highlight,
    after they lost the right to read it (left the body, lost the folkevalgt role, the section was exempted)."""
    return (key in PAPER_SECTION_KEYS and getattr(case, "paper", None) is not None and _may_read_paper(user, case)
            and key not in withheld_sections(user, case))


def visible_paper_sections(user, case, *, has_closed_item: bool | None = None) -> list[tuple[str, str, str]]:
    """The case paper's sections this person may read: (key, heading, text), non-empty ones only."""
    if not _may_read_paper(user, case, has_closed_item=has_closed_item):
        return []
    paper = getattr(case, "paper", None)
    if paper is None:
        return []
    hidden = withheld_sections(user, case)
    return [(key, label, getattr(paper, key)) for key, label in PAPER_SECTIONS
            if key not in hidden and (getattr(paper, key) or "").strip()]


def public_paper_sections(case, *, has_closed_item: bool | None = None) -> list[tuple[str, str, str]]:
    return visible_paper_sections(None, case, has_closed_item=has_closed_item)


def summary_for(user, case, *, has_closed_item: bool | None = None) -> str:
    for key, _label, text in visible_paper_sections(user, case, has_closed_item=has_closed_item):
        if key == "summary":
            return text
    return ""


def public_summary(case, *, has_closed_item: bool | None = None) -> str:
    """Kort fortalt for the public ('' when the case's content is not public)."""
    return summary_for(None, case, has_closed_item=has_closed_item)


def recommendation_for(user, case, consultation) -> str:
    """The innstilling on a consultation (copied from the paper at approval): withheld like the paper's
    own recommendation section."""
    if consultation is None or not can_view_section(user, case, "recommendation"):
        return ""
    return consultation.recommendation


def can_view_attachment(user, attachment, *, case=None) -> bool:
    case = case or attachment.case
    if not can_view_case(user, case):
        return False
    if attachment.exempt or case.exempt:
        return can_view_protected(user, case)
    return can_view_case_content(user, case)


def attachment_title_for(user, attachment, *, withheld: str = "Vedlegg unntatt offentlighet") -> str:
    return attachment.title if can_view_attachment(user, attachment) else withheld


def case_has_protected_content(case) -> bool:
    """Anything in the case that only some may read: exemption, exempt sections or attachments, closed items."""
    paper = getattr(case, "paper", None)
    if case.exempt or (paper is not None and paper.exempt_sections):
        return True
    if case.attachments.filter(exempt=True).exists():
        return True
    return case_has_closed_item(case)


# --- history (audit rows) ------------------------------------------------------------------------------

ATTACHMENT_ACTIONS = frozenset({"vedlegg_lagt_til", "vedlegg_fjernet"})
WITHHELD = "Unntatt offentlighet"


def history_for(user, case, entries):
    """The audit rows of a case as this person may read them: the history of an exempt case is protected
    (comments and changes withheld); an exempt attachment's title is withheld from those who may not see it."""
    if not is_staff(user) and not can_view_protected(user, case):
        return []
    if can_view_protected(user, case):
        return list(entries)
    visible_titles = {a.title for a in case.attachments.all() if can_view_attachment(user, a, case=case)}
    hidden_sections = withheld_sections(user, case)
    out = []
    for entry in entries:
        if case.exempt:
            entry.comment, entry.changes = "", {}
        elif hidden_sections and isinstance(entry.changes, dict) and hidden_sections & set(entry.changes):
            entry.changes = {k: (WITHHELD if k in hidden_sections else v) for k, v in entry.changes.items()}
        if not case.exempt and entry.action in ATTACHMENT_ACTIONS:
            title = (entry.changes or {}).get("vedlegg", entry.comment)
            if title not in visible_titles:
                entry.comment, entry.changes = WITHHELD, {"vedlegg": WITHHELD}
        out.append(entry)
    return out


# --- other public rules -----------------------------------------------------------------------------------


def public_person_email(person) -> str:
    """Elected members' e-mail on the public "Slik kan du påvirke" page (setting, default on: the kommune
    publishes how to contact its politicians). Only for people who hold an office now: callers pass members
    only (the påvirke page lists active memberships; the people API checks `holds_office`)."""
    from django.conf import settings

    if not getattr(settings, "SAKSGANG_PUBLIC_MEMBER_EMAIL", True):
        return ""
    return person.email or ""


def appointment_proposal_is_public(round_) -> bool:
    """dl. § 68: the proposal (names and pool, birth year) is public from the start of the public display;
    candidates' addresses, full birth dates and eligibility details never are."""
    return bool(round_.display_start) and round_.state in PROPOSAL_PUBLIC_ROUND_STATES


__all__ = ["EVERYTHING"]
