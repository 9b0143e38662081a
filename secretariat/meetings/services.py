"""Writes for meetings, agendas, absence and substitutes, the live meeting and the minutes.

Every function validates first and changes things in one transaction with an audit row; e-mail goes out
after commit (Celery). The case workflow calls `decision_record_for_case`; the meeting workflow
(workflows/meeting.py) calls `meeting_check_notice`, `meeting_publish_notice`, `meeting_check_all_items_treated`,
`meeting_release_agenda` and `minutes_freeze` from its transitions.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from secretariat.accounts.roles import Role, has_role
from secretariat.cases.models import Case
from secretariat.organizations.models import Membership, MembershipRole, Organization, Person
from workflows.case import CaseState
from workflows.engine import audit, full_clean, run_transition
from workflows.errors import GuardFailed, TransitionForbidden
from workflows.meeting import MeetingState

from . import selectors
from .models import (
    Absence,
    AgendaItem,
    AgendaItemKind,
    AgendaItemOutcome,
    Attendance,
    Ballot,
    ClosedBasis,
    Decision,
    ItemOutcome,
    Meeting,
    MeetingLive,
    Minutes,
    Proposal,
    ProtocolRemark,
    Question,
    QuestionKind,
    Recusal,
    Vote,
    VoteChoice,
)


class MinutesApproved(GuardFailed):
    """The minutes are approved: the record of the meeting is final (koml. § 11-4)."""

    status_code = 409
    code = "minutes_approved"


LOCKED_STATES = {MeetingState.PROTOKOLL_GODKJENT, MeetingState.ARKIVERT}
BEFORE_MEETING = {MeetingState.PLANLAGT, MeetingState.INNKALT}
LIVE_STATES = {MeetingState.INNKALT, MeetingState.GJENNOMFORT, MeetingState.PROTOKOLL_UTKAST}


def _require_fagleder(actor) -> None:
    if not has_role(actor, Role.FAGLEDER):
        raise TransitionForbidden("Bare politisk sekretariat kan endre møter og sakslister.")


def _ensure_editable(meeting: Meeting) -> None:
    if meeting.state in LOCKED_STATES:
        raise MinutesApproved(
            "Protokollen for dette møtet er godkjent og kan ikke endres. Det som står i den, er det som gjelder "
            "(koml. § 11-4)."
        )
    if meeting.state == MeetingState.AVLYST:
        raise GuardFailed("Møtet er avlyst.")


def _ensure_live(meeting: Meeting) -> None:
    _ensure_editable(meeting)
    if meeting.state not in LIVE_STATES:
        raise GuardFailed(
            f"Møtet har status «{meeting.get_state_display()}». Send innkallingen før møtet kan føres.",
            field="meeting",
        )


def _bump(meeting: Meeting) -> None:
    meeting.sequence += 1
    Meeting.objects.filter(pk=meeting.pk).update(sequence=meeting.sequence, updated_at=timezone.now())


# --- the meeting --------------------------------------------------------------------------------------------


def meeting_create(*, actor, organization: Organization, start: dt.datetime, end: dt.datetime | None = None,
                   location: str = "", is_remote: bool = False, remote_link: str = "", title: str = "",
                   video_url: str = "") -> Meeting:
    _require_fagleder(actor)
    meeting = Meeting(organization=organization, start=start, end=end, location=location, is_remote=is_remote,
                      remote_link=remote_link, title=title, video_url=video_url)
    _validate_meeting(meeting)
    with transaction.atomic():
        meeting.save()
        audit(meeting, actor=actor, action="opprettet", action_label="Møte opprettet", to_state=meeting.state)
    return meeting


def _validate_meeting(meeting: Meeting) -> None:
    if meeting.end and meeting.start and meeting.end <= meeting.start:
        raise ValidationError({"end": "Møtet må slutte etter at det starter."})
    if meeting.is_remote and not meeting.remote_link:
        raise ValidationError({"remote_link": "Et fjernmøte trenger en lenke."})
    if not meeting.is_remote and not meeting.location.strip() and meeting.pk:
        pass  # a place may be decided later
    full_clean(meeting)


MEETING_FIELDS = ("title", "start", "end", "location", "is_remote", "remote_link", "video_url")


def meeting_update(*, actor, meeting: Meeting, data: dict) -> Meeting:
    _require_fagleder(actor)
    _ensure_editable(meeting)
    changes = {}
    for name in MEETING_FIELDS:
        if name in data and getattr(meeting, name) != data[name]:
            changes[name] = {"fra": str(getattr(meeting, name) or ""), "til": str(data[name] or "")}
            setattr(meeting, name, data[name])
    if meeting.is_remote:
        _refuse_secrecy_in_remote(meeting)
    _validate_meeting(meeting)
    with transaction.atomic():
        if changes:
            meeting.sequence += 1
        meeting.save()
        if changes:
            audit(meeting, actor=actor, action="endret", action_label="Møte endret", changes=changes)
    return meeting


def _refuse_secrecy_in_remote(meeting: Meeting) -> None:
    secret = meeting.agenda_items.filter(closed=True, closed_basis=ClosedBasis.SECRECY).first()
    if secret:
        raise GuardFailed(
            f"{secret.label} er lukket på grunn av taushetsplikt, og slike saker kan ikke behandles i fjernmøte "
            "(koml. § 11-7). Hold møtet fysisk, eller flytt saken til et annet møte.",
            field="is_remote",
        )


def meeting_check_notice(*, meeting: Meeting, override_reason: str = "") -> None:
    """koml. § 11-3: notice with reasonable notice; the per-organization period (check) is enforced."""
    days = meeting.organization.effective_notice_days
    deadline = meeting.start - dt.timedelta(days=days)
    if timezone.now() > deadline and not override_reason.strip():
        raise GuardFailed(
            f"Fristen for innkalling var {timezone.localtime(deadline):%d.%m.%Y kl. %H:%M} "
            f"({days} dager før møtet). Oppgi en begrunnelse for å sende innkallingen likevel.",
            field="override_reason",
        )
    if meeting.is_remote:
        _refuse_secrecy_in_remote(meeting)
    meeting.notice_override_reason = override_reason.strip()
    meeting.notice_sent_at = timezone.now()


def meeting_publish_notice(*, meeting: Meeting) -> None:
    """Called inside the `send_notice` transition: stamp the agenda as published and queue the e-mail."""
    now = meeting.notice_sent_at or timezone.now()
    item_ids = list(meeting.agenda_items.filter(notice_sent_at__isnull=True).values_list("pk", flat=True))
    AgendaItem.objects.filter(pk__in=item_ids).update(notice_sent_at=now)
    meeting.sequence += 1
    from .tasks import send_meeting_notice

    transaction.on_commit(lambda: send_meeting_notice.delay(meeting.pk))


def meeting_send_notice(*, actor, meeting: Meeting, override_reason: str = "", comment: str = ""):
    """Send the notice to members and called-in substitutes and publish the papers: one atomic step."""
    return run_transition(meeting, "send_notice", actor=actor, comment=comment or override_reason,
                          override_reason=override_reason)


def meeting_send_supplementary_notice(*, actor, meeting: Meeting, override_reason: str = "") -> list[AgendaItem]:
    """Tilleggssaker get their own notice, sent to the same people; published in the same step."""
    _require_fagleder(actor)
    _ensure_editable(meeting)
    if meeting.state != MeetingState.INNKALT:
        raise GuardFailed("Tilleggsinnkalling sendes etter at møtet er innkalt og før det er holdt.")
    with transaction.atomic():
        items = list(meeting.agenda_items.select_for_update().filter(notice_sent_at__isnull=True))
        if not items:
            raise GuardFailed("Det er ingen nye tilleggssaker å sende innkalling for.")
        now = timezone.now()
        AgendaItem.objects.filter(pk__in=[i.pk for i in items]).update(notice_sent_at=now)
        _bump(meeting)
        audit(meeting, actor=actor, action="tilleggsinnkalling", action_label="Tilleggsinnkalling sendt",
              comment=override_reason, changes={"saker": [i.label for i in items]})
        from .tasks import send_meeting_notice

        ids = [i.pk for i in items]
        transaction.on_commit(lambda: send_meeting_notice.delay(meeting.pk, ids))
    return items


def meeting_cancel(*, actor, meeting: Meeting, reason: str):
    entry = run_transition(meeting, "cancel", actor=actor, comment=reason)
    from .tasks import send_meeting_cancelled

    if meeting.notice_sent_at:
        transaction.on_commit(lambda: send_meeting_cancelled.delay(meeting.pk))
    return entry


def meeting_release_agenda(*, meeting: Meeting, actor) -> None:
    """A cancelled meeting lets its cases go back to `klar` so they can be put on another agenda."""
    for item in meeting.agenda_items.select_related("consultation__case"):
        case = item.consultation.case if item.consultation else None
        if case and case.state == CaseState.SATT_OPP and case.current_consultation.pk == item.consultation_id:
            run_transition(case, "unschedule", actor=actor, comment=f"Møtet {meeting} er avlyst.")


def meeting_check_all_items_treated(*, meeting: Meeting) -> None:
    waiting = [
        item.label for item in meeting.agenda_items.select_related("consultation__case")
        if item.consultation and item.consultation.case.state == CaseState.SATT_OPP
        and item.consultation.case.current_consultation.pk == item.consultation_id
    ]
    if waiting:
        raise GuardFailed(
            f"Disse sakene har ikke fått et utfall ennå: {', '.join(waiting)}. Registrer vedtak, utsettelse, "
            "retur eller trekking før møtet markeres som gjennomført.",
        )


# --- the agenda ---------------------------------------------------------------------------------------------


def next_agenda_number(*, organization: Organization, kind: str, year: int) -> int:
    last = (
        AgendaItem.objects.select_for_update()
        .filter(organization=organization, kind=kind, year=year)
        .aggregate(n=Max("number"))["n"]
    )
    return (last or 0) + 1


def _check_agenda_open(meeting: Meeting) -> None:
    _ensure_editable(meeting)
    if meeting.state not in BEFORE_MEETING:
        raise GuardFailed(f"Sakslisten kan ikke endres når møtet har status «{meeting.get_state_display()}».",
                          field="meeting")


def agenda_item_add(*, actor, meeting: Meeting, case: Case, supplementary: bool = False) -> AgendaItem:
    """Put a `klar` case on a meeting's agenda (PS), numbered per organization and year."""
    _require_fagleder(actor)
    _check_agenda_open(meeting)
    consultation = case.current_consultation
    if case.state != CaseState.KLAR:
        raise GuardFailed(
            f"Saken {case.arkivsaksnummer} kan ikke settes opp: den har status «{case.get_state_display()}», "
            "og bare saker som er klare til behandling (godkjent av kommunedirektøren) kan settes opp.",
            field="case",
        )
    if consultation.organization_id != meeting.organization_id:
        raise GuardFailed(
            f"Saken skal behandles i {consultation.organization}, ikke i {meeting.organization}.", field="case"
        )
    if meeting.agenda_items.filter(consultation__case=case).exists():
        raise GuardFailed("Saken står allerede på sakslisten til dette møtet.", field="case")
    # After the notice has gone out, a new item is a tilleggssak with its own notice.
    supplementary = supplementary or meeting.state == MeetingState.INNKALT
    with transaction.atomic():
        item = _create_item(meeting, kind=AgendaItemKind.PS, title=case.title, consultation=consultation,
                            public_title=case.public_title if case.exempt else "", supplementary=supplementary)
        run_transition(case, "schedule", actor=actor, comment=f"{item.label} i {meeting}", agenda_item=item)
        _bump(meeting)
    return item


def _create_item(meeting: Meeting, *, kind: str, title: str, consultation=None, public_title: str = "",
                 supplementary: bool = False) -> AgendaItem:
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # serialise numbering per meeting
    year = timezone.localtime(meeting.start).year
    position = (meeting.agenda_items.aggregate(p=Max("position"))["p"] or 0) + 1
    return AgendaItem.objects.create(
        meeting=meeting, consultation=consultation, kind=kind,
        number=next_agenda_number(organization=meeting.organization, kind=kind, year=year),
        year=year, position=position, title=title, public_title=public_title, is_supplementary=supplementary,
    )


def agenda_item_add_other(*, actor, meeting: Meeting, kind: str, title: str) -> AgendaItem:
    """A referatsak (RS) or an orientering (OS): numbered in their own series."""
    _require_fagleder(actor)
    _check_agenda_open(meeting)
    if kind not in (AgendaItemKind.RS, AgendaItemKind.OS):
        raise GuardFailed("Velg referatsak (RS) eller orientering (OS). Politiske saker settes opp fra saken.",
                          field="kind")
    if not (title or "").strip():
        raise GuardFailed("Skriv en tittel.", field="title")
    with transaction.atomic():
        item = _create_item(meeting, kind=kind, title=title.strip(),
                            supplementary=meeting.state == MeetingState.INNKALT)
        _bump(meeting)
        audit(meeting, actor=actor, action="sak_lagt_til", action_label="Sak lagt til sakslisten",
              changes={"sak": item.label, "tittel": item.title})
    return item


def agenda_item_move(*, actor, item: AgendaItem, direction: str) -> None:
    """Move an item up or down in the order it is treated (numbers stay: they identify the item)."""
    _require_fagleder(actor)
    _check_agenda_open(item.meeting)
    items = list(item.meeting.agenda_items.order_by("position", "pk"))
    i = next(n for n, x in enumerate(items) if x.pk == item.pk)
    j = i - 1 if direction == "up" else i + 1
    if j < 0 or j >= len(items):
        return
    items[i], items[j] = items[j], items[i]
    with transaction.atomic():
        for pos, x in enumerate(items, start=1):
            if x.position != pos:
                AgendaItem.objects.filter(pk=x.pk).update(position=pos)
        _bump(item.meeting)


def agenda_item_remove(*, actor, item: AgendaItem, comment: str = "") -> None:
    _require_fagleder(actor)
    meeting = item.meeting
    _check_agenda_open(meeting)
    if item.notice_sent_at:
        raise GuardFailed(
            f"{item.label} er sendt ut med innkallingen. Registrer i møtet at saken er trukket eller utsatt.",
            field="item",
        )
    with transaction.atomic():
        case = item.consultation.case if item.consultation else None
        label = item.label
        if case and case.state == CaseState.SATT_OPP:
            run_transition(case, "unschedule", actor=actor, comment=comment or f"Tatt av sakslisten ({label}).")
        item.delete()
        _bump(meeting)
        audit(meeting, actor=actor, action="sak_fjernet", action_label="Sak tatt av sakslisten",
              changes={"sak": label})


def agenda_item_close(*, actor, item: AgendaItem, closed: bool, basis: str = "") -> AgendaItem:
    """Close an item with its koml. § 11-5 basis (or open it again); recorded in the minutes."""
    _require_fagleder(actor)
    _ensure_editable(item.meeting)
    if closed:
        if basis not in ClosedBasis.values:
            raise GuardFailed("Velg hjemmel for å lukke møtet (koml. § 11-5).", field="closed_basis")
        if basis == ClosedBasis.SECRECY and item.meeting.is_remote:
            raise GuardFailed(
                "En sak som lukkes på grunn av taushetsplikt kan ikke behandles i fjernmøte (koml. § 11-7). "
                "Hold møtet fysisk, eller flytt saken til et annet møte.",
                field="closed_basis",
            )
    with transaction.atomic():
        item.closed, item.closed_basis = closed, (basis if closed else "")
        item.save(update_fields=["closed", "closed_basis"])
        audit(item.meeting, actor=actor, action="lukket" if closed else "apnet",
              action_label=f"{item.label} {'lukket' if closed else 'åpnet'}",
              changes={"hjemmel": item.get_closed_basis_display() if closed else ""})
    return item


def question_add(*, actor, meeting: Meeting, asked_by: Person, title: str, text: str,
                 kind: str = QuestionKind.QUESTION) -> Question:
    _require_fagleder(actor)
    _ensure_editable(meeting)
    question = Question(meeting=meeting, asked_by=asked_by, title=(title or "").strip(), text=(text or "").strip(),
                        kind=kind)
    question.full_clean()
    with transaction.atomic():
        question.save()
        audit(meeting, actor=actor, action="sporsmal", action_label=f"{question.get_kind_display()} registrert",
              changes={"fra": asked_by.name, "tittel": question.title})
    return question


def question_answer(*, actor, question: Question, answer: str) -> Question:
    _require_fagleder(actor)
    _ensure_editable(question.meeting)
    question.answer = (answer or "").strip()
    question.save(update_fields=["answer"])
    return question


# --- absence and substitutes (koml. § 7-10) ------------------------------------------------------------------


def _membership_in(meeting: Meeting, membership: Membership) -> Membership:
    if not selectors.memberships_for(meeting).filter(pk=membership.pk).exists():
        raise GuardFailed(f"{membership.person} er ikke medlem av {meeting.organization} på møtedagen.",
                          field="membership")
    return membership


def absence_register(*, actor, meeting: Meeting, membership: Membership, items: list[AgendaItem] | None = None,
                     reason: str = "") -> Absence:
    """Forfall, by the member themself (logged in as folkevalgt) or by the secretariat. The next substitute
    on the member's electoral list is proposed; the secretariat confirms the call-in."""
    own = getattr(getattr(actor, "person", None), "pk", None) == membership.person_id
    if not (has_role(actor, Role.FAGLEDER) or (own and has_role(actor, Role.FOLKEVALGT))):
        raise TransitionForbidden("Du kan bare melde forfall for deg selv.")
    _ensure_editable(meeting)
    # Members report absence before the meeting; the secretariat may also record it on the day.
    allowed = BEFORE_MEETING | (LIVE_STATES if has_role(actor, Role.FAGLEDER) else set())
    if meeting.state not in allowed:
        raise GuardFailed("Forfall meldes før møtet. Under møtet føres oppmøtet i møtemodus.", field="meeting")
    _membership_in(meeting, membership)
    items = list(items or [])
    if any(i.meeting_id != meeting.pk for i in items):
        raise GuardFailed("Sakene må høre til dette møtet.", field="items")
    if meeting.absences.filter(membership=membership).exists():
        raise GuardFailed(f"Forfall for {membership.person} er allerede registrert.", field="membership")
    with transaction.atomic():
        absence = Absence.objects.create(meeting=meeting, membership=membership, reason=(reason or "").strip()[:300],
                                         registered_by=actor if getattr(actor, "pk", None) else None)
        if items:
            absence.items.set(items)
        if membership.role != MembershipRole.SUBSTITUTE:
            absence.proposed_substitute = selectors.next_substitute(meeting, membership, items)
            absence.save(update_fields=["proposed_substitute"])
        audit(meeting, actor=actor, action="forfall", action_label="Forfall registrert",
              changes={"medlem": membership.person.name, "saker": [i.label for i in items] or "hele møtet",
                       "foreslått vara": absence.proposed_substitute.person.name
                       if absence.proposed_substitute else ""})
    return absence


def absence_confirm_substitute(*, actor, absence: Absence, substitute: Membership | None = None) -> Absence:
    """The secretariat calls in the substitute (default: the proposed one) and the substitute is e-mailed."""
    _require_fagleder(actor)
    meeting = absence.meeting
    _ensure_editable(meeting)
    if absence.substitute_confirmed_at:
        raise GuardFailed(f"{absence.substitute.person} er allerede innkalt for {absence.membership.person}.")
    substitute = substitute or absence.proposed_substitute
    if substitute is None:
        raise GuardFailed(
            f"Det er ingen ledige varamedlemmer igjen på lista til {absence.membership.person}.", field="substitute"
        )
    _check_on_list(meeting, absence.membership, substitute)
    free = selectors.substitute_candidates(meeting, absence.membership, for_absence=absence)
    if substitute.pk not in {m.pk for m in free}:
        raise GuardFailed(f"{substitute.person} har selv forfall eller er allerede innkalt til møtet.",
                          field="substitute")
    with transaction.atomic():
        absence.substitute = substitute
        absence.substitute_confirmed_at = timezone.now()
        absence.save(update_fields=["substitute", "substitute_confirmed_at"])
        audit(meeting, actor=actor, action="vara_innkalt", action_label="Vara innkalt",
              changes={"vara": substitute.person.name, "for": absence.membership.person.name})
        from .tasks import send_substitute_call

        if (meeting.end or meeting.start) >= timezone.now():  # no e-mail about a meeting already over
            transaction.on_commit(lambda: send_substitute_call.delay(absence.pk))
    return absence


def _check_on_list(meeting: Meeting, member: Membership, substitute: Membership) -> None:
    """koml. § 7-10: a substitute comes from the electoral list the absent member was elected from."""
    on_list = selectors.memberships_for(meeting).substitutes().filter(
        pk=substitute.pk, electoral_list_id=member.electoral_list_id
    ).exists()
    if not on_list:
        lst = member.electoral_list.name if member.electoral_list else "lista"
        raise GuardFailed(
            f"{substitute.person} er ikke varamedlem på {lst} i {meeting.organization}, som "
            f"{member.person} er valgt fra (koml. § 7-10). Velg et varamedlem fra lista.",
            field="substitute",
        )


# --- the live meeting: attendance, quorum, recusal ---------------------------------------------------------


def _check_seats(meeting: Meeting) -> None:
    seats = meeting.organization.seats
    attendances = selectors._attendances(meeting)
    counts = [len(selectors.present_at_start(meeting))]
    for item in meeting.agenda_items.all():
        counts.append(len(selectors.present_for_item(item, attendances)))
    if max(counts) > seats:
        raise GuardFailed(
            f"Det blir {max(counts)} møtende, men {meeting.organization} har bare {seats} medlemmer. Registrer "
            "at noen har gått, eller kall inn vara bare for den som har forfall.",
            field="membership",
        )


def attendance_register(*, actor, meeting: Meeting, membership: Membership, substitute_for: Membership | None = None,
                        arrived_before: AgendaItem | None = None, only_items: list[AgendaItem] | None = None
                        ) -> Attendance:
    _require_fagleder(actor)
    _ensure_live(meeting)
    _membership_in(meeting, membership)
    if membership.role == MembershipRole.SUBSTITUTE:
        if substitute_for is None:
            call = meeting.absences.filter(substitute=membership, substitute_confirmed_at__isnull=False).first()
            if call is None:
                raise GuardFailed(f"{membership.person} er varamedlem: velg hvem vedkommende møter for.",
                                  field="substitute_for")
            substitute_for = call.membership
            only_items = only_items or list(call.items.all())
        _check_on_list(meeting, substitute_for, membership)
    else:
        absence = meeting.absences.filter(membership=membership).first()
        if absence and absence.whole_meeting:
            raise GuardFailed(f"{membership.person} har meldt forfall til hele møtet.", field="membership")
        substitute_for = None
    if meeting.attendances.filter(membership=membership).exists():
        raise GuardFailed(f"{membership.person} er allerede registrert som møtt.", field="membership")
    with transaction.atomic():
        attendance = Attendance.objects.create(meeting=meeting, membership=membership, substitute_for=substitute_for,
                                               arrived_before=arrived_before)
        if only_items:
            attendance.only_items.set(only_items)
        _check_seats(meeting)
        audit(meeting, actor=actor, action="oppmote", action_label="Oppmøte registrert",
              changes={"medlem": membership.person.name,
                       "møter for": substitute_for.person.name if substitute_for else "",
                       "fra sak": arrived_before.label if arrived_before else ""})
    return attendance


def attendance_fill_from_notice(*, actor, meeting: Meeting) -> int:
    """Register everyone called (members without absence, called-in substitutes) as present."""
    _require_fagleder(actor)
    _ensure_live(meeting)
    n = 0
    with transaction.atomic():
        registered = set(meeting.attendances.values_list("membership_id", flat=True))
        for row in selectors.expected_participants(meeting):
            if row["membership"].pk in registered:
                continue
            attendance_register(actor=actor, meeting=meeting, membership=row["membership"],
                                substitute_for=row["substitute_for"], only_items=row["items"])
            n += 1
    return n


def attendance_depart(*, actor, attendance: Attendance, before_item: AgendaItem | None) -> Attendance:
    """The member left before `before_item` (None: came back / stays to the end)."""
    _require_fagleder(actor)
    _ensure_live(attendance.meeting)
    with transaction.atomic():
        attendance.left_before = before_item
        attendance.save(update_fields=["left_before"])
        audit(attendance.meeting, actor=actor, action="gikk", action_label="Permisjon/gikk registrert",
              changes={"medlem": attendance.membership.person.name,
                       "før sak": before_item.label if before_item else "ble til slutt"})
    return attendance


def attendance_arrive(*, actor, attendance: Attendance, before_item: AgendaItem | None) -> Attendance:
    _require_fagleder(actor)
    _ensure_live(attendance.meeting)
    with transaction.atomic():
        attendance.arrived_before = before_item
        attendance.save(update_fields=["arrived_before"])
        _check_seats(attendance.meeting)
        audit(attendance.meeting, actor=actor, action="kom", action_label="Ankomst registrert",
              changes={"medlem": attendance.membership.person.name,
                       "fra sak": before_item.label if before_item else "møtestart"})
    return attendance


def attendance_remove(*, actor, attendance: Attendance) -> None:
    _require_fagleder(actor)
    _ensure_live(attendance.meeting)
    with transaction.atomic():
        audit(attendance.meeting, actor=actor, action="oppmote_fjernet", action_label="Oppmøte fjernet",
              changes={"medlem": attendance.membership.person.name})
        attendance.delete()


def recusal_register(*, actor, item: AgendaItem, membership: Membership, grounds: str = "", decided: bool = True,
                     substitute: Membership | None = None) -> Recusal:
    """The body decides on a member's habilitet for one item (koml. § 11-10, fvl. § 6); if inhabil, the
    member leaves and a substitute from the member's list may take part in that item."""
    _require_fagleder(actor)
    meeting = item.meeting
    _ensure_live(meeting)
    _membership_in(meeting, membership)
    if item.recusals.filter(membership=membership).exists():
        raise GuardFailed(f"Habiliteten til {membership.person} i {item.label} er allerede vurdert.",
                          field="membership")
    if substitute is not None:
        if not decided:
            raise GuardFailed("Vara kalles bare inn når medlemmet er erklært inhabil.", field="substitute")
        _check_on_list(meeting, membership, substitute)
    with transaction.atomic():
        recusal = Recusal.objects.create(agenda_item=item, membership=membership, grounds=(grounds or "").strip(),
                                         decided=decided, substitute=substitute)
        if substitute is not None:
            existing = meeting.attendances.filter(membership=substitute).first()
            if existing is None:
                attendance = Attendance.objects.create(meeting=meeting, membership=substitute,
                                                       substitute_for=membership)
                attendance.only_items.set([item])
            elif existing.only_items.exists():
                existing.only_items.add(item)
            else:
                raise GuardFailed(f"{substitute.person} møter allerede i hele møtet.", field="substitute")
        _check_seats(meeting)
        audit(meeting, actor=actor, action="habilitet",
              action_label=f"{membership.person} {'erklært inhabil' if decided else 'erklært habil'} i {item.label}",
              comment=recusal.grounds, changes={"vara": substitute.person.name if substitute else ""})
    return recusal


def live_set_current_item(*, actor, meeting: Meeting, item: AgendaItem | None, record_video: bool = False
                          ) -> MeetingLive:
    _require_fagleder(actor)
    _ensure_live(meeting)
    with transaction.atomic():
        live, _ = MeetingLive.objects.get_or_create(meeting=meeting)
        live.current_item = item
        live.save(update_fields=["current_item"])
        if item is not None and record_video and timezone.now() >= video_started(meeting):
            agenda_item_mark_video(actor=actor, item=item)
    return live


def video_started(meeting: Meeting) -> dt.datetime:
    live = MeetingLive.objects.filter(meeting=meeting).first()
    return (live.video_started_at if live and live.video_started_at else None) or meeting.start


def meeting_set_video_start(*, actor, meeting: Meeting, at: dt.datetime | None = None) -> MeetingLive:
    _require_fagleder(actor)
    _ensure_editable(meeting)
    live, _ = MeetingLive.objects.get_or_create(meeting=meeting)
    live.video_started_at = at or timezone.now()
    live.save(update_fields=["video_started_at"])
    return live


def agenda_item_mark_video(*, actor, item: AgendaItem, seconds: int | None = None,
                           now: dt.datetime | None = None) -> AgendaItem:
    """Record where in the meeting video this item starts (from the video's start time), so the public
    portal can link the case to the exact moment (KS Kommunekompasset: video connected to the papers)."""
    _require_fagleder(actor)
    _ensure_editable(item.meeting)
    if seconds is None:
        seconds = int(((now or timezone.now()) - video_started(item.meeting)).total_seconds())
    if seconds < 0:
        raise GuardFailed("Videoen har ikke startet ennå; tidspunktet er før videoens start.", field="seconds")
    item.video_offset_seconds = seconds
    item.save(update_fields=["video_offset_seconds"])
    audit(item.meeting, actor=actor, action="video", action_label=f"Videotidspunkt for {item.label}",
          changes={"sekunder": seconds})
    return item


# --- proposals, votes, decisions ---------------------------------------------------------------------------


def proposal_add(*, actor, item: AgendaItem, by: str, text: str, is_recommendation: bool = False) -> Proposal:
    _require_fagleder(actor)
    _ensure_live(item.meeting)
    if not (by or "").strip():
        raise GuardFailed("Skriv hvem som fremmer forslaget (parti eller medlem).", field="by")
    if not (text or "").strip():
        raise GuardFailed("Forslagsteksten mangler.", field="text")
    with transaction.atomic():
        position = (item.proposals.aggregate(p=Max("position"))["p"] or 0) + 1
        proposal = Proposal.objects.create(agenda_item=item, by=by.strip()[:200], text=text.strip(),
                                           is_recommendation=is_recommendation, position=position)
        audit(item.meeting, actor=actor, action="forslag", action_label=f"Forslag i {item.label}",
              changes={"fra": proposal.by, "tekst": proposal.text[:200]})
    return proposal


def proposal_recommendation(*, actor, item: AgendaItem) -> Proposal:
    """The innstilling the body votes on, as proposal no. 1 (created once)."""
    existing = item.proposals.filter(is_recommendation=True).first()
    if existing:
        return existing
    consultation = item.consultation
    if consultation is None or not consultation.recommendation.strip():
        raise GuardFailed("Saken har ingen innstilling å stemme over.", field="proposal")
    source = consultation.recommendation_source or "kommunedirektøren"
    return proposal_add(actor=actor, item=item, by=f"Innstilling fra {source}", text=consultation.recommendation,
                        is_recommendation=True)


def vote_record(*, actor, item: AgendaItem, proposal: Proposal, ballots: dict | None = None,
                for_count: int | None = None, against_count: int | None = None, blank_count: int = 0,
                secret: bool = False, is_election: bool = False, unanimous: bool = False,
                casting_vote: str = "", lots_winner: str = "") -> Vote:
    """Record a vote. Open votes name each member's vote (per party, named where a party splits); secret
    ballots store only totals. Simple majority of votes cast; on a tie the chair's vote decides, except in
    elections, where lots are drawn (koml. § 11-9)."""
    _require_fagleder(actor)
    meeting = item.meeting
    _ensure_live(meeting)
    if proposal.agenda_item_id != item.pk:
        raise GuardFailed("Forslaget hører ikke til denne saken.", field="proposal")
    attendances = selectors.present_for_item(item)
    present = {a.membership_id: a for a in attendances}
    q = selectors.Quorum(present=len(present), seats=meeting.organization.seats)
    if not q.ok:
        raise GuardFailed(f"Organet er ikke vedtaksført: {q.label} (koml. § 11-9).", field="quorum")
    ballots = {int(k): v for k, v in (ballots or {}).items() if v}
    if unanimous and not secret:
        ballots = {mid: VoteChoice.FOR for mid in present}
    if secret:
        ballots = {}
        if for_count is None or against_count is None:
            raise GuardFailed("Oppgi antall stemmer for og mot.", field="for_count")
    elif ballots:
        bad = [str(k) for k in ballots if k not in present]
        if bad:
            raise GuardFailed("Stemmer fra noen som ikke er til stede i saken: registrer oppmøtet først.",
                              field="ballots")
        if any(v not in VoteChoice.values for v in ballots.values()):
            raise GuardFailed("En stemme må være «for», «mot» eller «blank».", field="ballots")
        for_count = sum(1 for v in ballots.values() if v == VoteChoice.FOR)
        against_count = sum(1 for v in ballots.values() if v == VoteChoice.AGAINST)
        blank_count = sum(1 for v in ballots.values() if v == VoteChoice.BLANK)
    elif for_count is None or against_count is None:
        raise GuardFailed("Registrer hvordan hvert medlem stemte, eller oppgi antall stemmer for og mot.",
                          field="ballots")
    for_count, against_count, blank_count = int(for_count), int(against_count), int(blank_count or 0)
    if min(for_count, against_count, blank_count) < 0:
        raise GuardFailed("Antall stemmer kan ikke være negativt.", field="for_count")
    total = for_count + against_count + blank_count
    if total > len(present):
        raise GuardFailed(
            f"Det er avgitt {total} stemmer, men bare {len(present)} medlemmer er til stede i {item.label}.",
            field="for_count",
        )
    decided_by = ""
    if for_count != against_count:
        adopted = for_count > against_count
    elif is_election:
        if lots_winner not in (VoteChoice.FOR, VoteChoice.AGAINST):
            raise GuardFailed("Stemmelikhet ved valg avgjøres ved loddtrekning (koml. § 11-9). Oppgi utfallet av "
                              "loddtrekningen.", field="lots_winner")
        adopted, decided_by = lots_winner == VoteChoice.FOR, "loddtrekning"
    else:
        chair = selectors.chair_of(meeting, item)
        chair_vote = ballots.get(chair.pk) if chair else None
        if chair_vote in (VoteChoice.FOR, VoteChoice.AGAINST):
            adopted = chair_vote == VoteChoice.FOR
        elif casting_vote in (VoteChoice.FOR, VoteChoice.AGAINST):
            adopted = casting_vote == VoteChoice.FOR
        else:
            raise GuardFailed("Stemmelikhet: møteleders stemme avgjør (koml. § 11-9). Oppgi hvordan møteleder "
                              "stemte.", field="casting_vote")
        decided_by = "møteleder"
    with transaction.atomic():
        vote = Vote.objects.create(agenda_item=item, proposal=proposal, for_count=for_count,
                                   against_count=against_count, blank_count=blank_count, secret=secret,
                                   is_election=is_election, adopted=adopted, decided_by=decided_by)
        Ballot.objects.bulk_create([Ballot(vote=vote, membership_id=mid, choice=choice)
                                    for mid, choice in ballots.items()])
        audit(meeting, actor=actor, action="avstemning", action_label=f"Avstemning i {item.label}",
              changes={"forslag": proposal.position, "resultat": vote.result_label})
    return vote


def _vote_summary(item: AgendaItem) -> tuple[str, bool]:
    votes = list(item.votes.select_related("proposal"))
    if not votes:
        return "", False
    parts = []
    for vote in votes:
        data = selectors._vote_dict(vote, public=False, hide_details=False)
        text = f"Forslag {vote.proposal.position} ({vote.proposal.by}): {vote.result_label}"
        if data["by_party"] and vote.against_count:
            text += " – " + ", ".join(
                f"{p['party']} {p['for_count']} for/{p['against_count']} mot" for p in data["by_party"])
        parts.append(text)
    unanimous = all(v.against_count == 0 for v in votes)
    return "; ".join(parts)[:500], unanimous


def _check_outcome_open(item: AgendaItem) -> Case:
    _ensure_live(item.meeting)
    if AgendaItemOutcome.objects.filter(agenda_item=item).exists():
        raise GuardFailed(f"{item.label} har allerede et utfall.", field="item")
    if item.consultation is None:
        raise GuardFailed(f"{item.label} er ikke en politisk sak.", field="item")
    return item.consultation.case


def item_decide(*, actor, item: AgendaItem, text: str, next_step: str = "final",
                forward_to: Organization | None = None) -> Decision:
    """The body decided. The case moves `decide` then `finalize` (final decision here) or `forward` and
    `receive_at_next_body` (this decision is the innstilling to the next body, where the case is `klar`)."""
    _require_fagleder(actor)
    case = _check_outcome_open(item)
    q = selectors.quorum(item.meeting, item)
    if not q.ok:
        raise GuardFailed(f"Organet er ikke vedtaksført: {q.label} (koml. § 11-9). Vedtaket kan ikke "
                          "registreres.", field="quorum")
    if not (text or "").strip():
        raise GuardFailed("Vedtaksteksten mangler.", field="text")
    if next_step not in ("final", "forward"):
        raise GuardFailed("Velg om vedtaket er endelig eller går videre til neste organ.", field="next_step")
    with transaction.atomic():
        run_transition(case, "decide", actor=actor, comment=f"{item.label} i {item.meeting}", decision_text=text,
                       agenda_item=item)
        decision = Decision.objects.get(agenda_item=item)
        decision.vote_summary, decision.unanimous = _vote_summary(item)
        decision.save(update_fields=["vote_summary", "unanimous"])
        case.refresh_from_db()
        if next_step == "forward":
            run_transition(case, "forward", actor=actor, organization=forward_to,
                           comment=f"Vedtaket i {item.meeting.organization} er innstilling til neste organ.")
            case.refresh_from_db()
            run_transition(case, "receive_at_next_body", actor=actor)
        else:
            run_transition(case, "finalize", actor=actor)
        AgendaItemOutcome.objects.create(agenda_item=item, outcome=ItemOutcome.DECIDED,
                                         forwarded_to=case.current_consultation.organization
                                         if next_step == "forward" else None)
    return decision


OUTCOME_TRANSITIONS = {
    ItemOutcome.POSTPONED: "postpone",
    ItemOutcome.SENT_BACK: "send_back",
    ItemOutcome.WITHDRAWN: "withdraw",
}


def item_set_outcome(*, actor, item: AgendaItem, outcome: str, comment: str = "") -> AgendaItemOutcome:
    """Postponed (utsatt), sent back (sendt tilbake) or withdrawn (trukket): drives the case workflow.
    Referatsaker and orienteringer are simply noted (tatt til orientering)."""
    _require_fagleder(actor)
    if outcome == ItemOutcome.NOTED:
        _ensure_live(item.meeting)
        if item.consultation is not None:
            raise GuardFailed("En politisk sak må få et vedtak, eller bli utsatt, sendt tilbake eller trukket.",
                              field="outcome")
        if AgendaItemOutcome.objects.filter(agenda_item=item).exists():
            raise GuardFailed(f"{item.label} har allerede et utfall.", field="item")
        return AgendaItemOutcome.objects.create(agenda_item=item, outcome=outcome, comment=comment)
    if outcome not in OUTCOME_TRANSITIONS:
        raise GuardFailed("Ukjent utfall.", field="outcome")
    case = _check_outcome_open(item)
    comment = (comment or "").strip() or f"{ItemOutcome(outcome).label} i {item.meeting} ({item.label})."
    with transaction.atomic():
        run_transition(case, OUTCOME_TRANSITIONS[outcome], actor=actor, comment=comment)
        result = AgendaItemOutcome.objects.create(agenda_item=item, outcome=outcome, comment=comment)
        if outcome == ItemOutcome.POSTPONED:
            case.refresh_from_db()
            run_transition(case, "ready_again", actor=actor, comment="Klar til et nytt møte.")
    return result


def decision_record_for_case(*, case: Case, text: str, agenda_item: AgendaItem | None = None,
                             vote_summary: str = "", unanimous: bool = False) -> Decision:
    """Called from the case workflow's `decide` transition, inside its transaction."""
    consultation = case.current_consultation
    if agenda_item is None:
        agenda_item = consultation.agenda_items.order_by("-meeting__start").first()
    if agenda_item is not None:
        _ensure_editable(agenda_item.meeting)
    decided_at = agenda_item.meeting.start if agenda_item else timezone.now()
    return Decision.objects.create(consultation=consultation, agenda_item=agenda_item, text=text.strip(),
                                   vote_summary=vote_summary, unanimous=unanimous, decided_at=decided_at)


def decision_update(*, actor, decision: Decision, text: str) -> Decision:
    """Correct the decision text while the minutes are a draft; refused once they are approved."""
    _require_fagleder(actor)
    if decision.agenda_item is not None:
        _ensure_editable(decision.agenda_item.meeting)
    if not (text or "").strip():
        raise GuardFailed("Vedtaksteksten mangler.", field="text")
    with transaction.atomic():
        old = decision.text
        decision.text = text.strip()
        decision.save(update_fields=["text"])
        if decision.agenda_item:
            audit(decision.agenda_item.meeting, actor=actor, action="vedtak_endret",
                  action_label=f"Vedtakstekst endret i {decision.agenda_item.label}",
                  changes={"fra": old[:200], "til": decision.text[:200]})
    return decision


def remark_add(*, actor, meeting: Meeting, by: str, text: str, item: AgendaItem | None = None) -> ProtocolRemark:
    """Protokolltilførsel."""
    _require_fagleder(actor)
    _ensure_live(meeting)
    if not (by or "").strip() or not (text or "").strip():
        raise GuardFailed("Skriv hvem tilførselen er fra og hva den sier.", field="text")
    with transaction.atomic():
        remark = ProtocolRemark.objects.create(meeting=meeting, agenda_item=item, by=by.strip()[:200],
                                               text=text.strip())
        audit(meeting, actor=actor, action="protokolltilforsel", action_label="Protokolltilførsel",
              changes={"fra": remark.by, "sak": item.label if item else ""})
    return remark


# --- the minutes ---------------------------------------------------------------------------------------------


def meeting_hold(*, actor, meeting: Meeting, comment: str = ""):
    return run_transition(meeting, "hold", actor=actor, comment=comment)


def minutes_draft(*, actor, meeting: Meeting):
    return run_transition(meeting, "draft_minutes", actor=actor)


def minutes_update(*, actor, meeting: Meeting, approval_label: str | None = None,
                   signers: list[Person] | None = None) -> Minutes:
    """Who approves or signs the minutes. Refused once they are approved."""
    _require_fagleder(actor)
    _ensure_editable(meeting)
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
        audit(meeting, actor=actor, action="protokoll_endret", action_label="Protokollutkast endret",
              changes={"godkjennes av": minutes.approval_label, "signerer": [p.name for p in minutes.signers.all()]})
    return minutes


def minutes_approve(*, actor, meeting: Meeting, approval_label: str = "", signers: list[Person] | None = None):
    with transaction.atomic():
        if approval_label or signers is not None:
            minutes_update(actor=actor, meeting=meeting, approval_label=approval_label or None, signers=signers)
        return run_transition(meeting, "approve_minutes", actor=actor, comment=approval_label)


def minutes_freeze(*, meeting: Meeting, actor) -> Minutes:
    """Inside `approve_minutes`: stamp the approval and keep a frozen copy of the minutes' content."""
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

