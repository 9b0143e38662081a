"""Demo data: the forskrift om godtgjøring with rates and lønnsarter, and November 2026 meetings of formannskapet
the demo member (user «folkevalgt») attended, so her attendance shows up as draft claims with their lines (made when
each meeting is marked held, as in real use). Idempotent.

The steps of the README: log in as folkevalgt, open Godtgjøring, open the draft for a November meeting (the
møtegodtgjøring line is there), add tapt arbeidsinntekt and send it; log in as fagleder and approve it; then
`python manage.py export_godtgjoring --month 2026-11 --out godtgjoring-2026-11.csv`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from secretariat.meetings import services as meetings
from secretariat.meetings.models import AgendaItemKind, ItemOutcome, Meeting
from secretariat.organizations.models import Person
from workflows.meeting import MeetingState

from .models import FixedRate, FixedRole, LineKind, MeetingRate, PayCode, Payee, RateTable
from .record import claims_fill_month

PAY_CODES = {LineKind.FIXED: ("1100", "Fast godtgjøring folkevalgte"),
             LineKind.MEETING: ("1110", "Møtegodtgjøring"),
             LineKind.LOST_INCOME: ("1120", "Tapt arbeidsinntekt, legitimert"),
             LineKind.LOST_INCOME_FIXED: ("1121", "Tapt arbeidsinntekt, ulegitimert"),
             LineKind.TRAVEL: ("7100", "Kilometergodtgjøring"),
             LineKind.EXPENSE: ("7200", "Utlegg")}

# (role, organization slug or None, percent of the ordfører's pay)
FIXED = [(FixedRole.MAYOR, None, "100"), (FixedRole.DEPUTY_MAYOR, None, "20"),
         (FixedRole.LEADER, None, "4"), (FixedRole.MEMBER, "kommunestyret", "1.5"),
         (FixedRole.MEMBER, "formannskapet", "3")]
# organization slug: (per meeting, short meeting)
MEETING = {"kommunestyret": ("1500", "750"), "formannskapet": ("1200", "600"), "plan-teknikk-miljo": ("1000", "500"),
           "oppvekst-omsorg": ("1000", "500"), "kontrollutvalget": ("1000", None)}
# November 2026 meetings of formannskapet: (day, start hour, hours) – the second is short (reduced rate).
NOVEMBER = [(dt.date(2026, 11, 12), 17, 3), (dt.date(2026, 11, 26), 16, 1)]


def seed(ctx) -> None:
    table = _seed_rates(ctx)
    for kind, (code, label) in PAY_CODES.items():
        PayCode.objects.get_or_create(kind=kind, defaults={"code": code, "label": label})
    person = getattr(ctx.users.get("folkevalgt"), "person", None)
    if person is not None:
        Payee.objects.get_or_create(person=person, defaults={"employee_number": "900101"})
    _seed_payees()
    if table is not None:
        _seed_november(ctx)


def _seed_payees() -> None:
    """Every member's ansattnummer in the payroll system (the export refuses a row without one)."""
    taken = set(Payee.objects.values_list("person_id", flat=True))
    for person_id in (Person.objects.filter(memberships__isnull=False).exclude(pk__in=taken).distinct()
                      .values_list("pk", flat=True)):
        Payee.objects.get_or_create(person_id=person_id, defaults={"employee_number": f"8{person_id:05d}"})


def _seed_rates(ctx) -> RateTable:
    table, created = RateTable.objects.get_or_create(valid_from=ctx.term.start_date, defaults={
        "name": "Forskrift om godtgjøring til folkevalgte i Fjordvik kommune", "mayor_annual_pay": Decimal("1100000"),
        "short_meeting_hours": Decimal("2"), "lost_income_daily_cap": Decimal("3000"),
        "lost_income_fixed_daily": Decimal("800"), "km_rate": Decimal("5.30"), "km_cap": 200,
        "expense_cap": Decimal("1500"), "claim_deadline_days": 90, "publish_fixed_rates": True,
        # Fjordvik's forskrift pays each verv its own godtgjøring, the ordfører's too: the demo's member log-in is the
        # ordfører (she leads formannskapet), and her November drafts are the demo's story. With the flag on she
        # would get the ordfører's fast godtgjøring only, and no møtegodtgjøring.
        "mayor_covers_other_roles": False})
    if created:
        for role, slug, percent in FIXED:
            organization = ctx.organizations.get(slug) if slug else None
            FixedRate.objects.create(table=table, role=role, organization=organization, percent=Decimal(percent))
        for slug, (amount, short) in MEETING.items():
            if slug in ctx.organizations:
                MeetingRate.objects.create(table=table, organization=ctx.organizations[slug], amount=Decimal(amount),
                                           short_amount=Decimal(short) if short else None)
    return table


def _seed_november(ctx) -> None:
    """Held formannskap meetings in November 2026 with everyone called present (the demo member among them)."""
    fsk = ctx.organizations.get("formannskapet")
    fagleder = ctx.users["fagleder"]
    if fsk is None:
        return
    for day, hour, hours in NOVEMBER:
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
        if start + dt.timedelta(hours=hours) > timezone.now():
            continue  # not held yet when the demo is seeded
        meeting = Meeting.objects.filter(organization=fsk, start=start).first()
        if meeting is None:
            meeting = meetings.meeting_create(actor=fagleder, organization=fsk, start=start,
                                              end=start + dt.timedelta(hours=hours), location="Formannskapssalen")
        if meeting.state == MeetingState.PLANLAGT:
            if not meeting.agenda_items.exists():
                meetings.agenda_item_add_other(actor=fagleder, meeting=meeting, kind=AgendaItemKind.OS,
                                               title="Orientering om budsjettarbeidet")
            meetings.meeting_send_notice(actor=fagleder, meeting=meeting, override_reason="Demodata lagt inn i ettertid")
            meeting.refresh_from_db()
        if meeting.state == MeetingState.INNKALT:
            if not meeting.attendances.exists():
                meetings.attendance_fill_from_notice(actor=fagleder, meeting=meeting)
            for item in meeting.agenda_items.filter(outcome__isnull=True):
                meetings.item_set_outcome(actor=fagleder, item=item, outcome=ItemOutcome.NOTED)
            meetings.meeting_hold(actor=fagleder, meeting=meeting)
    # Marking each meeting held made the attendees' drafts (record.py, through signals.py); the safety net fills
    # what an older demo database, seeded before that, lacks. Both are idempotent.
    claims_fill_month(NOVEMBER[0][0])
