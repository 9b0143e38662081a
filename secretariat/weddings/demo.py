"""Demo weddings for Fjordvik: settings, places and hours, the officiant register and weddings in every state.

Idempotent: everything is looked up by a natural key first; weddings are moved through the real services.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Group, Permission

from secretariat.accounts.roles import Role
from secretariat.organizations.models import Membership, MembershipRole, Person
from workflows.wedding import WeddingState

from .models import (
    Officiant,
    OfficiantKind,
    Wedding,
    WeddingAvailability,
    WeddingPlace,
    WeddingReport,
    WeddingSettings,
)
from .selectors import officiants_authorised_on
from .services import wedding_transition, wedding_update

COUPLES = [
    # partner 1, partner 2, days from today, hour, target state, residence, language
    ("Maria Solberg", "Jonas Hauge", 24, 12, WeddingState.FORESPURT, "bosatt", "nb"),
    ("Aisha Rahimi", "Erik Dahl", 31, 12, WeddingState.BEKREFTET, "bosatt", "en"),
    ("Lene Strand", "Marius Vik", 17, 13, WeddingState.KLAR, "utland", "nn"),
    ("Silje Berg", "Thomas Lund", -2, 12, WeddingState.GJENNOMFORT, "bosatt", "nb"),   # notice due, not sent yet
    ("Hanne Moe", "Kristian Aas", -6, 13, WeddingState.GJENNOMFORT, "annen", "nb"),   # notice overdue
    ("Ingrid Lie", "Sander Bakke", -30, 12, WeddingState.MELDT, "bosatt", "nb"),
    ("Nora Eide", "Ali Hassan", 38, 13, WeddingState.AVLYST, "bosatt", "nb"),
]


def seed(ctx) -> None:
    fagleder = ctx.users["fagleder"]
    conf = WeddingSettings.objects.order_by("pk").first() or WeddingSettings.objects.create(
        slot_minutes=30, min_notice_days=14, booking_horizon_days=365, fee_for_others=Decimal("1500"),
        secretariat_email="postmottak@fjordvik.kommune.no",
        info_text="En vielse i rådhuset tar om lag 20 minutter, og dere kan ha med inntil 30 gjester.")
    townhall, _ = WeddingPlace.objects.get_or_create(
        name="Rådhuset, formannskapssalen", defaults={"address": "Rådhusplassen 1, 5999 Fjordvik", "capacity": 30})
    park, _ = WeddingPlace.objects.get_or_create(
        name="Fjordparken (utendørs)", defaults={"address": "Strandvegen 12", "capacity": 80,
                                                 "description": "Utendørs, med rådhuset som reserve ved dårlig vær."})
    WeddingAvailability.objects.get_or_create(place=townhall, weekday=4, start_time=dt.time(12), end_time=dt.time(14))
    WeddingAvailability.objects.get_or_create(place=park, weekday=5, start_time=dt.time(11), end_time=dt.time(13))
    officiants = _seed_officiants(ctx)
    _grant_admin(ctx)
    for p1, p2, days, hour, target, residence, language in COUPLES:
        if Wedding.objects.filter(partner1_name=p1, partner2_name=p2).exists():
            continue
        day = ctx.today + dt.timedelta(days=days)
        wedding = Wedding.objects.create(
            partner1_name=p1, partner2_name=p2, email=f"{p1.split()[0].lower()}@example.no", residence=residence,
            language=language, date=day, start_time=dt.time(hour), place=townhall, fee=conf.fee_for(residence),
            guests=25)
        preferred = officiants["ordforer"] if days % 2 == 0 else officiants["bemyndiget"]
        officiant = preferred if preferred.authorised_on(day) else officiants_authorised_on(day).first()
        if officiant is not None:
            _bring_to(wedding, target, actor=fagleder, officiant=officiant)
    # A stored report for this year, so `render_document vielsesrapport ID` has something to render.
    year = ctx.today.year
    WeddingReport.objects.get_or_create(period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31),
                                        officiant=None, defaults={"created_by": fagleder})


def _seed_officiants(ctx) -> dict[str, Officiant]:
    ks = ctx.organizations["kommunestyret"]
    leader = Membership.objects.filter(organization=ks, role=MembershipRole.LEADER).select_related("person").first()
    deputy_m = (Membership.objects.filter(organization=ks, role=MembershipRole.DEPUTY_LEADER).first()
                or Membership.objects.filter(organization=ks, role=MembershipRole.MEMBER)
                .exclude(electoral_list_id=leader.electoral_list_id).order_by("pk").first())
    term = ctx.term
    found = {}
    found["ordforer"], _ = Officiant.objects.get_or_create(
        person=leader.person, kind=OfficiantKind.ORDFORER,
        defaults={"valid_from": term.start_date, "valid_until": term.end_date})
    found["varaordforer"], _ = Officiant.objects.get_or_create(
        person=deputy_m.person, kind=OfficiantKind.VARAORDFORER,
        defaults={"valid_from": term.start_date, "valid_until": term.end_date})
    sigrid, _ = Person.objects.get_or_create(given_name="Sigrid", family_name="Haugen",
                                             defaults={"email": "sigrid.haugen@fjordvik.kommune.no"})
    found["bemyndiget"], _ = Officiant.objects.get_or_create(
        person=sigrid, kind=OfficiantKind.AUTHORISED,
        defaults={"decision_reference": "PS 14/24, kommunestyret 14.03.2024", "valid_from": dt.date(2024, 3, 14),
                  "valid_until": dt.date(2027, 10, 31)})
    tor, _ = Person.objects.get_or_create(given_name="Tor", family_name="Lien",
                                          defaults={"email": "tor.lien@fjordvik.kommune.no"})
    Officiant.objects.get_or_create(
        person=tor, kind=OfficiantKind.AUTHORISED,
        defaults={"decision_reference": "PS 31/22, kommunestyret 16.06.2022", "valid_from": dt.date(2022, 6, 16),
                  "valid_until": dt.date(2025, 6, 30)})  # employment ended: can no longer be assigned
    return found


def _bring_to(wedding: Wedding, target: str, *, actor, officiant: Officiant) -> None:
    if target == WeddingState.FORESPURT:
        return
    if target == WeddingState.AVLYST:
        wedding_transition(wedding=wedding, name="confirm", actor=actor, officiant=officiant)
        wedding.refresh_from_db()
        wedding_transition(wedding=wedding, name="cancel", actor=actor, comment="Brudeparet har avbestilt.")
        return
    wedding_transition(wedding=wedding, name="confirm", actor=actor, officiant=officiant)
    if target == WeddingState.BEKREFTET:
        return
    wedding.refresh_from_db()
    issued = min(wedding.date, ctx_today()) - dt.timedelta(days=21)
    wedding_update(wedding=wedding, actor=actor, data={
        "attest_issued_on": issued, "attest_reference": f"SKE-{wedding.pk:05d}",
        "witness1_name": "Guro Nilsen", "witness2_name": "Per Olsen", "witnesses_of_age": True})
    wedding_transition(wedding=wedding, name="mark_ready", actor=actor)
    if target == WeddingState.KLAR:
        return
    wedding.refresh_from_db()
    wedding_transition(wedding=wedding, name="hold", actor=actor)
    if target == WeddingState.GJENNOMFORT:
        return
    wedding.refresh_from_db()
    wedding_transition(wedding=wedding, name="report_notice", actor=actor, reference="Sendt via Altinn")


def ctx_today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


def _grant_admin(ctx) -> None:
    """The secretariat edits places, hours, fees and the officiant register in the admin."""
    group = Group.objects.filter(name=Role.FAGLEDER.value).first()
    if group is not None:
        group.permissions.add(*Permission.objects.filter(content_type__app_label__in=["weddings", "elections"]))
