"""A deterministic generated kommune for benchmarks: ten years of «Storvik kommune» (seed_scale).

Built with bulk inserts, not through the services: the point is volume and a realistic shape (states, exempt
cases, closed items, votes, follow-ups, audit rows, generated documents), not the audit of each step. The same
size always gives the same data (one seeded random generator). Sizes (large as in issue 17):

    small   6 bodies,  60 persons,    40 meetings,    300 cases   (the test suite)
    medium 12 bodies, 150 persons,   310 meetings,  3,000 cases
    large  25 bodies, 400 persons, 3,100 meetings, 30,000 cases, ≈39,000 consultations, ≈41,000 agenda items,
           ≈56,000 ballots, 11,600 follow-ups, 280,000 audit rows, 146,000 generated-document rows

Documents are metadata rows (no content), plus a small sample of real .docx files made by the document
registry, so the document pages have both.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import hashlib
import random
import time
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from secretariat.accounts.roles import Role, ensure_role_groups
from secretariat.cases.exemptions import ExemptionBasis
from secretariat.cases.models import Case, CasePaper, Consultation
from secretariat.followups.models import FollowUp, FollowUpReport
from secretariat.meetings.models import (
    AgendaCounter,
    AgendaItem,
    AgendaItemKind,
    Ballot,
    ClosedBasis,
    Decision,
    Meeting,
    Minutes,
    Proposal,
    Vote,
)
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
from workflows.case import CaseState
from workflows.followup import FollowUpState
from workflows.meeting import MeetingState
from workflows.models import AuditEntry

from .core import DEMO_PASSWORD
from .people import name_at
from .scale_text import CLOSED_MARKER, EXEMPT_MARKER, RARE_WORD, SECTION_MARKER, TextMaker

SEED = 17


@dataclass(frozen=True)
class Size:
    organizations: int
    persons: int
    meetings: int
    cases: int
    ballots: int
    followups: int
    audit: int
    documents: int
    real_documents: int


SIZES = {
    "small": Size(6, 60, 40, 300, 560, 116, 2_800, 1_460, 2),
    "medium": Size(12, 150, 310, 3_000, 5_600, 1_160, 28_000, 14_600, 4),
    "large": Size(25, 400, 3_100, 30_000, 56_000, 11_600, 280_000, 146_000, 6),
}

PARTIES = [("Arbeiderpartiet", "Ap", "#c8102e", 9), ("Høyre", "H", "#0065f1", 8), ("Senterpartiet", "Sp", "#00843d", 6),
           ("Fremskrittspartiet", "FrP", "#004f80", 5), ("Sosialistisk Venstreparti", "SV", "#bc2149", 3),
           ("Kristelig Folkeparti", "KrF", "#ffbe00", 2), ("Venstre", "V", "#00807b", 1),
           ("Miljøpartiet De Grønne", "MDG", "#3e7c33", 1)]

# slug, name, type, seats, meetings a year (weight), next body
ORGANIZATIONS = [
    ("kommunestyret", "Kommunestyret", OrganizationType.KOMMUNESTYRE, 35, 10, None),
    ("formannskapet", "Formannskapet", OrganizationType.FORMANNSKAP, 9, 18, "kommunestyret"),
    ("oppvekst-og-kultur", "Hovedutvalg for oppvekst og kultur", OrganizationType.UTVALG, 11, 10, "kommunestyret"),
    ("plan-teknikk-miljo", "Hovedutvalg for plan, teknikk og miljø", OrganizationType.UTVALG, 11, 12, "kommunestyret"),
    ("kontrollutvalget", "Kontrollutvalget", OrganizationType.KONTROLLUTVALG, 5, 6, "kommunestyret"),
    ("eldreradet", "Eldrerådet", OrganizationType.ELDRERAD, 5, 6, None),
    ("helse-og-omsorg", "Hovedutvalg for helse og omsorg", OrganizationType.UTVALG, 11, 10, "kommunestyret"),
    ("valgstyret", "Valgstyret", OrganizationType.VALGSTYRE, 9, 3, None),
    ("ungdomsradet", "Ungdomsrådet", OrganizationType.UNGDOMSRAD, 7, 6, None),
    ("rad-funksjonsnedsettelse", "Råd for personer med funksjonsnedsettelse", OrganizationType.FUNKSJONSHEMMEDE_RAD,
     5, 5, None),
    ("administrasjonsutvalget", "Administrasjonsutvalget", OrganizationType.UTVALG, 7, 5, None),
    ("naering-og-landbruk", "Utvalg for næring og landbruk", OrganizationType.UTVALG, 7, 8, "formannskapet"),
]
EXTRA_BODIES = ["Arbeidsutvalg for kommuneplanen", "Klagenemnda", "Fellesnemnd for brannvesenet",
                "Partssammensatt utvalg", "Styret for Storvik havn KF", "Viltnemnda", "Kulturutvalget",
                "Utvalg for samferdsel", "Skolebruksutvalget", "Beredskapsrådet", "Idrettsrådet",
                "Fjellstyret", "Utvalg for klima og miljø"]

UNITS = ["Plan og utvikling", "Oppvekst og kultur", "Helse og omsorg", "Økonomi og styring", "Kommunalteknikk",
         "Politisk sekretariat", "Eiendom", "Næring og landbruk"]
TERMS = [("2015–2019", dt.date(2015, 10, 1), dt.date(2019, 9, 30)),
         ("2019–2023", dt.date(2019, 10, 1), dt.date(2023, 9, 30)),
         ("2023–2027", dt.date(2023, 10, 1), dt.date(2027, 9, 30))]
HELD = {MeetingState.GJENNOMFORT, MeetingState.PROTOKOLL_UTKAST, MeetingState.PROTOKOLL_GODKJENT,
        MeetingState.ARKIVERT}
EXEMPT_BASES = [ExemptionBasis.OFFL13_FVL13_1, ExemptionBasis.OFFL13_BVL, ExemptionBasis.OFFL23_1,
                ExemptionBasis.OFFL13_HPL]
BATCH = 5000


@contextlib.contextmanager
def _historical_timestamps(*models):
    """bulk_create would stamp auto_now(_add) fields with today; ten years of history needs their own times."""
    saved = []
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False

                def pre_save(instance, add, f=f):
                    # A time the seed did not give (e.g. a later `updated_at`) follows the row's creation time.
                    value = getattr(instance, f.attname)
                    if value is None:
                        value = getattr(instance, "created_at", None) or timezone.now()
                        setattr(instance, f.attname, value)
                    return value

                f.pre_save = pre_save
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add
            del f.pre_save  # back to the class's method


def _insert(model, objs) -> None:
    """Insert rows nobody needs the primary keys of: COPY on PostgreSQL (the audit trail and the document rows
    are the two largest tables), bulk_create elsewhere."""
    from django.db import connection

    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=BATCH)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields])


class ScaleSeeder:
    def __init__(self, size: str, *, today: dt.date | None = None, stdout=None, counts: Size | None = None):
        self.size_name = size
        self.size = counts or SIZES[size]  # `counts`: a custom size (tests compare two fixtures)
        self.rng = random.Random(f"{SEED}-{size}")
        self.text = TextMaker(self.rng)
        self.today = today or timezone.localdate()
        self.now = timezone.make_aware(dt.datetime.combine(self.today, dt.time(12)))
        self.stdout = stdout
        self.counts: dict[str, int] = {}
        self._t0 = time.perf_counter()

    def _log(self, what: str) -> None:
        if self.stdout is not None:
            self.stdout.write(f"  {time.perf_counter() - self._t0:6.1f} s  {what}")

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _aware(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))

    # --- entry point ------------------------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        if Case.objects.exists():
            raise ValueError("Databasen har allerede saker. seed_scale fyller bare en tom, migrert database.")
        with transaction.atomic(), _historical_timestamps(Case, CasePaper, Consultation, Meeting, Decision,
                                                          FollowUp, Proposal, Vote):
            self._reference_data()
            self._meetings()
            self._cases()
            self._votes()
            self._followups()
            self._minutes()
            self._audit()
            self._documents()
        self._search_index()
        self._real_documents()
        self._analyze()
        self._log("ferdig")
        return self.counts

    # --- reference data ---------------------------------------------------------------------------------------

    def _reference_data(self) -> None:
        ensure_role_groups()
        self.body = Body.objects.create(name="Storvik kommune", kommunenummer="4698", maalform="nb",
                                        population=38200, website="https://www.storvik.kommune.no",
                                        email="postmottak@storvik.kommune.no", address="Rådhusgata 1, 5999 Storvik")
        self.terms = [LegislativeTerm.objects.create(body=self.body, name=n, start_date=s, end_date=e)
                      for n, s, e in TERMS]
        self.parties = []
        for name, abbr, colour, _weight in PARTIES:
            party, _ = Party.objects.get_or_create(abbreviation=abbr, defaults={"name": name, "color": colour})
            self.parties.append(party)
        self.units = [AdministrativeUnit.objects.get_or_create(name=u)[0] for u in UNITS]
        specs = list(ORGANIZATIONS)
        for n, name in enumerate(EXTRA_BODIES):
            specs.append((f"utvalg-{n + 1:02d}", name, OrganizationType.UTVALG, 7, 4, None))
        specs = specs[:self.size.organizations]
        self.organizations = []
        self.weights = []
        for order, (slug, name, otype, seats, per_year, _next) in enumerate(specs):
            self.organizations.append(Organization(body=self.body, name=name, slug=slug, organization_type=otype,
                                                   seats=seats, sort_order=order * 10,
                                                   short_name="".join(w[0] for w in name.split()[:3]).upper()))
            self.weights.append(per_year)
        Organization.objects.bulk_create(self.organizations)
        by_slug = {o.slug: o for o in self.organizations}
        for org, spec in zip(self.organizations, specs, strict=False):
            if spec[5] and spec[5] in by_slug:
                org.next_organization = by_slug[spec[5]]
        Organization.objects.bulk_update(self.organizations, ["next_organization"])
        self.ks = by_slug["kommunestyret"]
        self._people()
        self._users()

    def _people(self) -> None:
        persons = []
        party_weights = [p[3] for p in PARTIES]
        for i in range(self.size.persons):
            given, family, gender = name_at(i)
            party = self.rng.choices(self.parties, weights=party_weights)[0]
            persons.append(Person(given_name=given, family_name=f"{family}" if i < 96 else f"{family}-{i // 96}",
                                  gender=gender, party=party, birth_date=dt.date(1950 + i % 50, 1 + i % 12, 1 + i % 28),
                                  email=f"person{i}@folkevalgt.storvik.no"))
        Person.objects.bulk_create(persons, batch_size=BATCH)
        self.persons = persons
        memberships = []
        self.ks_members: dict[int, list[Membership]] = {}  # term index -> kommunestyret's members
        for t, term in enumerate(self.terms):
            pool = persons[:]
            self.rng.shuffle(pool)
            cursor = 0
            for org in self.organizations:
                for n in range(org.seats + max(3, org.seats // 3)):
                    person = pool[cursor % len(pool)]
                    cursor += 1
                    substitute = n >= org.seats
                    m = Membership(person=person, organization=org, term=term, start_date=term.start_date,
                                   end_date=term.end_date, electoral_list=person.party,
                                   role=(MembershipRole.SUBSTITUTE if substitute else
                                         MembershipRole.LEADER if n == 0 else MembershipRole.MEMBER),
                                   substitute_order=(n - org.seats + 1) if substitute else None)
                    memberships.append(m)
                    if org is self.ks and not substitute:
                        self.ks_members.setdefault(t, []).append(m)
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        self.counts["persons"] = len(persons)
        self.counts["memberships"] = len(memberships)

    def _users(self) -> None:
        from django.contrib.auth.models import Group

        User = get_user_model()
        password = make_password(DEMO_PASSWORD)
        specs = [("scale-fagleder", "Kari", "Storli", Role.FAGLEDER), ("scale-kd", "Trine", "Vassbotn",
                                                                        Role.KOMMUNEDIREKTOR)]
        for n in range(max(4, self.size.cases // 750)):
            given, family, _ = name_at(1000 + n)
            specs.append((f"scale-sb{n + 1:02d}", given, family, Role.SAKSBEHANDLER))
        users = [User(username=u, first_name=g, last_name=f, email=f"{u}@storvik.kommune.no", password=password)
                 for u, g, f, _r in specs]
        User.objects.bulk_create(users)
        groups = {g.name: g for g in Group.objects.all()}
        Through = User.groups.through
        Through.objects.bulk_create([Through(user_id=u.pk, group_id=groups[r.value].pk)
                                     for u, (_u, _g, _f, r) in zip(users, specs, strict=False)])
        self.fagleder, self.kd = users[0], users[1]
        self.officers = users[2:]

    # --- meetings ---------------------------------------------------------------------------------------------

    def _meeting_state(self, start: dt.datetime) -> MeetingState:
        days = (start.date() - self.today).days
        r = self.rng.random()
        if r < 0.03:
            return MeetingState.AVLYST
        if days > 14:
            return MeetingState.PLANLAGT
        if days >= 0:
            return MeetingState.INNKALT if r < 0.9 else MeetingState.PLANLAGT
        if days > -14:
            return MeetingState.GJENNOMFORT
        if days > -60:
            return MeetingState.PROTOKOLL_UTKAST if r < 0.3 else MeetingState.PROTOKOLL_GODKJENT
        return MeetingState.ARKIVERT if r < 0.7 else MeetingState.PROTOKOLL_GODKJENT

    def _meetings(self) -> None:
        first = dt.date(self.today.year - 9, 1, 1)
        last = self.today + dt.timedelta(days=150)
        span = (last - first).days
        meetings = []
        for _ in range(self.size.meetings):
            org = self.rng.choices(self.organizations, weights=self.weights)[0]
            day = first + dt.timedelta(days=self.rng.randrange(span))
            if day.weekday() >= 5:
                day -= dt.timedelta(days=day.weekday() - 4)
            start = self._aware(day, self.rng.choice([9, 10, 13, 18]))
            state = self._meeting_state(start)
            m = Meeting(organization=org, start=start, end=start + dt.timedelta(hours=3),
                        location=self.rng.choice(["Kommunestyresalen", "Formannskapssalen", "Møterom Fjorden"]),
                        uid=self._uuid(), state=state, created_at=start - dt.timedelta(days=60),
                        updated_at=min(start + dt.timedelta(days=21), self.now))
            if state in HELD or state == MeetingState.INNKALT:
                m.notice_sent_at = start - dt.timedelta(days=10)
            if state == MeetingState.AVLYST:
                m.cancelled_reason = "Ingen saker til behandling."
            if state in HELD and self.rng.random() < 0.5:
                m.video_url = "https://video.storvik.kommune.no/opptak/" + str(m.uid)[:8]
            meetings.append(m)
        meetings.sort(key=lambda m: m.start)
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        self.meetings = meetings
        self.usable = [m for m in meetings if m.state != MeetingState.AVLYST]
        self.ks_meetings = [m for m in self.usable if m.organization_id == self.ks.pk]
        self.ks_starts = [m.start for m in self.ks_meetings]
        self.counts["meetings"] = len(meetings)
        self._log(f"{len(meetings)} møter")

    # --- cases, consultations, agenda items, decisions ----------------------------------------------------------

    def _case_final_state(self, decided: dt.datetime) -> str:
        age = (self.now - decided).days
        r = self.rng.random()
        if age > 365:
            return CaseState.AVSLUTTET if r < 0.85 else CaseState.I_OPPFOLGING if r < 0.95 else CaseState.VEDTATT
        return CaseState.VEDTATT if r < 0.3 else CaseState.I_OPPFOLGING if r < 0.9 else CaseState.AVSLUTTET

    def _cases(self) -> None:
        n_cases = self.size.cases
        n_pending = max(5, n_cases * 6 // 100)
        cases, papers, plans = [], [], []
        pending_states = [CaseState.UTREDNING, CaseState.TIL_GODKJENNING, CaseState.KLAR]
        serial: dict[int, int] = {}
        for i in range(n_cases):
            pending = i >= n_cases - n_pending
            if pending:
                created = self.now - dt.timedelta(days=self.rng.randint(1, 120))
                path = [self.rng.choice(self.organizations)]
                meetings_ = []
            else:
                m1 = self.rng.choice(self.usable)
                created = m1.start - dt.timedelta(days=self.rng.randint(20, 90))
                meetings_ = [m1]
                org = m1.organization
                if (org.next_organization_id == self.ks.pk and m1.state in HELD and self.rng.random() < 0.78):
                    k = bisect.bisect_left(self.ks_starts, m1.start + dt.timedelta(days=7))
                    if k < len(self.ks_meetings):
                        meetings_.append(self.ks_meetings[k])
                path = [m.organization for m in meetings_]
            if pending:
                state = self.rng.choice(pending_states)
                updated = created
            else:
                last = meetings_[-1]
                if last.state not in HELD:
                    state = CaseState.SATT_OPP
                elif self.rng.random() < 0.01:
                    state = CaseState.TRUKKET
                else:
                    state = self._case_final_state(last.start)
                updated = min(last.start + dt.timedelta(days=1), self.now)
            year = created.year
            serial[year] = serial.get(year, 0) + 1
            title = self.text.title(year)
            exempt = self.rng.random() < 0.03
            case = Case(arkivsaksnummer=f"{year % 100:02d}/{serial[year]}", title=title, exempt=exempt,
                        case_officer=self.rng.choice(self.officers), responsible_unit=self.rng.choice(self.units),
                        created_at=created, updated_at=updated, state=state)
            case.last_sequence = len(path)
            paper = self.text.paper(title, year)
            if exempt:
                case.exempt_basis = self.rng.choice(EXEMPT_BASES)
                case.public_title = self.text.exempt_public_title()
                paper["background"] += f" {EXEMPT_MARKER}: opplysninger om personlige forhold."
                paper["summary"] += f" {EXEMPT_MARKER}."
            exempt_sections = []
            if not exempt and self.rng.random() < 0.02:
                exempt_sections = ["assessment"]
                paper["assessment"] += f" {SECTION_MARKER}: forretningsforhold hos tilbyderen."
            if i % 3000 == 7:
                paper["background"] += f" Tiltaket gjelder også {RARE_WORD}."
            cases.append(case)
            papers.append(CasePaper(case=case, exempt_sections=exempt_sections, updated_at=created, **paper))
            plans.append((meetings_, path, pending))
        Case.objects.bulk_create(cases, batch_size=BATCH)
        for p in papers:
            p.case_id = p.case.pk
        CasePaper.objects.bulk_create(papers, batch_size=BATCH)
        self.cases = cases
        self.papers = {p.case_id: p for p in papers}
        self._log(f"{len(cases)} saker")

        consultations, items_by_meeting = [], {}
        for case, (meetings_, path, pending) in zip(cases, plans, strict=False):
            if pending:
                consultations.append(Consultation(case=case, organization=path[0], sequence=1,
                                                  created_at=case.created_at))
                continue
            for seq, (meeting, org) in enumerate(zip(meetings_, path, strict=False), start=1):
                final = seq == len(path)
                c = Consultation(case=case, organization=org, sequence=seq, created_at=case.created_at,
                                 authoritative=final and (org.pk == self.ks.pk or len(path) == 1),
                                 recommendation=self.papers[case.pk].recommendation,
                                 recommendation_source="Kommunedirektøren" if seq == 1 else path[seq - 2].name,
                                 recommendation_approved_by=self.kd,
                                 recommendation_approved_at=case.created_at + dt.timedelta(days=10))
                consultations.append(c)
                items_by_meeting.setdefault(meeting.pk, []).append(c)
        Consultation.objects.bulk_create(consultations, batch_size=BATCH)
        self.counts["consultations"] = len(consultations)
        self._log(f"{len(consultations)} behandlinger")

        items, counters = [], {}
        rs_share = 0.1
        for meeting in self.meetings:
            todo = list(items_by_meeting.get(meeting.pk, []))
            extra = sum(1 for _ in todo if self.rng.random() < rs_share)
            year = meeting.start.year
            position = 0
            for c in todo + [None] * extra:
                position += 1
                kind = AgendaItemKind.PS if c is not None else self.rng.choice([AgendaItemKind.RS, AgendaItemKind.OS])
                key = (meeting.organization_id, kind, year)
                number = None
                if kind != AgendaItemKind.OS:
                    counters[key] = counters.get(key, 0) + 1
                    number = counters[key]
                if c is not None:
                    case = c.case
                    title = case.title
                    public_title = case.public_title if case.exempt else ""
                else:
                    title = self.text.title(year).replace("Reguleringsplan", "Melding om reguleringsplan")
                    title = "Referatsak: " + title if kind == AgendaItemKind.RS else "Orientering: " + title
                    public_title = ""
                item = AgendaItem(meeting=meeting, organization_id=meeting.organization_id, consultation=c, kind=kind,
                                  number=number, year=year, position=position, title=title[:250],
                                  public_title=public_title)
                if c is not None and self.rng.random() < 0.02:
                    item.closed = True
                    item.closed_basis = self.rng.choice(list(ClosedBasis))
                    self.papers[c.case.pk].background += f" {CLOSED_MARKER}: drøftet for lukkede dører."
                if meeting.video_url:
                    item.video_offset_seconds = position * 600
                items.append(item)
        AgendaItem.objects.bulk_create(items, batch_size=BATCH)
        AgendaCounter.objects.bulk_create([AgendaCounter(organization_id=o, kind=k, year=y, last_number=n)
                                           for (o, k, y), n in counters.items()], batch_size=BATCH)
        CasePaper.objects.bulk_update([p for p in self.papers.values() if CLOSED_MARKER in p.background],
                                      ["background"], batch_size=BATCH)
        self.items = items
        self.counts["agenda_items"] = len(items)
        self._log(f"{len(items)} saker på sakslister")

        decisions = []
        for item in items:
            if item.consultation is None or item.meeting.state not in HELD:
                continue
            case = item.consultation.case
            if case.state == CaseState.TRUKKET and item.consultation.sequence == case.last_sequence:
                continue  # withdrawn in the meeting: no decision on its last item
            text = self.text.decision(item.year)
            if case.exempt:
                text += f" {EXEMPT_MARKER}: vilkår for den enkelte."
            if item.closed:
                text += f" {CLOSED_MARKER}: vedtak i lukket møte."
            unanimous = self.rng.random() < 0.7
            decided = item.meeting.start + dt.timedelta(hours=1, minutes=item.position * 5)
            decisions.append(Decision(consultation=item.consultation, agenda_item=item, text=text,
                                      unanimous=unanimous, decided_at=decided, created_at=decided,
                                      vote_summary="" if unanimous else "Vedtatt mot stemmene fra opposisjonen."))
        Decision.objects.bulk_create(decisions, batch_size=BATCH)
        self.decisions = decisions
        self.counts["decisions"] = len(decisions)
        self.counts["cases"] = len(cases)
        self._log(f"{len(decisions)} vedtak")

    # --- votes with named ballots (kommunestyret) ----------------------------------------------------------------

    def _term_index(self, day: dt.date) -> int:
        for t, (_n, start, end) in enumerate(TERMS):
            if start <= day <= end:
                return t
        return 0 if day < TERMS[0][1] else len(TERMS) - 1

    def _votes(self) -> None:
        ks_decisions = [d for d in self.decisions if d.agenda_item.meeting.organization_id == self.ks.pk
                        and not d.agenda_item.closed]
        members = len(self.ks_members.get(0, [])) or 1
        wanted = min(len(ks_decisions), self.size.ballots // members)
        chosen = self.rng.sample(ks_decisions, wanted)
        proposals = [Proposal(agenda_item=d.agenda_item, by="Kommunedirektøren", text=d.consultation.recommendation,
                              is_recommendation=True, position=1, created_at=d.decided_at) for d in chosen]
        Proposal.objects.bulk_create(proposals, batch_size=BATCH)
        votes, ballot_plan = [], []
        for d, p in zip(chosen, proposals, strict=False):
            ms = self.ks_members[self._term_index(d.decided_at.date())]
            against_lists = set(self.rng.sample([pt.pk for pt in self.parties], 2))
            choices = ["mot" if m.electoral_list_id in against_lists else "for" for m in ms]
            v = Vote(agenda_item=d.agenda_item, proposal=p, for_count=choices.count("for"),
                     against_count=choices.count("mot"), adopted=choices.count("for") > choices.count("mot"),
                     created_at=d.decided_at)
            votes.append(v)
            ballot_plan.append(list(zip(ms, choices, strict=False)))
        Vote.objects.bulk_create(votes, batch_size=BATCH)
        ballots = [Ballot(vote=v, membership=m, choice=c)
                   for v, plan in zip(votes, ballot_plan, strict=True) for m, c in plan]
        Ballot.objects.bulk_create(ballots, batch_size=BATCH)
        self.counts["votes"] = len(votes)
        self.counts["ballots"] = len(ballots)
        self._log(f"{len(ballots)} stemmer")

    # --- follow-ups, minutes ------------------------------------------------------------------------------------

    def _followups(self) -> None:
        final = {CaseState.VEDTATT, CaseState.I_OPPFOLGING, CaseState.AVSLUTTET}
        candidates = [d for d in self.decisions if d.consultation.authoritative and d.consultation.case.state in final]
        followups = []
        for n in range(min(self.size.followups, len(candidates) * 2)):
            d = candidates[n % len(candidates)] if n >= len(candidates) else self.rng.choice(candidates)
            case = d.consultation.case
            deadline = (d.decided_at + dt.timedelta(days=self.rng.randint(30, 400))).date()
            if case.state == CaseState.AVSLUTTET:
                state = FollowUpState.FULLFORT if self.rng.random() < 0.9 else FollowUpState.IKKE_GJENNOMFORT
            elif case.state == CaseState.I_OPPFOLGING:
                state = FollowUpState.PAGAR if self.rng.random() < 0.7 else FollowUpState.IKKE_STARTET
            else:
                state = FollowUpState.IKKE_STARTET
            closed = state in (FollowUpState.FULLFORT, FollowUpState.IKKE_GJENNOMFORT)
            followups.append(FollowUp(
                decision=d, organization_id=d.consultation.organization_id,
                description=self.text.followup(deadline.year), responsible_unit=case.responsible_unit,
                responsible_person=case.case_officer, deadline=deadline, created_by=self.fagleder, state=state,
                reason="Tiltaket ble ikke finansiert." if state == FollowUpState.IKKE_GJENNOMFORT else "",
                closed_at=min(self._aware(deadline, 12), self.now) if closed else None,
                created_at=d.decided_at + dt.timedelta(days=2),
                updated_at=min(self._aware(deadline, 12), self.now)))
        FollowUp.objects.bulk_create(followups, batch_size=BATCH)
        self.followups = followups
        # The kommunedirektør's half-year reports (KS: report to the political level), the last two years.
        reports = []
        for org in self.organizations[:5]:
            for half in range(4):
                end_year = self.today.year - 1 - half // 2
                start, end = ((dt.date(end_year, 7, 1), dt.date(end_year, 12, 31)) if half % 2 == 0
                              else (dt.date(end_year, 1, 1), dt.date(end_year, 6, 30)))
                reports.append(FollowUpReport(organization=org, period_start=start, period_end=end,
                                              created_by=self.kd))
        FollowUpReport.objects.bulk_create(reports)
        self.counts["followups"] = len(followups)
        self._log(f"{len(followups)} oppfølginger")

    def _minutes(self) -> None:
        rows = []
        for m in self.meetings:
            if m.state in (MeetingState.PROTOKOLL_UTKAST, MeetingState.PROTOKOLL_GODKJENT, MeetingState.ARKIVERT):
                approved = m.state != MeetingState.PROTOKOLL_UTKAST
                rows.append(Minutes(meeting=m, approved_at=m.start + dt.timedelta(days=20) if approved else None,
                                    approved_by=self.fagleder if approved else None,
                                    approval_label=f"{m.organization.name} i neste møte" if approved else ""))
        Minutes.objects.bulk_create(rows, batch_size=BATCH)

    # --- the audit trail and the generated documents -------------------------------------------------------------

    def _audit(self) -> None:
        ct_case = ContentType.objects.get_for_model(Case)
        ct_meeting = ContentType.objects.get_for_model(Meeting)
        ct_followup = ContentType.objects.get_for_model(FollowUp)
        target = self.size.audit
        rows: list[AuditEntry] = []
        actor_name = f"{self.fagleder.first_name} {self.fagleder.last_name}"

        def add(ct, obj, at, action, label, frm="", to=""):
            rows.append(AuditEntry(content_type=ct, object_id=obj.pk, object_repr=str(obj.pk), actor=self.fagleder,
                                   actor_name=actor_name, at=at, action=action, action_label=label,
                                   from_state=frm, to_state=to))

        path = [("opprettet", "Sak opprettet", "", "utredning"), ("submit", "Send til godkjenning", "utredning",
                                                                     "til_godkjenning"),
                ("approve", "Godkjenn innstillingen", "til_godkjenning", "klar"),
                ("schedule", "Sett opp på saksliste", "klar", "satt_opp"),
                ("decide", "Registrer vedtak", "satt_opp", "behandlet"),
                ("finalize", "Endelig vedtatt", "behandlet", "vedtatt"),
                ("start_follow_up", "Start oppfølging", "vedtatt", "i_oppfolging"),
                ("close", "Avslutt saken", "i_oppfolging", "avsluttet")]
        depth = {CaseState.UTREDNING: 1, CaseState.TIL_GODKJENNING: 2, CaseState.KLAR: 3, CaseState.SATT_OPP: 4,
                 CaseState.TRUKKET: 4, CaseState.VEDTATT: 6, CaseState.I_OPPFOLGING: 7, CaseState.AVSLUTTET: 8}
        for case in self.cases:
            for step, (action, label, frm, to) in enumerate(path[:depth.get(case.state, 5)]):
                add(ct_case, case, case.created_at + dt.timedelta(days=step * 7), action, label, frm, to)
        mpath = [("opprettet", "Møte opprettet", "", "planlagt"), ("send_notice", "Send innkalling", "planlagt",
                                                                   "innkalt"),
                 ("hold", "Marker som gjennomført", "innkalt", "gjennomfort"),
                 ("draft_minutes", "Lag protokollutkast", "gjennomfort", "protokoll_utkast"),
                 ("approve_minutes", "Godkjenn protokollen", "protokoll_utkast", "protokoll_godkjent"),
                 ("archive", "Arkiver", "protokoll_godkjent", "arkivert")]
        mdepth = {MeetingState.PLANLAGT: 1, MeetingState.INNKALT: 2, MeetingState.GJENNOMFORT: 3,
                  MeetingState.PROTOKOLL_UTKAST: 4, MeetingState.PROTOKOLL_GODKJENT: 5, MeetingState.ARKIVERT: 6,
                  MeetingState.AVLYST: 1}
        for m in self.meetings:
            for step, (action, label, frm, to) in enumerate(mpath[:mdepth[m.state]]):
                add(ct_meeting, m, m.created_at + dt.timedelta(days=step * 15), action, label, frm, to)
        for f in self.followups:
            add(ct_followup, f, f.created_at, "opprettet", "Oppfølging opprettet", "", "ikke_startet")
        while len(rows) < target:  # paper edits and status notes make up the rest of a real trail
            case = self.rng.choice(self.cases)
            add(ct_case, case, case.created_at + dt.timedelta(days=self.rng.randint(1, 20)), "endret",
                "Saksframlegg endret")
        rows = rows[:target]
        _insert(AuditEntry, rows)
        self.counts["audit_rows"] = len(rows)
        self._log(f"{len(rows)} revisjonsspor")

    def _documents(self) -> None:
        from document_templates.models import GeneratedDocument

        target = self.size.documents
        specs = []
        for m in self.meetings:
            if m.notice_sent_at:
                specs += [("innkalling", m.pk, True, m.notice_sent_at), ("innkalling", m.pk, False, m.notice_sent_at)]
            if m.state in (MeetingState.PROTOKOLL_GODKJENT, MeetingState.ARKIVERT):
                done = m.start + dt.timedelta(days=20)
                specs += [("protokoll", m.pk, True, done), ("protokoll", m.pk, False, done)]
        for case in self.cases:
            specs += [("saksframlegg", case.pk, False, case.created_at + dt.timedelta(days=7))]
            if case.state not in (CaseState.UTREDNING, CaseState.TIL_GODKJENNING, CaseState.KLAR):
                specs += [("saksframlegg", case.pk, True, case.created_at + dt.timedelta(days=14))]
        for d in self.decisions:
            specs.append(("saerutskrift", d.agenda_item.pk, False, d.decided_at + dt.timedelta(days=3)))
        while len(specs) < target:  # new versions after a paper was changed
            case = self.rng.choice(self.cases)
            specs.append(("saksframlegg", case.pk, False, case.created_at + dt.timedelta(days=self.rng.randint(1, 30))))
        rows = []
        for kind, pk, public, at in specs[:target]:
            digest = hashlib.sha256(f"{kind}:{pk}:{public}:{at.isoformat()}".encode()).hexdigest()
            rows.append(GeneratedDocument(kind=kind, object_id=pk, public=public, maalform="nb",
                                          filename=f"{kind}-{pk}.docx", content=b"", checksum=digest,
                                          size=self.rng.randint(18_000, 240_000), template_version="1",
                                          input_version="seed_scale", created_at=at))
        _insert(GeneratedDocument, rows)
        self.counts["document_rows"] = len(rows)
        self._log(f"{len(rows)} dokumentrader")

    def _analyze(self) -> None:
        """Fresh planner statistics: bulk-loaded tables otherwise look empty to PostgreSQL for a while."""
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self._log("ANALYZE")

    def _search_index(self) -> None:
        from secretariat.access.search import refresh_public_search_vectors

        refresh_public_search_vectors()
        self._log("søkeindeks")

    def _real_documents(self) -> None:
        """A sample of real files: the public case paper of a few public cases, made by the registry."""
        from document_templates import registry
        from secretariat import access

        public = access.public_cases(Case.objects.filter(exempt=False)).order_by("pk")
        sample = list(public[:self.size.real_documents])
        for case in sample:
            registry.generate("saksframlegg", case, public=True)
        self.counts["real_documents"] = len(sample)
        self._log(f"{len(sample)} ekte dokumenter")
