"""The planted world of the access matrix: every protected state of the access policy (BRIEF.md), each with
unique marker strings, built once through the real services on top of the demo kommune.

Our own body, «Matriseutvalget» (three members, one of them the folkevalgt-on-the-body user), treats:

- `meeting_held` (10 days ago, minutes drafted but NOT approved): `case_public` (with a proposal and a
  protokolltilførsel), `case_exempt` (exempt: real title, kort fortalt, innstilling; a transition comment in its
  history) and `case_closed` (an item closed under koml. § 11-5: its content is protected);
- `meeting_noticed` (in 20 days, notice sent): `case_sections` (not exempt, but its bakgrunn and innstilling are
  exempt sections, approved so the innstilling is copied onto the consultation; an exempt attachment) and
  afterwards `case_tillegg`, a tilleggssak added after the notice whose own notice has NOT gone out;
- `meeting_planned` (in 30 days, notice not sent): `case_planned` on its agenda;
- `case_draft` (under utredning) and `case_draft_exempt` (exempt, under utredning, on no agenda).

The demo kommune (seed_demo) supplies the objects of the routes that hold no protected content (weddings,
appointment rounds, elections, meeting plans …). Its own data has no markers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from secretariat.accounts.roles import Role

# The seven roles of issue 11, part 4.
ANONYMOUS = "anonymous"
FV_OTHER = "folkevalgt_other_body"
FV_BODY = "folkevalgt_on_body"
OWNER = "saksbehandler_owner"
OTHER_SB = "saksbehandler_other"
FAGLEDER = "fagleder"
KD = "kommunedirektor"
ROLES = (ANONYMOUS, FV_OTHER, FV_BODY, OWNER, OTHER_SB, FAGLEDER, KD)
STAFF = frozenset({OWNER, OTHER_SB, FAGLEDER, KD})

# Who may see protected content of a case of the body on a noticed agenda (exempt content, exempt sections and
# attachments, closed items, exempt history): the secretariat, the kommunedirektør, the owner, and the members
# of the body that has it on a noticed agenda.
PROTECTED_READERS = frozenset({FAGLEDER, KD, OWNER, FV_BODY})


@dataclass(frozen=True)
class Marker:
    text: str
    what: str
    allowed: frozenset  # roles that may see it on a non-public surface; public surfaces show it to nobody


def _m(name: str) -> str:
    # Letters only, framed so that no marker is a substring of another.
    return f"QXZ{name}ZXQ"


MARKERS = [
    Marker(_m("EXEMPTTITLE"), "real title of the exempt case", PROTECTED_READERS),
    Marker(_m("EXEMPTSUMMARY"), "kort fortalt of the exempt case", PROTECTED_READERS),
    Marker(_m("EXEMPTBACKGROUND"), "bakgrunn of the exempt case", PROTECTED_READERS),
    Marker(_m("EXEMPTINNSTILLING"), "innstilling of the exempt case", PROTECTED_READERS),
    Marker(_m("EXEMPTHISTORY"), "transition comment in the history of the exempt case", PROTECTED_READERS),
    Marker(_m("SECTIONBACKGROUND"), "exempt section (bakgrunn) of a public case", PROTECTED_READERS),
    Marker(_m("SECTIONINNSTILLING"), "exempt innstilling copied onto the consultation", PROTECTED_READERS),
    Marker(_m("ATTACHMENTTITLE"), "title of an exempt attachment", PROTECTED_READERS),
    Marker(_m("ATTACHMENTFILE"), "content of an exempt attachment", PROTECTED_READERS),
    Marker(_m("CLOSEDSUMMARY"), "kort fortalt of a closed item (koml. § 11-5)", PROTECTED_READERS),
    Marker(_m("CLOSEDBACKGROUND"), "bakgrunn of a closed item (koml. § 11-5)", PROTECTED_READERS),
    Marker(_m("CLOSEDDECISION"), "decision text of a closed item (koml. § 11-5)", PROTECTED_READERS),
    Marker(_m("DRAFTTITLE"), "title of a draft case", STAFF),
    Marker(_m("DRAFTSUMMARY"), "kort fortalt of a draft case", STAFF),
    Marker(_m("DRAFTXTITLE"), "real title of an exempt draft on no agenda", frozenset({FAGLEDER, KD, OWNER})),
    Marker(_m("DRAFTXSUMMARY"), "kort fortalt of an exempt draft on no agenda", frozenset({FAGLEDER, KD, OWNER})),
    Marker(_m("PLANNEDTITLE"), "title of an item on an agenda whose notice is not sent", STAFF),
    Marker(_m("PLANNEDSUMMARY"), "kort fortalt of an item on an agenda whose notice is not sent", STAFF),
    Marker(_m("PLANNEDINNSTILLING"), "innstilling of an item on an agenda whose notice is not sent", STAFF),
    Marker(_m("TILLEGGTITLE"), "title of a tilleggssak before its own notice", STAFF),
    Marker(_m("TILLEGGSUMMARY"), "kort fortalt of a tilleggssak before its own notice", STAFF),
    Marker(_m("TILLEGGINNSTILLING"), "innstilling of a tilleggssak before its own notice", STAFF),
    Marker(_m("REMARK"), "protokolltilførsel in unapproved minutes", STAFF | {FV_BODY}),
    Marker(_m("PROPOSAL"), "proposal in unapproved minutes", STAFF | {FV_BODY}),
    # questions (session 19): an exempt spørsmål, and an exempt delegated decision reported as RS on a noticed agenda
    Marker(_m("QUESTIONTITLE"), "title of an exempt spørsmål", frozenset({FAGLEDER, KD, FV_BODY})),
    Marker(_m("QUESTIONTEXT"), "text of an exempt spørsmål", frozenset({FAGLEDER, KD, FV_BODY})),
    Marker(_m("DELEGATEDTITLE"), "real title of an exempt delegated decision (RS)", frozenset({FAGLEDER, KD, FV_BODY})),
    # the politikerportal (session 20): private notes are their writer's alone; a permisjon's ground and an advance
    # declaration of inhabilitet are the member's and the secretariat's
    Marker(_m("NOTEBODY"), "private note of the folkevalgt on the body", frozenset({FV_BODY})),
    Marker(_m("NOTEOTHER"), "private note of the folkevalgt of another body", frozenset({FV_OTHER})),
    Marker(_m("LEAVEGROUND"), "ground of an application for permisjon", frozenset({FV_BODY, FAGLEDER})),
    Marker(_m("RECUSALREASON"), "reason of an advance declaration of inhabilitet", frozenset({FV_BODY, FAGLEDER})),
]
M = {marker.text.removeprefix("QXZ").removesuffix("ZXQ"): marker.text for marker in MARKERS}


@dataclass
class World:
    users: dict  # role -> user (no entry for ANONYMOUS)
    ids: dict = field(default_factory=dict)  # name -> primary key or other URL value
    objects: dict = field(default_factory=dict)
    superuser: object = None  # only for the admin's list pages
    sessions: dict = field(default_factory=dict)  # role (or "superuser") -> session key of a logged-in client


def _start(days: int, hour: int = 18) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(hour)))


def build_world() -> World:
    from document_templates.attachments import attachment_add
    from document_templates.registry import default_template_bytes, get_kind
    from document_templates.validation import template_upload
    from secretariat.cases.services import case_transition, case_update
    from secretariat.followups.models import FollowUpReport
    from secretariat.followups.services import followup_create, legality_demand_register, report_create
    from secretariat.meetings import services as meetings
    from secretariat.organizations.models import AdministrativeUnit, LegislativeTerm, MembershipRole, Party
    from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, UserFactory
    from tests.helpers import case_in_state, new_case

    call_command("seed_demo")

    users = {
        FV_OTHER: UserFactory(username="mx-fv-annet", role=Role.FOLKEVALGT),
        FV_BODY: UserFactory(username="mx-fv-organ", role=Role.FOLKEVALGT),
        OWNER: UserFactory(username="mx-eier", role=Role.SAKSBEHANDLER),
        OTHER_SB: UserFactory(username="mx-annen-sb", role=Role.SAKSBEHANDLER),
        FAGLEDER: UserFactory(username="mx-fagleder", role=Role.FAGLEDER),
        KD: UserFactory(username="mx-kd", role=Role.KOMMUNEDIREKTOR),
    }
    world = World(users=users, superuser=UserFactory(username="mx-admin", is_superuser=True, is_staff=True))
    fagleder, kd, owner = users[FAGLEDER], users[KD], users[OWNER]

    term = LegislativeTerm.objects.order_by("-start_date").first()
    party = Party.objects.order_by("pk").first()
    body = OrganizationFactory(body=term.body, name="Matriseutvalget", slug="matriseutvalget", seats=3)
    other_body = OrganizationFactory(body=term.body, name="Andreutvalget", slug="andreutvalget", seats=3)

    def member(org, given, user=None, role=MembershipRole.MEMBER):
        person = PersonFactory(given_name=given, family_name="Matrise", user=user, party=party,
                               email=f"{given.lower()}@matrise.test")
        MembershipFactory(person=person, organization=org, term=term, role=role, electoral_list=party,
                          start_date=term.start_date)
        return person

    body_person = member(body, "Organmedlem", users[FV_BODY], MembershipRole.LEADER)
    member(body, "Bmedlem")
    member(body, "Cmedlem")
    other_person = member(other_body, "Annetmedlem", users[FV_OTHER], MembershipRole.LEADER)
    world.ids.update(body_slug=body.slug, other_body_slug=other_body.slug, person_body=body_person.pk,
                     person_other=other_person.pk)

    people = {"organization": body, "officer": owner, "fagleder": fagleder, "kommunedirektor": kd}

    # --- the held meeting, minutes not approved -------------------------------------------------------------
    held = meetings.meeting_create(actor=fagleder, organization=body, start=_start(-10), location="Matrisesalen")
    public = case_in_state("klar", title="Ny gangveg til skulen", summary="Kommunen bygger gangveg.", **people)
    exempt = new_case(title=f"Oppseiing av {M['EXEMPTTITLE']} Hansen", public_title="Personalsak i utvalet",
                      exempt=True, exempt_basis="offl13_fvl13_1", summary=M["EXEMPTSUMMARY"],
                      background=M["EXEMPTBACKGROUND"], recommendation=M["EXEMPTINNSTILLING"], organization=body,
                      officer=owner)
    case_transition(case=exempt, name="submit", actor=owner, comment=f"Sendt med merknad {M['EXEMPTHISTORY']}.")
    exempt.refresh_from_db()
    case_transition(case=exempt, name="approve", actor=kd)
    exempt.refresh_from_db()
    closed = case_in_state("klar", title="Sal av tomt på Neset", summary=M["CLOSEDSUMMARY"],
                           background=M["CLOSEDBACKGROUND"], **people)
    item_public = meetings.agenda_item_add(actor=fagleder, meeting=held, case=public)
    item_exempt = meetings.agenda_item_add(actor=fagleder, meeting=held, case=exempt)
    item_closed = meetings.agenda_item_add(actor=fagleder, meeting=held, case=closed)
    meetings.agenda_item_close(actor=fagleder, item=item_closed, closed=True, basis="11-5-3-b")
    held.refresh_from_db()
    meetings.meeting_send_notice(actor=fagleder, meeting=held, override_reason="Matrise: innkalt i ettertid")
    held.refresh_from_db()
    meetings.attendance_fill_from_notice(actor=fagleder, meeting=held)
    meetings.proposal_add(actor=fagleder, item=item_public, by="Sp", text=f"Forslag {M['PROPOSAL']}.")
    meetings.remark_add(actor=fagleder, meeting=held, item=item_public, by="Sp", text=f"Tilførsel {M['REMARK']}.")
    for item, text in ((item_public, "Gangvegen blir bygd."), (item_exempt, "Vedtatt som innstilt."),
                       (item_closed, f"Prisen {M['CLOSEDDECISION']} blir godtatt.")):
        item.refresh_from_db()
        meetings.item_decide(actor=fagleder, item=item, text=text)
    held.refresh_from_db()
    meetings.meeting_hold(actor=fagleder, meeting=held)
    held.refresh_from_db()
    meetings.minutes_draft(actor=fagleder, meeting=held)
    held.refresh_from_db()
    assert held.state == "protokoll_utkast"

    # --- the noticed meeting, a tilleggssak before its own notice -------------------------------------------
    noticed = meetings.meeting_create(actor=fagleder, organization=body, start=_start(20), location="Matrisesalen")
    sections = new_case(title="Kjøp av tomt til barnehage", summary="Kommunen kjøper ei tomt.",
                        background=M["SECTIONBACKGROUND"], recommendation=M["SECTIONINNSTILLING"],
                        organization=body, officer=owner)
    case_update(case=sections, actor=owner, data={"exempt_sections": ["background", "recommendation"]})
    attachment = attachment_add(
        actor=owner, case=sections, title=f"Takst {M['ATTACHMENTTITLE']}", exempt=True,
        exempt_basis="offl13_fvl13_1",
        upload=SimpleUploadedFile("takst.txt", f"Takst: {M['ATTACHMENTFILE']}\n".encode(), "text/plain"))
    case_transition(case=sections, name="submit", actor=owner)
    sections.refresh_from_db()
    case_transition(case=sections, name="approve", actor=kd)
    sections.refresh_from_db()
    assert M["SECTIONINNSTILLING"] in sections.current_consultation.recommendation  # copied at approval
    item_sections = meetings.agenda_item_add(actor=fagleder, meeting=noticed, case=sections)
    noticed.refresh_from_db()
    delegated = _plant_delegated_decision(fagleder, body, noticed)
    meetings.meeting_send_notice(actor=fagleder, meeting=noticed)
    noticed.refresh_from_db()
    questions = _plant_questions(fagleder, noticed, body_person)
    tillegg = case_in_state("klar", title=f"Tilleggssak {M['TILLEGGTITLE']}", summary=M["TILLEGGSUMMARY"],
                            recommendation=M["TILLEGGINNSTILLING"], **people)
    item_tillegg = meetings.agenda_item_add(actor=fagleder, meeting=noticed, case=tillegg)
    assert item_tillegg.is_supplementary and item_tillegg.notice_sent_at is None

    # --- the planned meeting: an agenda before its notice ---------------------------------------------------
    planned = meetings.meeting_create(actor=fagleder, organization=body, start=_start(30), location="Matrisesalen")
    planned_case = case_in_state("klar", title=f"Planlagt {M['PLANNEDTITLE']}", summary=M["PLANNEDSUMMARY"],
                                 recommendation=M["PLANNEDINNSTILLING"], **people)
    item_planned = meetings.agenda_item_add(actor=fagleder, meeting=planned, case=planned_case)

    # --- drafts ---------------------------------------------------------------------------------------------
    draft = new_case(title=f"Utkast {M['DRAFTTITLE']}", summary=M["DRAFTSUMMARY"], organization=body, officer=owner)
    draft_exempt = new_case(title=f"Personalsak {M['DRAFTXTITLE']}", public_title="Personalsak under arbeid",
                            exempt=True, exempt_basis="offl13_fvl13_1", summary=M["DRAFTXSUMMARY"],
                            organization=body, officer=owner)

    # --- follow-up of the exempt and the closed decision, and a report covering them -----------------------
    unit = AdministrativeUnit.objects.order_by("pk").first() or AdministrativeUnit.objects.create(name="Stab")
    decisions = {}
    for name, case in (("exempt", exempt), ("closed", closed), ("public", public)):
        case.refresh_from_db()
        decisions[name] = case.current_consultation.decisions.get()
    followup = followup_create(actor=fagleder, decision=decisions["exempt"], description="Gjennomfør vedtaket.",
                               responsible_unit=unit, responsible_person=owner,
                               deadline=timezone.localdate() + dt.timedelta(days=30))
    followup_create(actor=fagleder, decision=decisions["closed"], description="Gjennomfør salet.",
                    responsible_unit=unit, responsible_person=owner,
                    deadline=timezone.localdate() + dt.timedelta(days=30))
    from secretariat.followups.legality import legality_signer_choices

    demand = legality_demand_register(actor=fagleder, decision=decisions["public"],
                                      signers=list(legality_signer_choices()[:3]))
    report = report_create(actor=fagleder, organization=body, period_start=timezone.localdate() - dt.timedelta(60),
                           period_end=timezone.localdate() + dt.timedelta(60))
    assert isinstance(report, FollowUpReport)
    template = template_upload(actor=fagleder, kind="saksframlegg", maalform="nb", filename="saksframlegg.docx",
                               content=default_template_bytes(get_kind("saksframlegg"), "nb"))

    for obj in (held, noticed, planned, item_public, item_exempt, item_closed, item_sections, item_tillegg,
                item_planned):
        obj.refresh_from_db()
    world.objects.update(meeting_held=held, meeting_noticed=noticed, meeting_planned=planned)
    world.ids.update(
        case_public=public.pk, case_exempt=exempt.pk, case_closed=closed.pk, case_sections=sections.pk,
        case_tillegg=tillegg.pk, case_planned=planned_case.pk, case_draft=draft.pk, case_draft_exempt=draft_exempt.pk,
        meeting_held=held.pk, meeting_noticed=noticed.pk, meeting_planned=planned.pk,
        item_public=item_public.pk, item_exempt=item_exempt.pk, item_closed=item_closed.pk,
        item_sections=item_sections.pk, item_tillegg=item_tillegg.pk, item_planned=item_planned.pk,
        consultation_public=public.consultations.order_by("pk").first().pk,
        attachment_exempt=attachment.pk, decision_exempt=decisions["exempt"].pk,
        decision_closed=decisions["closed"].pk, decision_public=decisions["public"].pk, followup_exempt=followup.pk,
        legality_demand=demand.pk, followup_report=report.pk, template=template.pk,
        template_version=template.version, question_public=questions[0].pk, question_exempt=questions[1].pk,
        delegated_exempt=delegated.pk, item_delegated=delegated.agenda_item_id,
    )
    _demo_objects(world)
    _plant_portal(world, item_sections)
    _plant_remuneration(world)
    return world


def _plant_portal(world: World, item) -> None:
    """The politikerportal's private and personal records: a note (with a highlight) by each folkevalgt on the same
    public paper, a pending permisjon with its ground, and an advance declaration of inhabilitet."""
    import datetime as dt

    from secretariat.cases.models import Case
    from secretariat.members.leave import leave_apply
    from secretariat.members.services import note_add, recusal_declare

    case = Case.objects.get(pk=world.ids["case_public"])
    body_user, other_user = world.users[FV_BODY], world.users[FV_OTHER]
    note_body = note_add(actor=body_user, case=case, section="summary", quote="gangveg",
                         text=f"Mitt notat {M['NOTEBODY']}")
    note_add(actor=other_user, case=case, text=f"Annet notat {M['NOTEOTHER']}")
    today = timezone.localdate()
    leave = leave_apply(actor=body_user, person=body_user.person, kind="permisjon",
                        start_date=today + dt.timedelta(days=100), end_date=today + dt.timedelta(days=130),
                        ground=f"Grunn {M['LEAVEGROUND']}")
    recusal_declare(actor=body_user, item=item, reason=f"Inhabil fordi {M['RECUSALREASON']}")
    world.ids.update(note_body=note_body.pk, leave_body=leave.pk)


def _plant_remuneration(world: World) -> None:
    """Godtgjøring and opplæring (issue 15): the body member's claim for the held meeting with a receipt, an old
    payroll export, and a training course with an upcoming session and a material (the demo has the rates)."""
    from secretariat.remuneration.services import claim_create, claim_line_add, payroll_export
    from secretariat.training.models import Course
    from secretariat.training.services import material_add, session_add

    fv_body, fagleder = world.users[FV_BODY], world.users[FAGLEDER]
    claim = claim_create(actor=fv_body, meeting=world.objects["meeting_held"])
    line = claim_line_add(actor=fv_body, claim=claim, kind="utlegg", amount=120, description="Parkering",
                          upload=SimpleUploadedFile("kvittering.txt", b"Parkering 120 kr\n", "text/plain"))
    from secretariat.organizations.models import Person
    from secretariat.remuneration.models import Payee

    for person in Person.objects.filter(memberships__isnull=False, payee__isnull=True).distinct():
        Payee.objects.create(person=person, employee_number=f"7{person.pk:05d}")  # the export needs every number
    export = payroll_export(actor=fagleder, month=dt.date(2024, 1, 1))
    course = Course.objects.order_by("pk").first()
    session = session_add(actor=fagleder, course=course, start=_start(40), end=_start(40) + dt.timedelta(hours=3),
                          location="Matrisesalen")
    material = material_add(actor=fagleder, course=course, title="Lysark",
                            upload=SimpleUploadedFile("lysark.txt", b"Kommuneloven\n", "text/plain"))
    from secretariat.remuneration.models import AnnualSummary

    summary = AnnualSummary.objects.create(person=fv_body.person, year=timezone.localdate().year)
    world.ids.update(annual_summary=summary.pk)
    world.ids.update(fixed_payment=export.fixed_payments.order_by("pk").first().pk)
    world.ids.update(claim=claim.pk, claim_line=line.pk, payroll_export=export.pk, course=course.pk,
                     training_session=session.pk, training_material=material.pk,
                     summary_year=timezone.localdate().year)


def _plant_delegated_decision(fagleder, body, meeting):
    """An exempt delegated decision reported as RS on the agenda before its notice."""
    from secretariat.delegations.services import delegated_decision_register, delegated_decisions_report

    today = timezone.localdate()
    decision = delegated_decision_register(actor=fagleder, data={
        "decided_on": today - dt.timedelta(days=5), "decided_by": "Kommunedirektøren",
        "authority": "Delegeringsreglementet pkt. 3.1", "title": f"Tilskot til {M['DELEGATEDTITLE']}",
        "arkivsaksnummer": "26/4711", "exempt": True, "exempt_basis": "offl13_fvl13_1",
        "public_title": "Tilskot til einskildperson", "report_to": body})
    delegated_decisions_report(actor=fagleder, meeting=meeting, period_start=today - dt.timedelta(days=30),
                               period_end=today)
    decision.refresh_from_db()
    return decision


def _plant_questions(fagleder, meeting, person):
    """A public interpellasjon (answered) and an exempt spørsmål on the noticed meeting."""
    from secretariat.meetings import services as meetings

    public = meetings.question_add(actor=fagleder, meeting=meeting, asked_by=person, kind="interpellasjon",
                                   title="Skulevegen", text="Kva vil ordføraren gjere med skulevegen?")
    meetings.question_answer(actor=fagleder, question=public, answer="Saka kjem til hausten.")
    exempt = meetings.question_add(actor=fagleder, meeting=meeting, asked_by=person, kind="sporsmal",
                                   title=f"Om {M['QUESTIONTITLE']}", text=f"Tekst {M['QUESTIONTEXT']}")
    meetings.question_set_exempt(actor=fagleder, question=exempt, exempt_basis="offl13_fvl13_1")
    return public, exempt


def _demo_objects(world: World) -> None:
    """Objects of the routes without protected content, taken from the demo kommune."""
    from calendars.models import MeetingPlan
    from calendars.services import token_ensure
    from secretariat.appointments.models import AppointmentRound, MembershipChange
    from secretariat.elections.models import ElectionProject
    from secretariat.innsyn.models import Hearing
    from secretariat.meetings.models import Vote
    from secretariat.organizations.models import Membership, Party
    from secretariat.weddings.models import Wedding, WeddingReport

    round_open = AppointmentRound.objects.filter(state="kunngjort").order_by("pk").first()
    round_done = AppointmentRound.objects.exclude(state="kunngjort").order_by("pk").first()
    project = ElectionProject.objects.order_by("pk").first()
    plan = MeetingPlan.objects.order_by("pk").first()
    person = world.users[FV_BODY].person
    world.ids.update(
        wedding=Wedding.objects.order_by("pk").first().pk,
        wedding_report=WeddingReport.objects.order_by("pk").first().pk,
        round_open=round_open.pk, round_done=round_done.pk,
        candidate=round_open.candidates.order_by("pk").first().pk,
        membership_change=MembershipChange.objects.order_by("pk").first().pk,
        election=project.pk, election_task=project.tasks.order_by("pk").first().pk,
        plan=plan.pk, plan_date=plan.dates.order_by("pk").first().pk,
        hearing=Hearing.objects.order_by("pk").first().pk,
        body=world.objects["meeting_held"].organization.body_id,
        organization=world.objects["meeting_held"].organization_id,
        term=Membership.objects.filter(person=person).first().term_id,
        party=Party.objects.order_by("pk").first().pk,
        membership=Membership.objects.filter(person=person).first().pk,
        vote=Vote.objects.order_by("pk").first().pk,
        personal_token=token_ensure(person=person).token,
    )
    _plant_term_election(world)


def _plant_term_election(world: World) -> None:
    """A registered (not carried out) election of formannskapet for the demo's next term (issue 15)."""
    from secretariat.organizations.models import LegislativeTerm, Organization
    from secretariat.term.models import BodyElection

    fsk = Organization.objects.get(slug="formannskapet")
    term = LegislativeTerm.objects.order_by("-start_date").first()
    election = BodyElection.objects.create(organization=fsk, term=term, method="avtalevalg", seats=fsk.seats,
                                           candidates_text="", result={"lists": [], "steps": [], "quotients": [],
                                                                       "warnings": []})
    world.ids["term_election"] = election.pk
