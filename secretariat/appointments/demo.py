"""Demo data for appointments: meddommere 2029–2032 from the call to kommunestyret's election (through the real
case and meeting workflow), a forliksråd round with an open public call, and one fritak case that kommunestyret
has granted, waiting for the secretariat to carry it out («Oppdater medlemskapene» on its page; the demo leaves
the memberships as they are so the core demo's list invariants hold).

Idempotent: each part is looked up by its title / arkivsaksnummer first and only created when missing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from secretariat.cases.models import Case
from secretariat.cases.services import case_transition
from secretariat.meetings.models import Meeting
from secretariat.meetings.services import agenda_item_add, attendance_fill_from_notice, meeting_create
from secretariat.organizations.models import Membership, MembershipRole
from workflows.appointment import RoundState
from workflows.engine import run_transition
from workflows.errors import WorkflowError
from workflows.meeting import MeetingState

from . import services
from .changes import membership_change_create
from .models import AppointmentRound, ChangeStatus, CriminalRecord, MembershipChange, PoolKind, RoundKind

MEDDOMMER_TITLE = "Meddommere 2029–2032"
FORLIKSRAD_TITLE = "Forliksrådet 2029–2032"
MEDDOMMER_CASE = "26/1801"
FRITAK_CASE = "26/1802"
PERIOD = (dt.date(2029, 1, 1), dt.date(2032, 12, 31))

# given, family, gender, birth date, occupation text, excluded occupation (dl. § 71)
MEDDOMMERE = [
    ("Astrid", "Hovland", "K", dt.date(1968, 4, 12), "Sykepleier", ""),
    ("Sigrid", "Nygaard", "K", dt.date(1991, 9, 3), "Lærer", ""),
    ("Hanne", "Lie", "K", dt.date(1979, 1, 22), "Regnskapsfører", ""),
    ("Marte", "Aasen", "K", dt.date(1985, 6, 30), "Bonde", ""),
    ("Berit", "Fjeld", "K", dt.date(1962, 11, 8), "Butikksjef", ""),
    ("Lars", "Eide", "M", dt.date(1974, 2, 14), "Elektriker", ""),
    ("Jon", "Haugland", "M", dt.date(1988, 8, 19), "Ingeniør", ""),
    ("Erik", "Strand", "M", dt.date(1960, 5, 5), "Fisker", ""),
    ("Tor", "Bakken", "M", dt.date(1995, 3, 27), "Snekker", ""),
    ("Geir", "Solheim", "M", dt.date(1970, 12, 1), "Bussjåfør", ""),
    # Rejected: 20 years old on 1 January 2029 (dl. § 70: 21 or over at the start of the period).
    ("Emil", "Rønning", "M", dt.date(2008, 6, 15), "Student", ""),
    # Rejected: police officer (dl. § 71).
    ("Kristin", "Vik", "K", dt.date(1983, 10, 10), "Politibetjent, Fjordvik lensmannskontor", "politi"),
]
POOL_SIZES = {(PoolKind.TINGRETT, "K"): 3, (PoolKind.TINGRETT, "M"): 3,
              (PoolKind.LAGMANNSRETT, "K"): 2, (PoolKind.LAGMANNSRETT, "M"): 2}

FORLIKSRAD = [
    ("Randi", "Moe", "K", dt.date(1966, 7, 1), "Pensjonert rektor", ""),
    ("Ole", "Brekke", "M", dt.date(1958, 2, 2), "Selvstendig næringsdrivende", ""),
    ("Ida", "Sætre", "K", dt.date(2004, 3, 3), "Student", ""),  # 24 on 1 January 2029: under 25 (dl. § 56)
]


def _data(given, family, gender, birth, job, occupation, **extra) -> dict:
    return {"given_name": given, "family_name": family, "gender": gender, "birth_date": birth,
            "occupation_text": job, "occupation": occupation, "address": "Fjordvegen 12", "postal_code": "5999",
            "postal_place": "Fjordvik", "resident_in_kommune": True, "adequate_norwegian": True,
            "voting_rights": True, "bankrupt": False, "criminal_record": CriminalRecord.CLEAN,
            "earlier_periods": 0, **extra}


def seed(ctx) -> None:
    from .beat import ensure_periodic_tasks

    ensure_periodic_tasks()
    _seed_meddommere(ctx)
    _seed_forliksrad(ctx)
    _seed_fritak(ctx)


def _meeting(ctx, slug: str, days_ago: int, hour: int) -> Meeting:
    org = ctx.organizations[slug]
    start = timezone.make_aware(dt.datetime.combine(ctx.today - dt.timedelta(days=days_ago), dt.time(hour, 0)))
    existing = Meeting.objects.filter(organization=org, start=start).first()
    if existing:
        return existing
    return meeting_create(actor=ctx.users["fagleder"], organization=org, start=start,
                          end=start + dt.timedelta(hours=3), location="Kommunestyresalen")


def _hold(ctx, meeting: Meeting, cases: list[Case], *, final: bool) -> None:
    """Put the cases on the (past) meeting's agenda, send the notice, record the decisions and mark the
    meeting held, as the secretariat would (the core demo does the same for its past meetings)."""
    fagleder = ctx.users["fagleder"]
    for case in cases:
        case.refresh_from_db()
        agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    meeting.refresh_from_db()
    if meeting.state == MeetingState.PLANLAGT:
        run_transition(meeting, "send_notice", actor=fagleder, comment="Demodata",
                       override_reason="Demodata lagt inn i ettertid")
    if not meeting.attendances.exists():
        # Those called came: the body is quorate when it decides (koml. § 11-9).
        attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    for case in cases:
        case.refresh_from_db()
        case_transition(case=case, name="decide", actor=fagleder,
                        decision_text=case.current_consultation.recommendation or case.paper.recommendation,
                        agenda_item=case.current_consultation.agenda_items.get(meeting=meeting))
        case.refresh_from_db()
        if final:
            case_transition(case=case, name="finalize", actor=fagleder)
        else:
            case_transition(case=case, name="forward", actor=fagleder, organization=None,
                            comment="Formannskapets innstilling går til kommunestyret.")
            case.refresh_from_db()
            case_transition(case=case, name="receive_at_next_body", actor=fagleder)
    meeting.refresh_from_db()
    if meeting.state == MeetingState.INNKALT:
        run_transition(meeting, "hold", actor=fagleder)


def _seed_meddommere(ctx) -> None:
    if AppointmentRound.objects.filter(title=MEDDOMMER_TITLE).exists():
        return
    fagleder, kd = ctx.users["fagleder"], ctx.users["kommunedirektor"]
    round_ = services.round_create(
        actor=fagleder, kind=RoundKind.MEDDOMMERE, title=MEDDOMMER_TITLE, period_start=PERIOD[0],
        period_end=PERIOD[1], call_deadline=ctx.today - dt.timedelta(days=60),
        call_text="Fjordvik kommune skal velge meddommere til tingretten og lagmannsretten for 2029–2032. "
                  "Alle kan foreslå kandidater, også seg selv.")
    pools = {(p.kind, p.gender): p for p in round_.pools.all()}
    services.round_set_pool_sizes(actor=fagleder, round=round_,
                                  sizes={pools[key].pk: size for key, size in POOL_SIZES.items()})
    pools = {(p.kind, p.gender): p for p in round_.pools.all()}  # with the sizes just set
    candidates = [services.candidate_register(actor=fagleder, round=round_, data=_data(*row)) for row in MEDDOMMERE]
    services.round_transition(round=round_, name="close_call", actor=fagleder, comment="Fristen er ute.")
    for candidate in candidates:
        if not candidate.eligible:
            continue
        for kind in (PoolKind.TINGRETT, PoolKind.LAGMANNSRETT):
            pool = pools[(kind, candidate.gender)]
            if pool.candidates.count() < pool.size:
                services.candidate_assign_pool(actor=fagleder, candidate=candidate, pool=pool)
                break
    services.round_transition(round=round_, name="check_candidates", actor=fagleder)
    round_.refresh_from_db()
    services.round_case_create(actor=fagleder, round=round_, arkivsaksnummer=MEDDOMMER_CASE)
    case = round_.case
    case_transition(case=case, name="submit", actor=fagleder, comment="Innstilling til valg av meddommere.")
    case_transition(case=case, name="approve", actor=kd, comment="Forsvarlig utredet (koml. § 13-1).")
    try:
        with transaction.atomic():
            fsk = _meeting(ctx, "formannskapet", 45, 10)
            _hold(ctx, fsk, [case], final=False)
            round_.refresh_from_db()
            services.round_transition(round=round_, name="propose", actor=fagleder,
                                      comment=f"Formannskapet innstilte {fsk.start:%d.%m.%Y}.")
            services.round_transition(round=round_, name="start_display", actor=fagleder,
                                      display_start=fsk.start.date() + dt.timedelta(days=1),
                                      comment="Kunngjort på kommunens nettside og lagt ut på servicetorget.")
            ks = _meeting(ctx, "kommunestyret", 25, 18)
            fritak = _fritak_ready(ctx)
            _hold(ctx, ks, [case] + ([fritak.case] if fritak else []), final=True)
            round_.refresh_from_db()
            services.round_transition(round=round_, name="elect", actor=fagleder,
                                      comment=f"Kommunestyret valgte {ks.start:%d.%m.%Y}.")
    except WorkflowError:
        # The meeting workflow refused the back-dated demo meetings: leave the round at public display instead.
        round_.refresh_from_db()
        if round_.state == RoundState.KONTROLLERT:
            services.round_transition(round=round_, name="propose", actor=fagleder)
            services.round_transition(round=round_, name="start_display", actor=fagleder,
                                      display_start=ctx.today - dt.timedelta(days=5))


def _seed_forliksrad(ctx) -> None:
    if AppointmentRound.objects.filter(title=FORLIKSRAD_TITLE).exists():
        return
    fagleder = ctx.users["fagleder"]
    round_ = services.round_create(
        actor=fagleder, kind=RoundKind.FORLIKSRAD, title=FORLIKSRAD_TITLE, period_start=PERIOD[0],
        period_end=PERIOD[1], call_deadline=ctx.today + dt.timedelta(days=40),
        call_text="Kommunestyret skal velge tre medlemmer og tre varamedlemmer til forliksrådet. Foreslå gjerne "
                  "deg selv eller en annen innen fristen.")
    for row in FORLIKSRAD:
        services.candidate_register(actor=fagleder, round=round_, data=_data(*row))
    services.candidate_submit_public(round=round_, data={
        "given_name": "Nils", "family_name": "Vestre", "gender": "M", "birth_date": dt.date(1972, 8, 8),
        "address": "Kaivegen 4", "postal_code": "5999", "postal_place": "Fjordvik", "email": "nils@example.no",
        "occupation_text": "Daglig leder", "resident_in_kommune": True, "adequate_norwegian": True,
        "motivation": "Lang erfaring med å løse tvister i borettslaget."})


def _fritak_membership(ctx) -> Membership | None:
    ks = ctx.organizations["kommunestyret"]
    return (Membership.objects.active_on(ctx.today).regular().filter(organization=ks, role=MembershipRole.MEMBER,
                                                                       electoral_list=ctx.parties.get("KrF"))
            .order_by("pk").first())


def _seed_fritak(ctx) -> None:
    if Case.objects.filter(arkivsaksnummer=FRITAK_CASE).exists():
        return
    membership = _fritak_membership(ctx)
    if membership is None:
        return
    membership_change_create(
        actor=ctx.users["fagleder"], arkivsaksnummer=FRITAK_CASE, membership=membership,
        reason=f"{membership.person.name} flytter fra kommunen og søker fritak for resten av valgperioden.")


def _fritak_ready(ctx) -> MembershipChange | None:
    """The fritak case, approved and ready for the kommunestyre meeting."""
    _seed_fritak(ctx)
    change = MembershipChange.objects.filter(case__arkivsaksnummer=FRITAK_CASE).first()
    if change is None or change.status != ChangeStatus.PENDING or change.case.state != "utredning":
        return None
    case_transition(case=change.case, name="submit", actor=ctx.users["fagleder"])
    case_transition(case=change.case, name="approve", actor=ctx.users["kommunedirektor"])
    return change
