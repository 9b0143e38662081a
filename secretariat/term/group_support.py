"""Gruppestøtte: the kommune's grant to the groups in kommunestyret, by its reglement (GroupSupportRule).

Each group gets the base amount plus the amount per seat, a year. A member's group is the list they were elected
from until a recorded group change (GroupChange) says otherwise. Under the rule's PRO_RATA setting every day of
the year counts with the memberships and groups of that day (a member who changes group on 1 July moves half a
seat's amount); under KEY_DATE the memberships on the key date count for the whole year. Amounts are rounded to
whole kroner per group at the end (half up).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from secretariat.cases.services import case_create
from secretariat.organizations.models import LegislativeTerm, Membership, Organization, Party, Person
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed

from .bodies import kommunestyret
from .models import GroupChange, GroupSupportRule, SplitRule
from .permissions import require_fagleder

INDEPENDENT = "uavhengig"


@dataclass
class GroupLine:
    key: str  # party abbreviation, or "uavhengig:<person pk>"
    name: str
    seat_days: int = 0
    group_days: int = 0
    base: Decimal = Decimal(0)
    per_seat: Decimal = Decimal(0)
    seats_on_key_date: int = 0

    @property
    def total(self) -> Decimal:
        return (self.base + self.per_seat).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


@dataclass
class Calculation:
    year: int
    key_date: dt.date
    rule: GroupSupportRule
    days_in_year: int
    lines: list[GroupLine] = field(default_factory=list)
    changes: list[GroupChange] = field(default_factory=list)
    rules: list[GroupSupportRule] = field(default_factory=list)  # every rule in force some day of the year

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal(0))

    def average_seats(self, line: GroupLine) -> Decimal:
        return (Decimal(line.seat_days) / self.days_in_year).quantize(Decimal("0.01"))


def group_change_register(*, actor, person: Person, term: LegislativeTerm, from_date: dt.date,
                          new_group: Party | None, note: str = "") -> GroupChange:
    """A member of kommunestyret leaves their group from `from_date`. Audited; the person's party follows."""
    require_fagleder(actor)
    ks = kommunestyret()
    membership = Membership.objects.regular().active_on(from_date).filter(organization=ks, term=term,
                                                                           person=person).first()
    if membership is None:
        raise GuardFailed(f"{person.name} er ikke fast medlem av kommunestyret {from_date:%d.%m.%Y}.",
                          field="person")
    if not (term.start_date <= from_date <= term.end_date):
        raise GuardFailed(f"Datoen må ligge i valgperioden {term}.", field="from_date")
    if new_group is not None and new_group == group_of(person, term, from_date,
                                                             elected_from=membership.electoral_list):
        raise GuardFailed(f"{person.name} er allerede i gruppa {new_group.abbreviation} den dagen.",
                          field="new_group")
    if GroupChange.objects.filter(person=person, term=term, from_date=from_date).exists():
        raise GuardFailed("Personen har allerede et gruppeskifte denne dagen.", field="from_date")
    with transaction.atomic():
        change = GroupChange.objects.create(person=person, term=term, from_date=from_date, new_group=new_group,
                                            note=note.strip())
        old = person.party
        person.party = new_group
        person.save(update_fields=["party", "updated_at"])
        audit(change, actor=actor, action=AuditAction.GROUP_CHANGED, action_label="Gruppeskifte registrert",
              comment=change.note, changes={"fra": f"{from_date:%d.%m.%Y}",
                                            "gruppe": {"fra": old.abbreviation if old else INDEPENDENT,
                                                       "til": new_group.abbreviation if new_group else INDEPENDENT}})
    return change


def group_of(person: Person, term: LegislativeTerm, day: dt.date, *, changes=None, elected_from=None):
    """The member's group on `day`: the latest group change on or before it, else the list they were elected from."""
    changes = changes if changes is not None else list(GroupChange.objects.filter(person=person, term=term))
    latest = None
    for c in changes:
        if c.person_id == person.pk and c.from_date <= day and (latest is None or c.from_date >= latest.from_date):
            latest = c
    if latest is not None:
        return latest.new_group
    return elected_from


def _key(group: Party | None, person: Person) -> tuple[str, str]:
    if group is None:
        return f"{INDEPENDENT}:{person.pk}", f"{person.name} (uavhengig)"
    return group.abbreviation, group.name


def calculate(*, year: int, organization: Organization | None = None) -> Calculation:
    """The year's gruppestøtte per group. A rule that starts mid-year counts from its first day (pro rata); the
    split setting is the one of the rule in force at the end of the year. Raises GuardFailed when no rule is in
    force then."""
    organization = organization or kommunestyret()
    if organization is None:
        raise GuardFailed("Det finnes ikke noe kommunestyre.", field="year")
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rules = list(GroupSupportRule.objects.filter(body=organization.body, valid_from__lte=last).order_by("valid_from"))

    def rule_for(day: dt.date) -> GroupSupportRule | None:
        return next((r for r in reversed(rules) if r.valid_from <= day), None)

    rule = rule_for(last)
    if rule is None:
        raise GuardFailed(f"Det er ikke registrert noe reglement for gruppestøtte som gjelder i {year}. "
                          "Legg det inn under «Regler for gruppestøtte» i admin.", field="year")
    key_date = dt.date(year, rule.key_month, rule.key_day)
    days_in_year = (last - first).days + 1
    memberships = list(Membership.objects.regular().filter(organization=organization, start_date__lte=last)
                       .exclude(end_date__lt=first).select_related("person", "electoral_list", "term"))
    changes = list(GroupChange.objects.filter(person__in=[m.person_id for m in memberships])
                   .select_related("person", "new_group"))
    lines: dict[str, GroupLine] = {}
    # per group and rule: (days the group existed, seat-days); the amounts are computed once at the end, exactly
    days: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))

    def groups_on(day: dt.date, the_rule: GroupSupportRule) -> dict[str, int]:
        seats: dict[str, int] = defaultdict(int)
        for m in memberships:
            if m.start_date <= day and (m.end_date is None or m.end_date >= day):
                group = group_of(m.person, m.term, day, changes=[c for c in changes if c.term_id == m.term_id],
                                 elected_from=m.electoral_list)
                if group is None and not the_rule.independents_get_support:
                    continue
                key, name = _key(group, m.person)
                lines.setdefault(key, GroupLine(key=key, name=name))
                seats[key] += 1
        return seats

    key_rule = rule_for(key_date) or rule
    for key, count in groups_on(key_date, key_rule).items():
        lines[key].seats_on_key_date = count
    if rule.split == SplitRule.KEY_DATE:
        for key, count in groups_on(key_date, key_rule).items():
            days[key][key_rule.pk] = [days_in_year, count * days_in_year]
    else:
        day = first
        while day <= last:
            day_rule = rule_for(day)
            if day_rule is not None:
                for key, count in groups_on(day, day_rule).items():
                    days[key][day_rule.pk][0] += 1
                    days[key][day_rule.pk][1] += count
            day += dt.timedelta(days=1)
    by_pk = {r.pk: r for r in rules}
    for key, per_rule in days.items():
        line = lines[key]
        for pk, (group_days, seat_days) in per_rule.items():
            r = by_pk[pk]
            line.group_days += group_days
            line.seat_days += seat_days
            line.base += r.base_amount * group_days / days_in_year
            line.per_seat += r.per_seat_amount * seat_days / days_in_year
    ordered = sorted((x for x in lines.values() if x.group_days), key=lambda x: (-x.seat_days, x.name))
    year_changes = [c for c in changes if first <= c.from_date <= last]
    return Calculation(year=year, key_date=key_date, rule=rule, days_in_year=days_in_year, lines=ordered,
                       changes=year_changes,
                       rules=[r for r in rules if r.valid_from > first or r == rule_for(first)])


def _kr(amount: Decimal) -> str:
    whole = int(amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return f"{whole:,}".replace(",", " ") + " kr"


def calculation_text(calc: Calculation) -> str:
    """The calculation as the saksframlegg prints it."""
    rule = calc.rule
    lines = [f"Grunnlag: {rule.reglement or 'kommunens reglement for gruppestøtte'}, gjeldende fra "
             f"{rule.valid_from:%d.%m.%Y}: grunnbeløp {_kr(rule.base_amount)} per gruppe og "
             f"{_kr(rule.per_seat_amount)} per representant i året."
             + ("" if len(calc.rules) < 2 else " Satsene endret seg i løpet av året: " + "; ".join(
                 f"fra {r.valid_from:%d.%m.%Y} grunnbeløp {_kr(r.base_amount)} og {_kr(r.per_seat_amount)} per "
                 f"representant" for r in sorted(calc.rules, key=lambda r: r.valid_from)) + "."),
             f"Skjæringsdato: {calc.key_date:%d.%m.%Y}. "
             + ("Endringer i løpet av året teller forholdsmessig etter antall dager." if rule.split == SplitRule.PRO_RATA
                else "Representantene på skjæringsdatoen teller for hele året."), ""]
    for line in calc.lines:
        average = "" if rule.split == SplitRule.KEY_DATE else f", {calc.average_seats(line):.2f} i snitt".replace(".", ",")
        lines.append(f"{line.name}: {line.seats_on_key_date} repr. på skjæringsdatoen{average}; "
                     f"grunnbeløp {_kr(line.base)} + representanter {_kr(line.per_seat)} = {_kr(line.total)}")
    lines.append(f"Sum: {_kr(calc.total)}")
    for c in calc.changes:
        lines.append(f"Gruppeskifte: {c.person.name} til {c.new_group.name if c.new_group else 'uavhengig'} fra "
                     f"{c.from_date:%d.%m.%Y}.")
    return "\n".join(lines)


def group_support_case_create(*, actor, year: int, arkivsaksnummer: str):
    """The annual calculation as a case (a draft under utredning) for the fagleder to put on an agenda."""
    require_fagleder(actor)
    calc = calculate(year=year)
    ks = kommunestyret()
    text = calculation_text(calc)
    with transaction.atomic():
        case = case_create(
            actor=actor, organization=ks, arkivsaksnummer=arkivsaksnummer, title=f"Gruppestøtte {year}",
            summary=(f"Gruppene i kommunestyret får støtte etter kommunens reglement: et grunnbeløp per gruppe og et "
                     f"beløp per representant. I {year} er summen {_kr(calc.total)}."),
            background=f"Kommunestyret har vedtatt reglement for gruppestøtte. Støtten beregnes av "
                       f"representantene i kommunestyret.\n\n{text}",
            assessment="Beregningen følger reglementet. Gruppeskifter i løpet av året er tatt med fra datoen.",
            economic_consequences=f"{_kr(calc.total)} dekkes av budsjettet for politisk virksomhet.",
            recommendation=f"Gruppestøtten for {year} utbetales slik:\n"
                           + "\n".join(f"{line.name}: {_kr(line.total)}" for line in calc.lines))
        audit(case, actor=actor, action=AuditAction.GROUP_SUPPORT_CASE, action_label="Gruppestøtte beregnet",
              changes={"år": year, "sum": str(calc.total)})
    return case


def payment_csv(calc: Calculation) -> str:
    """The payment list: one line per group."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["år", "gruppe", "navn", "representanter_skjaeringsdato", "snitt_representanter",
                     "grunnbelop", "representantbelop", "sum_kr"])
    for line in calc.lines:
        writer.writerow([calc.year, line.key, line.name, line.seats_on_key_date, f"{calc.average_seats(line)}",
                         f"{line.base.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}",
                         f"{line.per_seat.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}", f"{line.total}"])
    return out.getvalue()
