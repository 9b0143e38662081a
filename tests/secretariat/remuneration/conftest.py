"""A small kommune with the forskrift's rates and last month's meetings, built through the real services:

- kommunestyret: Ola Ordfører (leader = ordfører), Kari Medlem (member, user `kari`);
- formannskapet: Ola Ordfører (leader), Kari Medlem and Per Fravær (members), Vera Vara (first substitute on their
  list, user `vera`);
- meeting A (formannskapet, day 10, 3 hours: full rate): Kari and Per present;
- meeting B (formannskapet, day 20, 1 hour: the short-meeting rate): Per absent, Vera met for him, Kari present;
- meeting C (kommunestyret, day 15, 3 hours): Ola and Kari present.

Everyone has an ansattnummer in the payroll system (EMPLOYEE_NUMBERS): the export refuses a row without one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from secretariat.accounts.roles import Role
from secretariat.meetings import services as meetings
from secretariat.meetings.models import AgendaItemKind, ItemOutcome
from secretariat.organizations.models import MembershipRole
from secretariat.remuneration.models import FixedRate, FixedRole, LineKind, MeetingRate, PayCode, Payee, RateTable
from tests.factories import MembershipFactory, PartyFactory, PersonFactory, TermFactory, UserFactory

EMPLOYEE_NUMBERS = {"Kari": "10001", "Vera": "10002", "Per": "10003", "Ola": "10004"}
PAY_CODES = {LineKind.FIXED: "1100", LineKind.MEETING: "1110", LineKind.LOST_INCOME: "1120",
             LineKind.LOST_INCOME_FIXED: "1121", LineKind.TRAVEL: "7100", LineKind.EXPENSE: "7200"}


@dataclass
class Kommune:
    month: dt.date
    term: object
    ks: object
    fsk: object
    table: object
    kari: object
    vera: object
    per: object
    ola: object
    meeting_a: object
    meeting_b: object
    meeting_c: object


def last_month() -> dt.date:
    return (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def held_meeting(fagleder, organization, day: dt.date, hours: int, *, absent=(), substitutes=()):
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(17)))
    meeting = meetings.meeting_create(actor=fagleder, organization=organization, start=start,
                                      end=start + dt.timedelta(hours=hours), location="Rådhuset")
    meetings.agenda_item_add_other(actor=fagleder, meeting=meeting, kind=AgendaItemKind.OS, title="Orientering")
    meetings.meeting_send_notice(actor=fagleder, meeting=meeting, override_reason="Testdata lagt inn i ettertid")
    meeting.refresh_from_db()
    for membership, substitute in zip(absent, substitutes, strict=True):
        absence = meetings.absence_register(actor=fagleder, meeting=meeting, membership=membership)
        meetings.absence_confirm_substitute(actor=fagleder, absence=absence, substitute=substitute)
    meetings.attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    for item in meeting.agenda_items.all():
        meetings.item_set_outcome(actor=fagleder, item=item, outcome=ItemOutcome.NOTED)
    meetings.meeting_hold(actor=fagleder, meeting=meeting)
    meeting.refresh_from_db()
    return meeting


def rate_table(ks, fsk, valid_from=dt.date(2023, 10, 1)) -> RateTable:
    table = RateTable.objects.create(
        name="Forskrift om godtgjøring", valid_from=valid_from, mayor_annual_pay=Decimal("1200000"),
        short_meeting_hours=Decimal("2"), lost_income_daily_cap=Decimal("3000"),
        lost_income_fixed_daily=Decimal("800"), km_rate=Decimal("5.30"), km_cap=200, expense_cap=Decimal("1500"),
        claim_deadline_days=90)
    FixedRate.objects.create(table=table, role=FixedRole.MAYOR, percent=Decimal("100"))
    FixedRate.objects.create(table=table, role=FixedRole.LEADER, percent=Decimal("4"))
    FixedRate.objects.create(table=table, role=FixedRole.MEMBER, organization=ks, percent=Decimal("1.5"))
    FixedRate.objects.create(table=table, role=FixedRole.MEMBER, organization=fsk, percent=Decimal("3"))
    MeetingRate.objects.create(table=table, organization=ks, amount=Decimal("1500"), short_amount=Decimal("750"))
    MeetingRate.objects.create(table=table, organization=fsk, amount=Decimal("1200"), short_amount=Decimal("600"))
    for kind, code in PAY_CODES.items():
        PayCode.objects.get_or_create(kind=kind, defaults={"code": code})
    return table


@pytest.fixture
def kommune(body, kommunestyret, formannskapet, fagleder) -> Kommune:
    term = TermFactory(body=body)
    party = PartyFactory(name="Bygdelista", abbreviation="BL")
    kari_user = UserFactory(username="kari", role=Role.FOLKEVALGT)
    vera_user = UserFactory(username="vera", role=Role.FOLKEVALGT)
    kari = PersonFactory(given_name="Kari", family_name="Medlem", user=kari_user, party=party)
    vera = PersonFactory(given_name="Vera", family_name="Vara", user=vera_user, party=party)
    per = PersonFactory(given_name="Per", family_name="Fravær", party=party)
    ola = PersonFactory(given_name="Ola", family_name="Ordfører", party=party)

    def member(person, org, role=MembershipRole.MEMBER, order=None):
        return MembershipFactory(person=person, organization=org, term=term, role=role, electoral_list=party,
                                 substitute_order=order, start_date=term.start_date)

    member(ola, kommunestyret, MembershipRole.LEADER)
    member(ola, formannskapet, MembershipRole.LEADER)  # the ordfører leads formannskapet (koml. § 5-6)
    member(kari, kommunestyret)
    member(kari, formannskapet)
    per_fsk = member(per, formannskapet)
    vera_fsk = member(vera, formannskapet, MembershipRole.SUBSTITUTE, order=1)
    for person in (kari, vera, per, ola):
        Payee.objects.create(person=person, employee_number=EMPLOYEE_NUMBERS[person.given_name])
    table = rate_table(kommunestyret, formannskapet)
    month = last_month()
    a = held_meeting(fagleder, formannskapet, month.replace(day=10), 3)
    b = held_meeting(fagleder, formannskapet, month.replace(day=20), 1, absent=[per_fsk], substitutes=[vera_fsk])
    c = held_meeting(fagleder, kommunestyret, month.replace(day=15), 3)
    return Kommune(month=month, term=term, ks=kommunestyret, fsk=formannskapet, table=table, kari=kari, vera=vera,
                   per=per, ola=ola, meeting_a=a, meeting_b=b, meeting_c=c)
