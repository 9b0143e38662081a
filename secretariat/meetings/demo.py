"""Demo data for meetings: upcoming meetings for every body, and a complete record of the past formannskap
meeting (attendance with one absence and the right substitute, recusals with a setteleder where the leader is
inhabil, complete votes (koml. § 8-1) with one split, approved minutes). Idempotent: looks up before it
creates, and leaves an approved meeting alone."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from secretariat import access
from secretariat.organizations.models import MembershipRole
from workflows.meeting import MEETING_WORKFLOW, MeetingState

from . import selectors, services
from .models import AgendaItemOutcome, ItemOutcome, Meeting, MeetingLive

# Upcoming meetings: (slug, first meeting in days from today, interval in days, hour)
PLAN = [
    ("kommunestyret", 30, 35, 17),
    ("formannskapet", 16, 21, 13),
    ("oppvekst-og-kultur", 12, 28, 17),
    ("plan-teknikk-miljo", 13, 28, 17),
    ("kontrollutvalget", 20, 42, 10),
    ("valgstyret", 45, 60, 14),
    ("eldreradet", 9, 35, 11),
    ("rad-funksjonsnedsettelse", 10, 35, 11),
    ("ungdomsradet", 11, 35, 16),
]
UPCOMING_PER_BODY = 3
VIDEO_URL = "https://video.fjordvik.kommune.no/formannskapet/opptak"


# Cases ready for formannskapet, so a visitor can plan and run a whole meeting in the browser.
READY_CASES = [
    ("26/1101", "Gebyrregulativ for plan- og byggesaker 2027", "Plan og utvikling",
     "Gebyrene for byggesaker skal dekke det saksbehandlingen koster. Forslaget er å øke gebyrene med 3 prosent."),
    ("26/1102", "Kjøp av ny mannskapsbil til Fjordvik brannstasjon", "Kommunalteknikk",
     "Brannvesenet trenger en ny bil. Forslaget er å kjøpe en bil for 6,5 millioner kroner i 2027."),
    ("26/1103", "Oppstart av arbeidet med ny sentrumsplan", "Plan og utvikling",
     "Kommunen vil lage en ny plan for sentrum. Forslaget er å starte arbeidet og invitere innbyggerne til møter."),
]


def seed(ctx) -> None:
    _seed_upcoming(ctx)
    _seed_ready_cases(ctx)
    past = ctx.meetings.get("past", {}).get("formannskapet")
    if past is not None:
        _seed_past_formannskap(ctx, Meeting.objects.get(pk=past.pk))


def _seed_ready_cases(ctx) -> None:
    from secretariat.cases.models import Case
    from secretariat.cases.services import case_create, case_transition

    fsk = ctx.organizations.get("formannskapet")
    if fsk is None:
        return
    for n, (arkiv, title, unit, summary) in enumerate(READY_CASES):
        if Case.objects.filter(arkivsaksnummer=arkiv).exists():
            continue
        officer = ctx.users["saksbehandler" if n % 2 == 0 else "saksbehandler2"]
        case = case_create(
            actor=officer, organization=fsk, arkivsaksnummer=arkiv, title=title, case_officer=officer,
            responsible_unit=ctx.units.get(unit), summary=summary,
            background="Saken er forberedt av administrasjonen.", assessment="Kommunedirektøren anbefaler forslaget.",
            economic_consequences="Dekkes innenfor budsjettet.",
            recommendation=f"Formannskapet vedtar: {summary.split('. ')[-1].rstrip('.')}.",
        )
        case_transition(case=case, name="submit", actor=officer, comment="Klar for godkjenning.")
        case.refresh_from_db()
        case_transition(case=case, name="approve", actor=ctx.users["kommunedirektor"],
                        comment="Forsvarlig utredet (koml. § 13-1).")
        ctx.created_cases.append(case)


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:  # meetings on weekdays
        day += dt.timedelta(days=1)
    return day


def _seed_upcoming(ctx) -> None:
    fagleder = ctx.users["fagleder"]
    for slug, first, interval, hour in PLAN:
        org = ctx.organizations.get(slug)
        if org is None:
            continue
        for n in range(UPCOMING_PER_BODY):
            day = _weekday(ctx.today + dt.timedelta(days=first + n * interval))
            start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
            if Meeting.objects.filter(organization=org, start__date=day).exists():
                continue
            if Meeting.objects.filter(organization=org, start__gte=start - dt.timedelta(days=5),
                                      start__lte=start + dt.timedelta(days=5)).exists():
                continue  # the core already put one close to this date
            services.meeting_create(actor=fagleder, organization=org, start=start,
                                    end=start + dt.timedelta(hours=3),
                                    location="Kommunestyresalen" if slug == "kommunestyret" else "Møterom Fjorden")


def _seed_past_formannskap(ctx, meeting: Meeting) -> None:
    if meeting.state not in MEETING_WORKFLOW.states_with("live") - {MeetingState.PROTOKOLL_UTKAST}:
        return
    fagleder = ctx.users["fagleder"]
    if not meeting.video_url:
        services.meeting_update(actor=fagleder, meeting=meeting, data={"video_url": VIDEO_URL})
    members = selectors.members_of(meeting)
    items = list(meeting.agenda_items.select_related("consultation__case").order_by("position"))

    # One absence (a Høyre member) with the next substitute on the Høyre list.
    if not meeting.absences.exists():
        absent = next((m for m in members if m.electoral_list and m.electoral_list.abbreviation == "H"
                       and m.role == MembershipRole.MEMBER), None)
        if absent is not None:
            # The core demo registered everyone called as present: that attendance is corrected first, the
            # way the secretariat would (one consistent record: nobody is both present and absent).
            wrong = meeting.attendances.filter(membership=absent).first()
            if wrong is not None:
                services.attendance_remove(actor=fagleder, attendance=wrong, reason="Meldte forfall (demodata)")
            absence = services.absence_register(actor=fagleder, meeting=meeting, membership=absent,
                                                reason="Sykdom")
            first = services.absence_confirm_substitute(actor=fagleder, absence=absence).substitute
            # A substitute chain of two (koml. § 7-10): the first called-in substitute reports absence too, and
            # the next on the same list is called in her place.
            if first is not None and not meeting.attendances.filter(membership=first).exists():
                services.absence_register(actor=fagleder, meeting=meeting, membership=first, reason="Jobbreise")
                absence.refresh_from_db()
                if absence.proposed_substitute is not None:
                    services.absence_confirm_substitute(actor=fagleder, absence=absence)
    services.attendance_fill_from_notice(actor=fagleder, meeting=meeting)  # registers only those not yet there
    MeetingLive.objects.get_or_create(meeting=meeting, defaults={"video_started_at": meeting.start})
    for n, item in enumerate(items):
        # A closed item (koml. § 11-5) has no moment in the public video.
        if item.video_offset_seconds is None and access.video_moment_is_public(item):
            services.agenda_item_mark_video(actor=fagleder, item=item, seconds=120 + n * 1500)

    decided = [i for i in items if selectors.has_related(i, "decision")]
    # One recusal, with a substitute from the member's list for that item only.
    if decided and not decided[0].recusals.exists():
        item = decided[0]
        present = {a.membership_id for a in selectors.present_for_item(item)}
        member = next((m for m in members if m.pk in present and m.electoral_list
                       and m.electoral_list.abbreviation == "Sp"), None)
        if member is not None:
            substitute = selectors.next_substitute(meeting, member)
            services.recusal_register(actor=fagleder, item=item, membership=member,
                                      grounds="Styreleder i en forening saken gjelder (fvl. § 6 første ledd e)",
                                      substitute=substitute)
        # The leader (the ordfører) is inhabil too. Formannskapet has no nestleder, so the body elects a
        # setteleder for the item (koml. § 11-2), whose vote would decide a tie (koml. § 11-9).
        leader, deputy = selectors.leader_and_deputy(meeting)
        if leader is not None and leader.pk in present:
            services.recusal_register(actor=fagleder, item=item, membership=leader,
                                      grounds="Søkeren er ordførerens svoger (fvl. § 6 første ledd b)",
                                      substitute=selectors.next_substitute(meeting, leader))
            able = selectors.able_to_lead(meeting, item)
            acting = deputy if deputy is not None and deputy.pk in able else next(
                (m for m in members if m.pk in able and m.role == MembershipRole.MEMBER), None)
            if acting is not None:
                services.chair_record(actor=fagleder, meeting=meeting, item=item, membership=acting)
    # One split vote: Høyre splits on the innstilling in the last decided item.
    if decided and not decided[-1].votes.exists():
        item = decided[-1]
        proposal = services.proposal_recommendation(actor=fagleder, item=item)
        services.proposal_add(actor=fagleder, item=item, by="FrP", text="Saken sendes tilbake for ny vurdering.")
        present = selectors.present_for_item(item)
        ballots, split_done = {}, False
        for attendance in present:
            party = selectors.party_label(attendance.membership)
            choice = "for"
            if party == "FrP":
                choice = "mot"
            elif party == "H" and not split_done:
                choice, split_done = "mot", True
            ballots[attendance.membership_id] = choice
        services.vote_record(actor=fagleder, item=item, proposal=proposal, ballots=ballots)  # updates the vedtak
    for item in decided[:-1]:
        if item.votes.exists():
            continue
        proposal = services.proposal_recommendation(actor=fagleder, item=item)
        services.vote_record(actor=fagleder, item=item, proposal=proposal, unanimous=True)
    # The core moved these cases with the case workflow; record the outcome on the items too.
    by_state = {"utsatt": ItemOutcome.POSTPONED, "klar": ItemOutcome.POSTPONED,
                "sendt_tilbake": ItemOutcome.SENT_BACK, "utredning": ItemOutcome.SENT_BACK,
                "trukket": ItemOutcome.WITHDRAWN}
    for item in items:
        if selectors.has_related(item, "outcome") or item.consultation is None:
            continue
        if selectors.has_related(item, "decision"):
            AgendaItemOutcome.objects.create(agenda_item=item, outcome=ItemOutcome.DECIDED)
        elif item.consultation.case.state in by_state:
            AgendaItemOutcome.objects.create(agenda_item=item, outcome=by_state[item.consultation.case.state])
    if not meeting.remarks.exists():
        services.remark_add(actor=fagleder, meeting=meeting, item=decided[-1] if decided else None, by="SV",
                            text="SV ber om at det protokolleres at partiet vil ha saken tilbake i vår.")

    meeting.refresh_from_db()
    if meeting.state == MeetingState.INNKALT:
        services.meeting_hold(actor=fagleder, meeting=meeting)
        meeting.refresh_from_db()
    if meeting.state == MeetingState.GJENNOMFORT:
        services.minutes_draft(actor=fagleder, meeting=meeting)
        meeting.refresh_from_db()
    signers = [m.person for m in members if m.role != MembershipRole.LEADER][:2]
    services.minutes_approve(actor=fagleder, meeting=meeting, signers=signers,
                             approval_label="Signert av de to medlemmene formannskapet valgte")
