"""Writes for who takes part: absence and substitutes (koml. § 7-10), attendance with arrivals and departures,
and habilitet (koml. § 11-10). Each validates first and audits in the same transaction."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from secretariat import access
from secretariat.organizations.models import Membership, MembershipRole
from secretariat.outbox import enqueue
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed, TransitionForbidden

from .. import selectors
from ..models import Absence, AgendaItem, Attendance, Meeting, Recusal
from .guards import BEFORE_MEETING, LIVE_STATES, ensure_editable, ensure_live, require_fagleder


def membership_in(meeting: Meeting, membership: Membership) -> Membership:
    if not selectors.memberships_for(meeting).filter(pk=membership.pk).exists():
        raise GuardFailed(f"{membership.person} er ikke medlem av {meeting.organization} på møtedagen.",
                          field="membership")
    return membership


def absence_require_reporter(actor, meeting: Meeting) -> None:
    """Who may report absence (forfall) for this meeting at all: the secretariat, or a folkevalgt who is a
    member or substitute of the body (for themself). Asked before the request's input is read."""
    if access.is_secretariat(actor):
        return
    person_id = getattr(getattr(actor, "person", None), "pk", None)
    if access.is_folkevalgt(actor) and person_id and \
            selectors.memberships_for(meeting).filter(person_id=person_id).exists():
        return
    raise TransitionForbidden("Forfall meldes av medlemmet selv eller av politisk sekretariat.")


def absence_register(*, actor, meeting: Meeting, membership: Membership, items: list[AgendaItem] | None = None,
                     reason: str = "") -> Absence:
    """Forfall, by the member themself (logged in as folkevalgt) or by the secretariat. The next substitute
    on the member's electoral list is proposed; the secretariat confirms the call-in."""
    absence_require_reporter(actor, meeting)
    own = getattr(getattr(actor, "person", None), "pk", None) == membership.person_id
    secretariat = access.is_secretariat(actor)
    if not (secretariat or own):
        raise TransitionForbidden("Du kan bare melde forfall for deg selv.")
    ensure_editable(meeting)
    # Members report absence before the meeting; the secretariat may also record it on the day.
    allowed = BEFORE_MEETING | (LIVE_STATES if secretariat else set())
    if meeting.state not in allowed:
        raise GuardFailed("Forfall meldes før møtet. Under møtet føres oppmøtet i møtemodus.", field="meeting")
    # «Before the meeting» is its start time too: a meeting not yet marked held may already have taken place.
    if not secretariat and timezone.now() >= meeting.start:
        raise GuardFailed("Møtet har startet, og forfall meldes før møtet. Har du ikke møtt, fører politisk "
                          "sekretariat det i oppmøtet.", field="meeting")
    membership_in(meeting, membership)
    items = list(items or [])
    if any(i.meeting_id != meeting.pk for i in items):
        raise GuardFailed("Sakene må høre til dette møtet.", field="items")
    if meeting.absences.filter(membership=membership).exists():
        raise GuardFailed(f"Forfall for {membership.person} er allerede registrert.", field="membership")
    if meeting.attendances.filter(membership=membership).exists():
        raise GuardFailed(f"{membership.person} er registrert som møtt. Rett eller fjern oppmøtet i møtemodus "
                          "først.", field="membership")
    with transaction.atomic():
        absence = Absence.objects.create(meeting=meeting, membership=membership, reason=(reason or "").strip()[:300],
                                         registered_by=actor if getattr(actor, "pk", None) else None)
        if items:
            absence.items.set(items)
        if membership.role != MembershipRole.SUBSTITUTE:
            absence.proposed_substitute = selectors.next_substitute(meeting, membership, items)
            absence.save(update_fields=["proposed_substitute"])
        audit(meeting, actor=actor, action=AuditAction.ABSENCE, action_label="Forfall registrert",
              changes={"medlem": membership.person.name, "saker": [i.label for i in items] or "hele møtet",
                       "foreslått vara": absence.proposed_substitute.person.name
                       if absence.proposed_substitute else ""})
        if membership.role == MembershipRole.SUBSTITUTE:
            release_substitute_calls(actor=actor, meeting=meeting, substitute=membership, items=items)
    return absence


def release_substitute_calls(*, actor, meeting: Meeting, substitute: Membership, items: list[AgendaItem]) -> None:
    """A substitute who has reported absence is not called (koml. § 7-10): every call or proposal of her that
    her absence touches is withdrawn (audited) and the next free substitute on the SAME list as the absent
    member is proposed; the secretariat confirms that call as usual. A call for the whole meeting is withdrawn
    even when she is away for only some items: the next substitute takes the whole call."""
    wanted = {i.pk for i in items}
    calls = meeting.absences.select_for_update().filter(
        Q(substitute=substitute) | Q(substitute__isnull=True, proposed_substitute=substitute)).order_by("pk")
    for call in calls:
        call_items = {i.pk for i in call.items.all()}
        if wanted and call_items and not (wanted & call_items):
            continue  # she is away for other items than those she was called for
        was_called = call.substitute_id == substitute.pk
        call.substitute = None
        call.substitute_confirmed_at = None
        call.substitute_notified_at = None
        call.proposed_substitute = None
        call.save(update_fields=["substitute", "substitute_confirmed_at", "substitute_notified_at",
                                 "proposed_substitute"])
        call.proposed_substitute = selectors.next_substitute(meeting, call.membership, list(call.items.all()))
        call.save(update_fields=["proposed_substitute"])
        audit(meeting, actor=actor, action=AuditAction.SUBSTITUTE_CALL_CANCELLED,
              action_label="Innkalling av vara trukket tilbake" if was_called else "Forslag om vara endret",
              changes={"vara med forfall": substitute.person.name, "for": call.membership.person.name,
                       "neste foreslått vara": call.proposed_substitute.person.name
                       if call.proposed_substitute else "ingen ledige på lista (koml. § 7-10)"})


def absence_confirm_substitute(*, actor, absence: Absence, substitute: Membership | None = None) -> Absence:
    """The secretariat calls in the substitute (default: the proposed one) and the substitute is e-mailed."""
    require_fagleder(actor)
    absence.refresh_from_db()  # the chain may have moved since the page was drawn (a substitute's own forfall)
    meeting = absence.meeting
    ensure_editable(meeting)
    if absence.substitute_confirmed_at:
        raise GuardFailed(f"{absence.substitute.person} er allerede innkalt for {absence.membership.person}.")
    substitute = substitute or absence.proposed_substitute
    if substitute is None:
        raise GuardFailed(
            f"Det er ingen ledige varamedlemmer igjen på lista til {absence.membership.person}.", field="substitute"
        )
    check_on_list(meeting, absence.membership, substitute)
    free = selectors.substitute_candidates(meeting, absence.membership, for_absence=absence)
    if substitute.pk not in {m.pk for m in free}:
        raise GuardFailed(f"{substitute.person} har selv forfall, er allerede innkalt eller møter allerede. Kall "
                          "inn neste ledige på lista (koml. § 7-10).", field="substitute")
    with transaction.atomic():
        absence.substitute = substitute
        absence.substitute_confirmed_at = timezone.now()
        absence.save(update_fields=["substitute", "substitute_confirmed_at"])
        audit(meeting, actor=actor, action=AuditAction.SUBSTITUTE_CALLED, action_label="Vara innkalt",
              changes={"vara": substitute.person.name, "for": absence.membership.person.name})
        from ..tasks import send_substitute_call

        if (meeting.end or meeting.start) >= timezone.now():  # no e-mail about a meeting already over
            enqueue(send_substitute_call, absence.pk, substitute.pk)
    return absence


def check_on_list(meeting: Meeting, member: Membership, substitute: Membership) -> None:
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


def check_seats(meeting: Meeting) -> None:
    seats = meeting.organization.seats
    attendances = selectors.attendances_for(meeting)
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
    require_fagleder(actor)
    ensure_live(meeting)
    membership_in(meeting, membership)
    own_absence = meeting.absences.filter(membership=membership).first()
    if own_absence and own_absence.whole_meeting:
        raise GuardFailed(f"{membership.person} har meldt forfall til hele møtet.", field="membership")
    if membership.role == MembershipRole.SUBSTITUTE:
        if substitute_for is None:
            call = meeting.absences.filter(substitute=membership, substitute_confirmed_at__isnull=False).first()
            if call is None:
                raise GuardFailed(f"{membership.person} er varamedlem: velg hvem vedkommende møter for.",
                                  field="substitute_for")
            substitute_for = call.membership
            only_items = only_items or list(call.items.all())
        check_on_list(meeting, substitute_for, membership)
    else:
        substitute_for = None
    if meeting.attendances.filter(membership=membership).exists():
        raise GuardFailed(f"{membership.person} er allerede registrert som møtt.", field="membership")
    with transaction.atomic():
        attendance = Attendance.objects.create(meeting=meeting, membership=membership, substitute_for=substitute_for,
                                               arrived_before=arrived_before)
        if only_items:
            attendance.only_items.set(only_items)
        check_seats(meeting)
        audit(meeting, actor=actor, action=AuditAction.ATTENDANCE, action_label="Oppmøte registrert",
              changes={"medlem": membership.person.name,
                       "møter for": substitute_for.person.name if substitute_for else "",
                       "fra sak": arrived_before.label if arrived_before else ""})
    return attendance


def attendance_fill_from_notice(*, actor, meeting: Meeting) -> int:
    """Register everyone called (members without absence, called-in substitutes) as present. Nobody who has
    reported absence for the whole meeting is registered, whatever the notice said."""
    require_fagleder(actor)
    ensure_live(meeting)
    n = 0
    with transaction.atomic():
        registered = set(meeting.attendances.values_list("membership_id", flat=True))
        absent = selectors.absent_for_whole_meeting(meeting)
        for row in selectors.expected_participants(meeting):
            if row["membership"].pk in registered or row["membership"].pk in absent:
                continue
            attendance_register(actor=actor, meeting=meeting, membership=row["membership"],
                                substitute_for=row["substitute_for"], only_items=row["items"])
            n += 1
    return n


def check_span(attendance: Attendance, *, arrived_before: AgendaItem | None, left_before: AgendaItem | None) -> None:
    """An attendance runs from the item someone arrived at to the item they left before: leaving must come after
    arriving, and both items belong to the meeting (the record of who took part, koml. § 11-4)."""
    for item in (arrived_before, left_before):
        if item is not None and item.meeting_id != attendance.meeting_id:
            raise GuardFailed("Saken hører ikke til dette møtet.", field="before_item")
    if left_before is not None and left_before.position <= (arrived_before.position if arrived_before else 0):
        raise GuardFailed(
            f"{attendance.membership.person} kan ikke gå før {left_before.label} når vedkommende kom til "
            f"{arrived_before.label if arrived_before else 'møtestart'}. Rett ankomsten først.",
            field="before_item",
        )


def attendance_depart(*, actor, attendance: Attendance, before_item: AgendaItem | None) -> Attendance:
    """The member left before `before_item` (None: came back / stays to the end)."""
    require_fagleder(actor)
    ensure_live(attendance.meeting)
    check_span(attendance, arrived_before=attendance.arrived_before, left_before=before_item)
    with transaction.atomic():
        was = attendance.left_before
        attendance.left_before = before_item
        attendance.save(update_fields=["left_before"])
        audit(attendance.meeting, actor=actor, action=AuditAction.DEPARTED, action_label="Permisjon/gikk registrert",
              changes={"medlem": attendance.membership.person.name,
                       "før sak": before_item.label if before_item else "ble til slutt",
                       "før": was.label if was else "ble til slutt"})
    return attendance


def attendance_arrive(*, actor, attendance: Attendance, before_item: AgendaItem | None) -> Attendance:
    require_fagleder(actor)
    ensure_live(attendance.meeting)
    check_span(attendance, arrived_before=before_item, left_before=attendance.left_before)
    with transaction.atomic():
        was = attendance.arrived_before
        attendance.arrived_before = before_item
        attendance.save(update_fields=["arrived_before"])
        check_seats(attendance.meeting)
        audit(attendance.meeting, actor=actor, action=AuditAction.ARRIVED, action_label="Ankomst registrert",
              changes={"medlem": attendance.membership.person.name,
                       "fra sak": before_item.label if before_item else "møtestart",
                       "før": was.label if was else "møtestart"})
    return attendance


def attendance_remove(*, actor, attendance: Attendance, reason: str = "") -> None:
    """Correct a wrongly registered attendance: the row goes, the audit row keeps what it said."""
    require_fagleder(actor)
    ensure_live(attendance.meeting)
    with transaction.atomic():
        audit(attendance.meeting, actor=actor, action=AuditAction.ATTENDANCE_REMOVED, action_label="Oppmøte fjernet",
              comment=(reason or "").strip(),
              changes={"medlem": attendance.membership.person.name,
                       "møtte for": attendance.substitute_for.person.name if attendance.substitute_for else "",
                       "fra sak": attendance.arrived_before.label if attendance.arrived_before else "møtestart",
                       "gikk før": attendance.left_before.label if attendance.left_before else ""})
        attendance.delete()


def recusal_register(*, actor, item: AgendaItem, membership: Membership, grounds: str = "", decided: bool = True,
                     substitute: Membership | None = None) -> Recusal:
    """The body decides on a member's habilitet for one item (koml. § 11-10, fvl. § 6); if inhabil, the
    member leaves and a substitute from the member's list may take part in that item."""
    require_fagleder(actor)
    meeting = item.meeting
    ensure_live(meeting)
    membership_in(meeting, membership)
    if item.recusals.filter(membership=membership).exists():
        raise GuardFailed(f"Habiliteten til {membership.person} i {item.label} er allerede vurdert.",
                          field="membership")
    if substitute is not None:
        if not decided:
            raise GuardFailed("Vara kalles bare inn når medlemmet er erklært inhabil.", field="substitute")
        check_on_list(meeting, membership, substitute)
        if substitute.pk in selectors.absent_for_whole_meeting(meeting):
            raise GuardFailed(f"{substitute.person} har meldt forfall til møtet. Velg neste ledige på lista "
                              "(koml. § 7-10).", field="substitute")
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
        check_seats(meeting)
        audit(meeting, actor=actor, action=AuditAction.RECUSAL,
              action_label=f"{membership.person} {'erklært inhabil' if decided else 'erklært habil'} i {item.label}",
              comment=recusal.grounds, changes={"vara": substitute.person.name if substitute else ""})
    return recusal
