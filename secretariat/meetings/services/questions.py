"""Spørsmål and interpellasjoner from members. Kommuneloven leaves how and by when they are handed in to the
body's reglement for saksbehandling (koml. § 5-13); the deadlines are per-body settings on the Organization
(defaults: interpellasjon 7 days, spørsmål 2 days before the meeting). They are listed after the saksliste
under «Spørsmål og interpellasjoner», numbered per meeting, and do not take PS/RS/OS numbers."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from secretariat import access
from secretariat.cases.exemptions import FORBIDDEN_FOR_POLITICAL_CASES, ExemptionBasis
from secretariat.organizations.models import Person
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed, TransitionForbidden

from ..models import Meeting, Question, QuestionKind
from .guards import BEFORE_MEETING, LIVE_STATES, ensure_editable, require_fagleder

REGLEMENT = "reglement for saksbehandling, koml. § 5-13"


def question_deadline_days(meeting: Meeting, kind: str) -> int:
    org = meeting.organization
    return org.interpellation_deadline_days if kind == QuestionKind.INTERPELLATION else org.question_deadline_days


def question_deadline(meeting: Meeting, kind: str) -> dt.datetime:
    """The last moment a member may hand in a question of this kind for the meeting."""
    return meeting.start - dt.timedelta(days=question_deadline_days(meeting, kind))


def question_askers(meeting: Meeting) -> list[Person]:
    """Who may ask: the members of the body called to the meeting and the called-in substitutes (those who will
    take part), in the order of the notice."""
    from ..selectors import expected_participants

    people, seen = [], set()
    for row in expected_participants(meeting):
        person = row["membership"].person
        if person.pk not in seen:
            seen.add(person.pk)
            people.append(person)
    return people


def question_require_asker(actor, meeting: Meeting) -> None:
    """Who may hand in questions for this meeting at all: the secretariat, or a folkevalgt who is one of the
    `question_askers`. Callers check this before reading input, so the others are refused, not corrected."""
    if access.is_secretariat(actor):
        return
    person = getattr(actor, "person", None) if access.is_folkevalgt(actor) else None
    if person is None or person.pk not in {p.pk for p in question_askers(meeting)}:
        raise TransitionForbidden(
            "Du kan bare levere spørsmål og interpellasjoner til møter i organer du er medlem av eller er "
            "innkalt til.")


def _kind_label(kind: str) -> str:
    return dict(QuestionKind.choices).get(kind, kind).lower()


def question_submit(*, actor, meeting: Meeting, kind: str, title: str, text: str, asked_by: Person | None = None,
                    late_reason: str = "") -> Question:
    """A member hands in a spørsmål or an interpellasjon for a meeting of their body (or one they are called to),
    before the reglement's deadline. The secretariat registers on a member's behalf and may accept one after the
    deadline with a reason (audited)."""
    question_require_asker(actor, meeting)
    secretariat = access.is_secretariat(actor)
    askers = {p.pk: p for p in question_askers(meeting)}
    if secretariat:
        if asked_by is None:
            raise GuardFailed("Velg hvem spørsmålet er fra.", field="asked_by")
    else:
        asked_by = actor.person
    if asked_by.pk not in askers:
        raise GuardFailed(f"{asked_by.name} er ikke medlem av {meeting.organization} eller innkalt til møtet.",
                          field="asked_by")
    ensure_editable(meeting)
    allowed_states = (BEFORE_MEETING | LIVE_STATES) if secretariat else BEFORE_MEETING
    if meeting.state not in allowed_states:
        raise GuardFailed(f"Møtet har status «{meeting.get_state_display()}». Spørsmål og interpellasjoner "
                          "leveres før møtet.", field="meeting")
    if kind not in QuestionKind.values:
        raise GuardFailed("Velg spørsmål eller interpellasjon.", field="kind")
    late_reason = (late_reason or "").strip()
    deadline = question_deadline(meeting, kind)
    late = timezone.now() > deadline
    if late:
        when = f"{timezone.localtime(deadline):%d.%m.%Y kl. %H:%M}"
        days = question_deadline_days(meeting, kind)
        if not secretariat:
            raise GuardFailed(
                f"Fristen for å levere {_kind_label(kind)} til dette møtet var {when} ({days} dager før møtet, "
                f"{REGLEMENT}). Ta kontakt med politisk sekretariat.", field="kind")
        if not late_reason:
            raise GuardFailed(
                f"Fristen for {_kind_label(kind)} var {when} ({days} dager før møtet, {REGLEMENT}). Oppgi en "
                "begrunnelse for å ta den imot likevel.", field="late_reason")
    question = Question(meeting=meeting, asked_by=asked_by, kind=kind, title=(title or "").strip(),
                        text=(text or "").strip(), submitted_by=actor, late_reason=late_reason if late else "")
    question.full_clean()
    with transaction.atomic():
        question.save()
        # No title or text in the meeting's history: the secretariat may later mark the question exempt.
        changes = {"fra": asked_by.name, "type": question.get_kind_display(), "spørsmål": question.pk,
                   "frist": timezone.localtime(deadline).isoformat()}
        if late:
            changes["etter fristen"] = late_reason
        audit(meeting, actor=actor, action=AuditAction.QUESTION,
              action_label=f"{question.get_kind_display()} registrert" + (" etter fristen" if late else ""),
              comment=late_reason if late else "", changes=changes)
    return question


def question_add(*, actor, meeting: Meeting, asked_by: Person, title: str, text: str,
                 kind: str = QuestionKind.QUESTION, late_reason: str = "") -> Question:
    """The secretariat registers a question on a member's behalf (the same rules as `question_submit`)."""
    require_fagleder(actor)
    return question_submit(actor=actor, meeting=meeting, kind=kind, title=title, text=text, asked_by=asked_by,
                           late_reason=late_reason)


def question_answer(*, actor, question: Question, answer: str) -> Question:
    """The answer (usually the ordfører's), printed with the question in the protokoll."""
    require_fagleder(actor)
    ensure_editable(question.meeting)
    with transaction.atomic():
        old = question.answer
        question.answer = (answer or "").strip()
        question.save(update_fields=["answer"])
        audit(question.meeting, actor=actor, action=AuditAction.QUESTION_ANSWERED,
              action_label=f"{question.get_kind_display()} besvart",
              changes={"spørsmål": question.pk, "fra": old[:200], "til": question.answer[:200]})
    return question


def question_set_exempt(*, actor, question: Question, exempt_basis: str) -> Question:
    """Mark a question exempt from public access with a basis from the pick-list (or '' to make it public)."""
    require_fagleder(actor)
    ensure_editable(question.meeting)
    exempt_basis = exempt_basis or ""
    if exempt_basis and exempt_basis not in ExemptionBasis.values:
        raise GuardFailed("Velg hjemmel for unntak fra lista.", field="exempt_basis")
    if exempt_basis in FORBIDDEN_FOR_POLITICAL_CASES:
        raise GuardFailed("Offl. § 14 kan ikke brukes for saker til et folkevalgt organ (offl. § 16 første ledd).",
                          field="exempt_basis")
    with transaction.atomic():
        question.exempt_basis = exempt_basis
        question.save(update_fields=["exempt_basis"])
        audit(question.meeting, actor=actor, action=AuditAction.QUESTION_EXEMPT,
              action_label=f"{question.get_kind_display()} {'unntatt offentlighet' if exempt_basis else 'offentlig'}",
              changes={"hjemmel": question.get_exempt_basis_display() if exempt_basis else ""})
    return question


__all__ = ["question_add", "question_answer", "question_askers", "question_require_asker", "question_deadline",
           "question_deadline_days", "question_set_exempt", "question_submit"]
