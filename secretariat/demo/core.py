"""The demo kommune: Fjordvik kommune, its bodies, members with substitutes, users and cases.

Idempotent: every object is looked up by a natural key first; workflow steps run only for new cases,
through the same services a user would call, so the demo has a real audit trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from secretariat.accounts.roles import Role, assign_role, ensure_role_groups
from secretariat.cases.models import Case
from secretariat.cases.services import case_create, case_transition
from secretariat.meetings.models import Meeting
from secretariat.meetings.services import agenda_item_add, attendance_fill_from_notice, meeting_create
from secretariat.organizations.models import (
    AdministrativeUnit,
    Body,
    LegislativeTerm,
    Membership,
    MembershipRole,
    Organization,
    OrganizationType,
    Party,
    Person,
)
from workflows.engine import run_transition
from workflows.meeting import MeetingState

from .people import name_at

DEMO_PASSWORD = "saksgang-demo"

PARTIES = [
    # name, abbreviation, colour, seats in kommunestyret
    ("Arbeiderpartiet", "Ap", "#c8102e", 7),
    ("Høyre", "H", "#0065f1", 6),
    ("Senterpartiet", "Sp", "#00843d", 5),
    ("Fremskrittspartiet", "FrP", "#004f80", 4),
    ("Sosialistisk Venstreparti", "SV", "#bc2149", 3),
    ("Kristelig Folkeparti", "KrF", "#ffbe00", 2),
]

# slug, name, short, type, seats, {party abbreviation: seats}
ORGANIZATIONS = [
    ("kommunestyret", "Kommunestyret", "KS", OrganizationType.KOMMUNESTYRE, 27,
     {"Ap": 7, "H": 6, "Sp": 5, "FrP": 4, "SV": 3, "KrF": 2}),
    ("formannskapet", "Formannskapet", "FSK", OrganizationType.FORMANNSKAP, 7,
     {"Ap": 2, "H": 2, "Sp": 1, "FrP": 1, "SV": 1}),
    ("oppvekst-og-kultur", "Hovedutvalg for oppvekst og kultur", "HOK", OrganizationType.UTVALG, 9,
     {"Ap": 3, "H": 2, "Sp": 2, "FrP": 1, "KrF": 1}),
    ("plan-teknikk-miljo", "Hovedutvalg for plan, teknikk og miljø", "HPTM", OrganizationType.UTVALG, 9,
     {"Ap": 2, "H": 3, "Sp": 2, "FrP": 1, "SV": 1}),
    ("kontrollutvalget", "Kontrollutvalget", "KU", OrganizationType.KONTROLLUTVALG, 5,
     {"Ap": 1, "H": 1, "Sp": 1, "FrP": 1, "SV": 1}),
    ("valgstyret", "Valgstyret", "VS", OrganizationType.VALGSTYRE, 7,
     {"Ap": 2, "H": 2, "Sp": 1, "FrP": 1, "SV": 1}),
    ("eldreradet", "Eldrerådet", "ER", OrganizationType.ELDRERAD, 5, {}),
    ("rad-funksjonsnedsettelse", "Råd for personer med funksjonsnedsettelse", "RPF",
     OrganizationType.FUNKSJONSHEMMEDE_RAD, 5, {}),
    ("ungdomsradet", "Ungdomsrådet", "UR", OrganizationType.UNGDOMSRAD, 7, {}),
]

UNITS = ["Plan og utvikling", "Oppvekst og kultur", "Helse og omsorg", "Økonomi og styring", "Kommunalteknikk",
         "Politisk sekretariat"]

USERS = [
    # username, given, family, role
    ("fagleder", "Kari", "Nordvik", Role.FAGLEDER),
    ("saksbehandler", "Ola", "Bergstrøm", Role.SAKSBEHANDLER),
    ("saksbehandler2", "Ingrid", "Fossheim", Role.SAKSBEHANDLER),
    ("kommunedirektor", "Trine", "Aalvik", Role.KOMMUNEDIREKTOR),
    ("folkevalgt", None, None, Role.FOLKEVALGT),  # linked to the first formannskap member
]


@dataclass
class DemoContext:
    body: Body
    term: LegislativeTerm
    today: dt.date
    users: dict = field(default_factory=dict)
    organizations: dict = field(default_factory=dict)
    parties: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    meetings: dict = field(default_factory=dict)
    created_cases: list = field(default_factory=list)


def seed_core(stdout=None) -> DemoContext:
    ensure_role_groups()
    body, _ = Body.objects.get_or_create(
        kommunenummer="4699",
        defaults={"name": "Fjordvik kommune", "maalform": "nb", "population": 11840,
                  "website": "https://www.fjordvik.kommune.no", "email": "postmottak@fjordvik.kommune.no",
                  "address": "Rådhusplassen 1, 5999 Fjordvik"},
    )
    term, _ = LegislativeTerm.objects.get_or_create(
        body=body, name="2023–2027", defaults={"start_date": dt.date(2023, 10, 1), "end_date": dt.date(2027, 9, 30)}
    )
    ctx = DemoContext(body=body, term=term, today=timezone.localdate())
    for name, abbr, colour, _seats in PARTIES:
        ctx.parties[abbr], _ = Party.objects.get_or_create(abbreviation=abbr, defaults={"name": name, "color": colour})
    for unit in UNITS:
        ctx.units[unit], _ = AdministrativeUnit.objects.get_or_create(name=unit)
    _seed_organizations(ctx)
    _seed_members(ctx)
    _seed_users(ctx)
    _seed_cases(ctx)
    return ctx


def _seed_organizations(ctx: DemoContext) -> None:
    for order, (slug, name, short, otype, seats, _dist) in enumerate(ORGANIZATIONS):
        org, _ = Organization.objects.get_or_create(
            slug=slug,
            defaults={"body": ctx.body, "name": name, "short_name": short, "organization_type": otype,
                      "seats": seats, "sort_order": order * 10},
        )
        ctx.organizations[slug] = org
    ks = ctx.organizations["kommunestyret"]
    for slug in ("formannskapet", "oppvekst-og-kultur", "plan-teknikk-miljo", "kontrollutvalget"):
        org = ctx.organizations[slug]
        if org.next_organization_id is None:
            org.next_organization = ks
            org.save(update_fields=["next_organization"])


def _person(i: int, party: Party | None) -> Person:
    given, family, gender = name_at(i)
    person, created = Person.objects.get_or_create(
        given_name=given, family_name=family,
        defaults={"gender": gender, "party": party,
                  "email": f"{given}.{family}@folkevalgt.fjordvik.no".lower().replace("ø", "o").replace("å", "a")
                  .replace("æ", "ae"),
                  "birth_date": dt.date(1950 + (i * 3) % 50, 1 + i % 12, 1 + i % 28)},
    )
    return person


def _seed_members(ctx: DemoContext) -> None:
    """Kommunestyret: 27 members from 6 lists, each list with ordered substitutes; other bodies drawn from them."""
    if Membership.objects.filter(term=ctx.term).exists():
        return
    start = ctx.term.start_date
    index = 0
    pool: dict[str, list[Person]] = {}
    for _name, abbr, _colour, seats in PARTIES:
        party = ctx.parties[abbr]
        people = []
        for _ in range(seats + max(3, seats // 2 + 2)):  # members, then substitutes in list order
            people.append(_person(index, party))
            index += 1
        pool[abbr] = people
    for slug, _name, _short, _otype, seats, dist in ORGANIZATIONS:
        org = ctx.organizations[slug]
        if not dist:  # councils: members appointed, not elected from lists
            for n in range(seats):
                person = _person(index, None)
                index += 1
                Membership.objects.create(person=person, organization=org, term=ctx.term, start_date=start,
                                          role=MembershipRole.LEADER if n == 0 else MembershipRole.MEMBER)
            for n in range(1, 4):
                person = _person(index, None)
                index += 1
                Membership.objects.create(person=person, organization=org, term=ctx.term, start_date=start,
                                          role=MembershipRole.SUBSTITUTE, substitute_order=n)
            continue
        offset = 0 if slug in ("kommunestyret", "formannskapet", "valgstyret") else 1
        first = True
        for abbr, n_seats in dist.items():
            people = pool[abbr]
            party = ctx.parties[abbr]
            members = people[offset:offset + n_seats] if slug != "kommunestyret" else people[:n_seats]
            for person in members:
                role = MembershipRole.MEMBER
                if first and slug in ("kommunestyret", "formannskapet"):
                    role = MembershipRole.LEADER
                    first = False
                Membership.objects.create(person=person, organization=org, term=ctx.term, start_date=start,
                                          role=role, electoral_list=party)
            substitutes = [p for p in people if p not in members]
            n_subs = len(substitutes) if slug == "kommunestyret" else n_seats + 1
            for order, person in enumerate(substitutes[:n_subs], start=1):
                Membership.objects.create(person=person, organization=org, term=ctx.term, start_date=start,
                                          role=MembershipRole.SUBSTITUTE, electoral_list=party,
                                          substitute_order=order)
    # The mayor leads kommunestyret and formannskapet; make the formannskap leader the same person.
    ks_leader = Membership.objects.get(organization=ctx.organizations["kommunestyret"], role=MembershipRole.LEADER)
    fsk_leader = Membership.objects.get(organization=ctx.organizations["formannskapet"], role=MembershipRole.LEADER)
    if fsk_leader.person_id != ks_leader.person_id:
        fsk_leader.role = MembershipRole.MEMBER
        fsk_leader.save(update_fields=["role"])
        Membership.objects.filter(organization=ctx.organizations["formannskapet"],
                                  person=ks_leader.person).update(role=MembershipRole.LEADER)


def _seed_users(ctx: DemoContext) -> None:
    User = get_user_model()
    for username, given, family, role in USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            if role == Role.FOLKEVALGT:
                person = (
                    Membership.objects.filter(organization=ctx.organizations["formannskapet"])
                    .exclude(role=MembershipRole.SUBSTITUTE).order_by("pk").first().person
                )
                given, family = person.given_name, person.family_name
                person.user = user
                person.save(update_fields=["user"])
                user.email = person.email
            else:
                user.email = f"{username}@fjordvik.kommune.no"
            user.first_name, user.last_name = given, family
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.FAGLEDER  # the secretariat keeps reference data in the admin
            user.save()
            assign_role(user, role)
        ctx.users[username] = user
    admin, created = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    # Fagleder maintains organizations, people, memberships, parties and units in the admin. Roles are given on
    # the audited roles page, never through auth.* rights: with auth.change_user a fagleder could make
    # themselves superuser and kommunedirektør (koml. § 13-1), so only a superuser holds those.
    fagleder_group = Group.objects.get(name=Role.FAGLEDER.value)
    fagleder_group.permissions.add(*Permission.objects.filter(content_type__app_label="organizations"))


def _meeting(ctx: DemoContext, slug: str, days: int, hour: int = 18, location: str = "Kommunestyresalen") -> Meeting:
    org = ctx.organizations[slug]
    day = ctx.today + dt.timedelta(days=days)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
    existing = Meeting.objects.filter(organization=org, start=start).first()
    if existing:
        return existing
    return meeting_create(actor=ctx.users["fagleder"], organization=org, start=start,
                          end=start + dt.timedelta(hours=3), location=location)


# Demo cases: (key, arkivsak, title, unit, organization, final state, exempt basis, public title, summary)
CASES = [
    ("gangveg", "26/1011", "Ny gang- og sykkelveg langs Strandvegen", "Kommunalteknikk", "plan-teknikk-miljo",
     "utredning", "", "",
     "Kommunen vil lage en trygg gang- og sykkelveg langs Strandvegen. Saken handler om hvor vegen skal gå, og hva "
     "den koster. Barn som går til skolen, får en tryggere veg."),
    ("personal", "26/1012", "Personalsak – oppsigelse ved Fjordvik sjukeheim", "Helse og omsorg", "formannskapet",
     "utredning", "offl13_fvl13_1", "Personalsak",
     "Saken gjelder et arbeidsforhold i kommunen. Innholdet er taushetsbelagt."),
    ("klima", "26/1020", "Revisjon av kommunens klimaplan 2027–2030", "Plan og utvikling", "plan-teknikk-miljo",
     "til_godkjenning", "", "",
     "Klimaplanen sier hvordan kommunen skal kutte utslipp. Forslaget er å kutte 55 prosent innen 2030, blant "
     "annet med flere ladepunkt og mindre matsvinn."),
    ("tilskudd", "26/1031", "Tilskudd til lag og foreninger 2027", "Oppvekst og kultur", "formannskapet",
     "klar", "", "",
     "Lag og foreninger kan få penger fra kommunen. Forslaget er å dele ut 1,2 millioner kroner, og at "
     "barne- og ungdomslag får mest."),
    ("budsjett", "26/1040", "Budsjett 2027 og økonomiplan 2027–2030", "Økonomi og styring", "formannskapet",
     "satt_opp", "", "",
     "Budsjettet sier hva kommunen skal bruke penger på neste år. Forslaget gir mer penger til skole og "
     "eldreomsorg, og eiendomsskatten blir den samme som i år."),
    ("eiendom", "26/1041", "Kjøp av eiendom gnr. 45 bnr. 12 på Nordneset – forhandlinger", "Plan og utvikling",
     "formannskapet", "satt_opp", "offl23_1", "Kjøp av eiendom på Nordneset",
     "Kommunen forhandler om å kjøpe en eiendom. Innholdet er unntatt fordi forhandlingene pågår."),
    ("planstrategi", "26/0877", "Kommunal planstrategi 2024–2027 – rullering", "Plan og utvikling", "formannskapet",
     "behandlet", "", "",
     "Planstrategien sier hvilke planer kommunen skal lage de neste årene. Forslaget er å prioritere ny "
     "arealplan og en plan for eldre."),
    ("skolebruk", "26/0802", "Skolebruksplan for Fjordvik 2027–2035", "Oppvekst og kultur", "formannskapet",
     "til_neste_organ", "", "",
     "Skolebruksplanen handler om hvilke skoler kommunen skal ha. Forslaget er å pusse opp Fjordvik skule og "
     "beholde alle skolene."),
    ("parkering", "26/0750", "Parkeringsforskrift for Fjordvik sentrum", "Kommunalteknikk", "kommunestyret",
     "vedtatt", "", "",
     "Forskriften gir regler for parkering i sentrum. Det blir avgift på de mest brukte plassene, men gratis "
     "for el-sykler og rullestolbrukere."),
    ("erstatning", "26/0751", "Erstatningskrav etter barnevernstiltak – klient 2019/44", "Oppvekst og kultur",
     "kommunestyret", "vedtatt", "offl13_bvl", "Erstatningskrav etter barnevernstiltak",
     "Saken gjelder et erstatningskrav. Innholdet er taushetsbelagt."),
    ("frisklivs", "26/0701", "Etablering av frisklivssentral", "Helse og omsorg", "kommunestyret",
     "i_oppfolging", "", "",
     "En frisklivssentral hjelper folk med å leve sunnere, med trening og kurs. Forslaget er å starte en "
     "sentral i 2027 med to ansatte."),
    ("skolenavn", "26/0640", "Nytt navn på Sentrumsskolen", "Oppvekst og kultur", "kommunestyret",
     "avsluttet", "", "",
     "Sentrumsskolen skal få nytt navn. Elevene har stemt, og forslaget er «Fjordvik skule»."),
    ("bibliotek", "26/0901", "Endring av åpningstider ved Fjordvik bibliotek", "Oppvekst og kultur",
     "formannskapet", "utsatt", "", "",
     "Biblioteket vil ha åpent lenger på kveldene, men stenge på mandager. Saken handler om hva som passer best "
     "for dem som bruker biblioteket."),
    ("tomtesalg", "26/0902", "Salg av tomt på Nordneset", "Plan og utvikling", "formannskapet",
     "sendt_tilbake", "", "",
     "Kommunen eier en tomt på Nordneset som kan selges til boliger. Saken handler om pris og hvem som kan kjøpe."),
    ("hundeforskrift", "26/0903", "Forslag om ny hundeforskrift", "Kommunalteknikk", "formannskapet",
     "trukket", "", "",
     "Forslaget gjaldt nye regler for båndtvang. Saken er trukket."),
]

PATH = {  # the steps (after submit+approve) that bring a case to its demo state
    "utredning": [], "til_godkjenning": ["submit"], "klar": ["submit", "approve"],
    "satt_opp": ["submit", "approve", "schedule"],
    "behandlet": ["submit", "approve", "schedule:past", "decide"],
    "til_neste_organ": ["submit", "approve", "schedule:past", "decide", "forward"],
    "vedtatt": ["submit", "approve", "schedule:past", "decide", "finalize"],
    "i_oppfolging": ["submit", "approve", "schedule:past", "decide", "finalize", "start_follow_up"],
    "avsluttet": ["submit", "approve", "schedule:past", "decide", "finalize", "close"],
    "utsatt": ["submit", "approve", "schedule:past", "postpone"],
    "sendt_tilbake": ["submit", "approve", "schedule:past", "send_back"],
    "trukket": ["submit", "approve", "withdraw"],
}


def _seed_cases(ctx: DemoContext) -> None:
    users = ctx.users
    past = {slug: _meeting(ctx, slug, -21 if slug == "formannskapet" else -14)
            for slug in ("formannskapet", "kommunestyret")}
    upcoming = {"formannskapet": _meeting(ctx, "formannskapet", 16), "kommunestyret": _meeting(ctx, "kommunestyret", 30)}
    ctx.meetings.update({"past": past, "upcoming": upcoming})
    new_for_past: list[tuple[Case, list[str]]] = []
    for n, (_key, arkiv, title, unit, org_slug, target, basis, public_title, summary) in enumerate(CASES):
        if Case.objects.filter(arkivsaksnummer=arkiv).exists():
            continue
        officer = users["saksbehandler" if n % 2 == 0 else "saksbehandler2"]
        case = case_create(
            actor=officer, organization=ctx.organizations[org_slug], arkivsaksnummer=arkiv, title=title,
            case_officer=officer, responsible_unit=ctx.units[unit], exempt=bool(basis), exempt_basis=basis,
            public_title=public_title, summary=summary,
            background=f"Bakgrunn for saken «{public_title or title}». Saken er forberedt av {unit.lower()}.",
            assessment="Kommunedirektøren har vurdert alternativene og anbefaler forslaget nedenfor.",
            economic_consequences="Tiltaket dekkes innenfor vedtatt budsjettramme.",
            recommendation=f"{ctx.organizations[org_slug].name} vedtar forslaget slik det går fram av saken.",
        )
        ctx.created_cases.append(case)
        steps = PATH[target]
        if any(s.startswith("schedule:past") for s in steps):
            new_for_past.append((case, steps))
        else:
            _run_steps(ctx, case, steps, meeting=upcoming.get(org_slug))
    if new_for_past:
        # Past meetings: put the cases on the agenda, send the notice (late: demo data), then decide.
        for case, steps in new_for_past:
            before = steps[: steps.index("schedule:past")]
            _run_steps(ctx, case, before, meeting=None)
            agenda_item_add(actor=users["fagleder"], meeting=past[case.current_consultation.organization.slug],
                            case=case)
        for meeting in past.values():
            meeting.refresh_from_db()
            if meeting.state == MeetingState.PLANLAGT:
                run_transition(meeting, "send_notice", actor=users["fagleder"], comment="Demodata",
                               override_reason="Demodata lagt inn i ettertid")
            if meeting.state == MeetingState.INNKALT and not meeting.attendances.exists():
                # Those called came: the body is quorate when it decides (koml. § 11-9).
                attendance_fill_from_notice(actor=users["fagleder"], meeting=meeting)
        for case, steps in new_for_past:
            case.refresh_from_db()
            after = steps[steps.index("schedule:past") + 1:]
            _run_steps(ctx, case, after, meeting=None)
        for meeting in past.values():
            meeting.refresh_from_db()
            if meeting.state == MeetingState.INNKALT:
                run_transition(meeting, "hold", actor=users["fagleder"])


def _run_steps(ctx: DemoContext, case: Case, steps: list[str], meeting: Meeting | None) -> None:
    users = ctx.users
    for step in steps:
        case.refresh_from_db()
        if step == "submit":
            case_transition(case=case, name="submit", actor=case.case_officer, comment="Klar for godkjenning.")
        elif step == "approve":
            case_transition(case=case, name="approve", actor=users["kommunedirektor"],
                            comment="Forsvarlig utredet (koml. § 13-1).")
        elif step == "schedule":
            agenda_item_add(actor=users["fagleder"], meeting=meeting, case=case)
        elif step == "decide":
            text = case.current_consultation.recommendation
            item = case.current_consultation.agenda_items.order_by("-meeting__start").first()
            case_transition(case=case, name="decide", actor=users["fagleder"], decision_text=text, agenda_item=item)
        elif step == "forward":
            case_transition(case=case, name="forward", actor=users["fagleder"], organization=None,
                            comment="Formannskapets vedtak er innstilling til kommunestyret.")
        elif step in ("postpone", "send_back"):
            case_transition(case=case, name=step, actor=users["fagleder"], comment="Vedtatt i møtet.")
        elif step == "withdraw":
            case_transition(case=case, name="withdraw", actor=users["kommunedirektor"],
                            comment="Kommunedirektøren trekker saken; ny vurdering etter høring.")
        else:
            case_transition(case=case, name=step, actor=users["fagleder"])
