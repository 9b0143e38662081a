"""The forskrift's arithmetic, in one place: which rates are in force, what a meeting pays, what a month's fast
godtgjøring is. Money is Decimal, rounded to øre half up (as payroll does)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from secretariat.members.selectors import permisjon_periods
from secretariat.organizations.models import Membership, MembershipRole, OrganizationType

from .models import FixedRate, FixedRole, MeetingRate, RateTable

ORE = Decimal("0.01")


def money(value) -> Decimal:
    return Decimal(value).quantize(ORE, rounding=ROUND_HALF_UP)


def kroner(value) -> str:
    """An amount as Norwegian text: «3 000,00» (a space between thousands, a decimal comma)."""
    return f"{money(value):,.2f}".replace(",", " ").replace(".", ",")


def rates_on(day: dt.date) -> RateTable | None:
    """The forskrift in force on `day`: the newest version valid from that day or earlier."""
    return RateTable.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


def meeting_hours(meeting) -> Decimal | None:
    if meeting.end is None:
        return None
    return Decimal((meeting.end - meeting.start).total_seconds()) / Decimal(3600)


def meeting_fee(table: RateTable, meeting) -> tuple[Decimal, str] | None:
    """(amount, description) of the møtegodtgjøring for one meeting of its body, or None when the body has none."""
    rate = MeetingRate.objects.filter(table=table, organization_id=meeting.organization_id).first()
    if rate is None:
        return None
    hours = meeting_hours(meeting)
    if rate.short_amount is not None and hours is not None and hours < table.short_meeting_hours:
        return rate.short_amount, f"Møte i {meeting.organization} {meeting_day(meeting):%d.%m.%Y} (kort møte)"
    return rate.amount, f"Møte i {meeting.organization} {meeting_day(meeting):%d.%m.%Y}"


def training_fee(table: RateTable, session) -> tuple[Decimal, str] | None:
    """(amount, description) of the møtegodtgjøring for a training session, or None: the forskrift's flag decides
    whether folkevalgtopplæring pays one (it always pays tapt arbeidsinntekt, skyss and utlegg)."""
    if not (table.training_pays_meeting_fee and table.training_fee):
        return None
    return table.training_fee, f"Opplæring {session.course.title} {session.day:%d.%m.%Y}"


def meeting_day(meeting) -> dt.date:
    return timezone.localtime(meeting.start).date()


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def fixed_role_of(membership: Membership) -> str:
    """The verv a membership pays fast godtgjøring as: ordfører and varaordfører are the kommunestyre's leader and
    deputy (koml. § 6-1); a leader of another body is «leder»; everyone else on it a member."""
    in_council = membership.organization.organization_type == OrganizationType.KOMMUNESTYRE
    if in_council and membership.role == MembershipRole.LEADER:
        return FixedRole.MAYOR
    if in_council and membership.role == MembershipRole.DEPUTY_LEADER:
        return FixedRole.DEPUTY_MAYOR
    if membership.role == MembershipRole.LEADER:
        return FixedRole.LEADER
    return FixedRole.MEMBER


def is_mayor_on(person_id: int, day: dt.date) -> bool:
    """Whether the person is ordfører (the kommunestyre's leader) on `day`."""
    memberships = (Membership.objects.regular().active_on(day).filter(person_id=person_id)
                   .select_related("organization"))
    return any(fixed_role_of(m) == FixedRole.MAYOR for m in memberships)


def mayor_pay_covers_fees(table: RateTable, person_id: int, day: dt.date) -> bool:
    """The forskrift's flag «ordførerens godtgjøring dekker andre verv»: then the ordfører's fast godtgjøring is all
    she gets for her verv, and a meeting (or training) gives her no møtegodtgjøring (tapt arbeidsinntekt, skyss and
    utlegg are claimed as the forskrift says)."""
    return table.mayor_covers_other_roles and is_mayor_on(person_id, day)


def fixed_rate_for(table: RateTable, membership: Membership, rates: list[FixedRate] | None = None) -> FixedRate | None:
    rates = rates if rates is not None else list(table.fixed_rates.all())
    role = fixed_role_of(membership)
    own = [r for r in rates if r.role == role and r.organization_id == membership.organization_id]
    if own:
        return own[0]
    if role in (FixedRole.MAYOR, FixedRole.DEPUTY_MAYOR):
        general = [r for r in rates if r.role == role]
        return general[0] if general else None
    general = [r for r in rates if r.role == role and r.organization_id is None]
    return general[0] if general else None


def monthly_fixed(mayor_annual_pay: Decimal, percent: Decimal, *, days: int, days_in_month: int) -> Decimal:
    """One month's fast godtgjøring: the year's amount (percent of the ordfører's pay) / 12, pro rata for the days
    of the month the verv was held."""
    return money(Decimal(mayor_annual_pay) * Decimal(percent) / Decimal(100) / Decimal(12)
                 * Decimal(days) / Decimal(days_in_month))


@dataclass(frozen=True)
class FixedLine:
    person_id: int
    person_name: str
    description: str
    days: int
    amount: Decimal


# koml. § 8-10: a folkevalgt with the verv as her main occupation keeps the godtgjøring for up to two weeks of a
# permisjon.
MAIN_OCCUPATION_LEAVE_DAYS = 14


def leave_paid_days(table: RateTable, rate: FixedRate) -> int:
    """How many days at the start of an approved permisjon still pay the verv's fast godtgjøring."""
    days = table.leave_fixed_paid_days
    return max(days, MAIN_OCCUPATION_LEAVE_DAYS) if rate.main_occupation else days


def _days(start: dt.date, end: dt.date) -> set[dt.date]:
    return {start + dt.timedelta(days=n) for n in range((end - start).days + 1)} if end >= start else set()


def _spans(days: set[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """The days as runs of consecutive days, in order."""
    spans: list[list[dt.date]] = []
    for day in sorted(days):
        if spans and day == spans[-1][1] + dt.timedelta(days=1):
            spans[-1][1] = day
        else:
            spans.append([day, day])
    return [(a, b) for a, b in spans]


def fixed_for_month(month: dt.date) -> list[FixedLine]:
    """A month's fast godtgjøring for every regular membership with a rate, pro rata for the days it was held and
    exercised: the year's amount (percent of the ordfører's pay) / 12 × days / days in the month. The forskrift in
    force on the month's first day applies.

    An approved permisjon (midlertidig fritak, koml. § 7-9) means the verv is not exercised: its days do not pay,
    after the days the forskrift (or koml. § 8-10, for a verv that is the main occupation) still pays. A fritak ends
    the membership itself (its end date), so the days after it are not held."""
    first, last = month_bounds(month)
    table = rates_on(first)
    if table is None:
        return []
    rates = list(table.fixed_rates.select_related("organization"))
    if not rates:
        return []
    days_in_month = (last - first).days + 1
    lines = []
    memberships = (Membership.objects.regular().filter(start_date__lte=last)
                   .exclude(end_date__lt=first).select_related("person", "organization")
                   .order_by("person__family_name", "person__given_name", "organization__sort_order", "pk"))
    memberships = list(memberships)
    leaves = permisjon_periods(first, last)
    # Most forskrifter let the ordfører's godtgjøring cover every other verv she holds (she leads formannskapet by
    # law, koml. § 5-6): then an ordfører gets the ordfører's line only. The forskrift's own flag decides.
    mayors = ({m.person_id for m in memberships if fixed_role_of(m) == FixedRole.MAYOR}
              if table.mayor_covers_other_roles else set())
    for membership in memberships:
        if membership.person_id in mayors and fixed_role_of(membership) != FixedRole.MAYOR:
            continue
        rate = fixed_rate_for(table, membership, rates)
        if rate is None or not rate.percent:
            continue
        held = _days(max(first, membership.start_date), min(last, membership.end_date or last))
        paid_days = leave_paid_days(table, rate)
        on_leave = set()
        for leave_start, leave_end in leaves.get(membership.person_id, ()):
            on_leave |= _days(leave_start + dt.timedelta(days=paid_days), leave_end)
        on_leave &= held
        days = len(held - on_leave)
        if days <= 0:
            continue
        amount = monthly_fixed(table.mayor_annual_pay, rate.percent, days=days, days_in_month=days_in_month)
        role = FixedRole(fixed_role_of(membership))
        where = "" if role in (FixedRole.MAYOR, FixedRole.DEPUTY_MAYOR) else f" ({membership.organization})"
        # Part of a month: the days (and a permisjon's) are in the text, so payroll and the member see why the amount
        # is smaller.
        notes = [f"permisjon {a:%d.%m.%Y}–{b:%d.%m.%Y}" for a, b in _spans(on_leave)]
        part = f" ({'; '.join([f'{days} av {days_in_month} dager', *notes])})" if days < days_in_month else ""
        lines.append(FixedLine(person_id=membership.person_id, person_name=membership.person.name,
                               description=f"{role.label}{where} {first:%m.%Y}{part}", days=days, amount=amount))
    return lines


def public_fixed_rates() -> dict | None:
    """The list of fast godtgjøring per verv, if the kommune publishes it (the current forskrift's flag)."""
    table = rates_on(timezone.localdate())
    if table is None or not table.publish_fixed_rates:
        return None
    rows = [{"role": r.get_role_display(), "organization": str(r.organization) if r.organization_id else "",
             "percent": r.percent, "annual": money(table.mayor_annual_pay * r.percent / Decimal(100))}
            for r in table.fixed_rates.select_related("organization")]
    return {"table": table, "rows": rows}
