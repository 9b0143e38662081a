"""Findings 1-7 of issue 11, each through HTTP as the user who saw it (they must no longer reproduce).

The access policy lives in secretariat/access; these tests plant unique marker strings and check that each
surface the finding named shows them only to those the policy allows. Fixtures are local to this module
(prefixed `f_`) so they never collide with the access matrix's conftest.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from document_templates.attachments import attachment_add
from secretariat.accounts.roles import Role
from secretariat.cases.services import case_transition, case_update
from secretariat.meetings import services as meetings
from secretariat.organizations.models import OrganizationType
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, UserFactory
from tests.helpers import case_in_state, decide_in_meeting, new_case
from tests.test_no_leaks import docx_text

MARK = "FUNNXQ"


def _start(days: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(18)))




def _body(response) -> str:
    if "wordprocessingml" in response.get("Content-Type", ""):
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        return docx_text(raw)
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", errors="replace")


@pytest.fixture
def f_org(db):
    return OrganizationFactory(name="Formannskapet", slug="fsk-funn", organization_type=OrganizationType.FORMANNSKAP,
                               seats=7)


@pytest.fixture
def f_users(f_org):
    users = {
        "fagleder": UserFactory(username="funn-fagleder", role=Role.FAGLEDER),
        "kd": UserFactory(username="funn-kd", role=Role.KOMMUNEDIREKTOR),
        "officer": UserFactory(username="funn-officer", role=Role.SAKSBEHANDLER),
        "other_officer": UserFactory(username="funn-other", role=Role.SAKSBEHANDLER),
        "folkevalgt": UserFactory(username="funn-folkevalgt", role=Role.FOLKEVALGT),
    }
    person = PersonFactory(user=users["folkevalgt"], given_name="Frida")
    MembershipFactory(person=person, organization=f_org)
    return users


def _people(f_org, f_users) -> dict:
    return {"organization": f_org, "officer": f_users["officer"], "fagleder": f_users["fagleder"],
            "kommunedirektor": f_users["kd"]}


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _web(client_factory, user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


# --- finding 1 --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_1_anonymous_api_shows_nothing_of_an_agenda_before_its_notice(f_org, f_users):
    case = case_in_state("klar", title=f"Sak {MARK}TITTEL", summary=f"Kort {MARK}KORT",
                         recommendation=f"Innstilling {MARK}INNST", **_people(f_org, f_users))
    meeting = meetings.meeting_create(actor=f_users["fagleder"], organization=f_org, start=_start(30))
    item = meetings.agenda_item_add(actor=f_users["fagleder"], meeting=meeting, case=case)
    anonymous = _client()
    for url in (f"/api/meetings/{meeting.pk}/", f"/api/meetings/{meeting.pk}/agenda/",
                f"/api/meetings/{meeting.pk}/notice/", f"/api/agenda-items/{item.pk}/",
                f"/api/agenda-items/?meeting={meeting.pk}", "/api/agenda-items/"):
        response = anonymous.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code < 500, url
        assert MARK not in response.content.decode(), url
    assert anonymous.get(f"/api/agenda-items/{item.pk}/").status_code == 404
    # The staff still see the agenda they are preparing.
    staff = _client(f_users["other_officer"]).get(f"/api/meetings/{meeting.pk}/agenda/")
    assert f"{MARK}TITTEL" in staff.content.decode()


# --- finding 2 --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_2_a_tilleggssak_waits_for_its_own_notice_in_the_public_notice_and_the_api(client, f_org, f_users):
    people = _people(f_org, f_users)
    first = case_in_state("klar", title="Ny gangveg langs skolevegen", **people)
    extra = case_in_state("klar", title=f"Tilleggssak {MARK}TILLEGG", summary=f"Kort {MARK}TILLEGGKORT", **people)
    meeting = meetings.meeting_create(actor=f_users["fagleder"], organization=f_org, start=_start(30))
    meetings.agenda_item_add(actor=f_users["fagleder"], meeting=meeting, case=first)
    meetings.meeting_send_notice(actor=f_users["fagleder"], meeting=meeting)
    meeting.refresh_from_db()
    extra_item = meetings.agenda_item_add(actor=f_users["fagleder"], meeting=meeting, case=extra, supplementary=True)

    docx = client.get(f"/innsyn/dokumenter/innkalling/{meeting.pk}.docx")
    assert docx.status_code == 200
    text = _body(docx)
    assert "gangveg" in text
    assert MARK not in text
    anonymous = _client()
    for url in (f"/api/meetings/{meeting.pk}/", f"/api/meetings/{meeting.pk}/agenda/",
                f"/api/meetings/{meeting.pk}/notice/", f"/api/agenda-items/?meeting={meeting.pk}"):
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert MARK not in response.content.decode(), url
    assert anonymous.get(f"/api/agenda-items/{extra_item.pk}/").status_code == 404

    # Once its own notice goes out, the tilleggssak is public like the rest.
    meetings.meeting_send_supplementary_notice(actor=f_users["fagleder"], meeting=meeting)
    assert f"{MARK}TILLEGG" in anonymous.get(f"/api/agenda-items/{extra_item.pk}/").content.decode()
    assert f"{MARK}TILLEGG" in _body(client.get(f"/innsyn/dokumenter/innkalling/{meeting.pk}.docx"))


# --- finding 3 --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_3_an_exempt_innstilling_copied_onto_the_consultation_is_not_public(client, f_org, f_users):
    people = _people(f_org, f_users)
    case = new_case(organization=f_org, officer=f_users["officer"], title="Tilskudd til idrettslaget",
                    recommendation=f"Formannskapet gir {MARK}INNSTILLING kroner.")
    case_update(case=case, actor=f_users["officer"], data={"exempt_sections": ["recommendation"]})
    case_transition(case=case, name="submit", actor=f_users["officer"])
    case.refresh_from_db()
    case_transition(case=case, name="approve", actor=people["kommunedirektor"])
    case.refresh_from_db()
    assert MARK in case.current_consultation.recommendation  # copied at approval
    meeting = meetings.meeting_create(actor=f_users["fagleder"], organization=f_org, start=_start(30))
    item = meetings.agenda_item_add(actor=f_users["fagleder"], meeting=meeting, case=case)
    meetings.meeting_send_notice(actor=f_users["fagleder"], meeting=meeting)

    for url in (f"/innsyn/moter/{meeting.pk}/", f"/innsyn/saker/{case.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "idrettslaget" in response.content.decode()
        assert MARK not in response.content.decode(), url
    assert MARK not in _body(client.get(f"/innsyn/dokumenter/innkalling/{meeting.pk}.docx"))
    anonymous = _client()
    for url in (f"/api/agenda-items/{item.pk}/", f"/api/meetings/{meeting.pk}/", f"/api/cases/{case.pk}/"):
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert MARK not in response.content.decode(), url
    # The one who may read the exempt section still does.
    assert MARK in _client(f_users["fagleder"]).get(f"/api/agenda-items/{item.pk}/").content.decode()


# --- finding 4 --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_4_remarks_and_proposals_of_unapproved_minutes_are_not_public(f_org, f_users):
    case = case_in_state("klar", title="Ny gangveg langs skolevegen", **_people(f_org, f_users))
    meeting = meetings.meeting_create(actor=f_users["fagleder"], organization=f_org, start=_start(-1))
    item = meetings.agenda_item_add(actor=f_users["fagleder"], meeting=meeting, case=case)
    meetings.meeting_send_notice(actor=f_users["fagleder"], meeting=meeting, override_reason="Test: i ettertid")
    meeting.refresh_from_db()
    meetings.proposal_add(actor=f_users["fagleder"], item=item, by="Ap", text=f"Forslag {MARK}FORSLAG")
    meetings.remark_add(actor=f_users["fagleder"], meeting=meeting, item=item, by="H",
                        text=f"Tilførsel {MARK}TILFORSEL")
    case.refresh_from_db()
    decide_in_meeting(case, actor=f_users["fagleder"], text="Vedtatt som innstilt.")
    meetings.meeting_hold(actor=f_users["fagleder"], meeting=meeting)
    meeting.refresh_from_db()

    anonymous = _client()
    for url in (f"/api/agenda-items/{item.pk}/", f"/api/meetings/{meeting.pk}/",
                f"/api/meetings/{meeting.pk}/agenda/", f"/api/meetings/{meeting.pk}/notice/",
                f"/api/meetings/{meeting.pk}/minutes/", f"/api/agenda-items/?meeting={meeting.pk}"):
        response = anonymous.get(url)
        assert response.status_code < 500, url
        assert MARK not in response.content.decode(), url
    # Members of the body and the staff read the draft.
    body = _client(f_users["folkevalgt"]).get(f"/api/agenda-items/{item.pk}/").content.decode()
    assert f"{MARK}FORSLAG" in body and f"{MARK}TILFORSEL" in body
    assert f"{MARK}TILFORSEL" in _client(f_users["other_officer"]).get(
        f"/api/meetings/{meeting.pk}/minutes/").content.decode()


# --- finding 5 --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_5_a_folkevalgt_gets_no_draft_exempt_paper_and_no_unsent_notice(f_org, f_users):
    draft = new_case(organization=f_org, officer=f_users["officer"], title=f"Personalsak {MARK}TITTEL",
                     public_title="Personalsak", exempt=True, exempt_basis="offl13_fvl13_1",
                     summary=f"Kort {MARK}KORT")
    folkevalgt = _web(None, f_users["folkevalgt"])
    api = _client(f_users["folkevalgt"])
    for response in (folkevalgt.get(f"/intern/dokumenter/saksframlegg/{draft.pk}/docx/"),
                     api.get(f"/api/dokumenter/saksframlegg/{draft.pk}/")):
        assert response.status_code in (403, 404)
        assert MARK not in _body(response)

    case = case_in_state("klar", title=f"Ny plan {MARK}PLAN", **_people(f_org, f_users))
    meeting = meetings.meeting_create(actor=f_users["fagleder"], organization=f_org, start=_start(30))
    meetings.agenda_item_add(actor=f_users["fagleder"], meeting=meeting, case=case)
    for response in (folkevalgt.get(f"/intern/dokumenter/innkalling/{meeting.pk}/docx/"),
                     api.get(f"/api/dokumenter/innkalling/{meeting.pk}/")):
        assert response.status_code in (403, 404)
        assert MARK not in _body(response)
    # The owning saksbehandler may still have the internal paper of the draft.
    own = _web(None, f_users["officer"]).get(f"/intern/dokumenter/saksframlegg/{draft.pk}/docx/")
    assert own.status_code in (200, 202)


# --- finding 6 --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_6_another_saksbehandler_reads_no_exempt_history_and_no_exempt_attachment_title(f_org, f_users):
    exempt = new_case(organization=f_org, officer=f_users["officer"], title="Personalsak",
                      public_title="Personalsak", exempt=True, exempt_basis="offl13_fvl13_1")
    case_update(case=exempt, actor=f_users["officer"],
                data={"title": f"Oppsigelse {MARK}TITTEL", "summary": f"Kort {MARK}KORT"})
    other = _client(f_users["other_officer"])
    history = other.get(f"/api/cases/{exempt.pk}/history/")
    assert history.status_code == 200
    assert MARK not in history.content.decode()
    assert MARK in _client(f_users["officer"]).get(f"/api/cases/{exempt.pk}/history/").content.decode()

    open_case = new_case(organization=f_org, officer=f_users["officer"], title="Ny gangveg")
    attachment_add(actor=f_users["officer"], case=open_case,
                   upload=SimpleUploadedFile("vedlegg.txt", b"innhold", content_type="text/plain"),
                   title=f"Legeerklaering {MARK}VEDLEGG", exempt=True, exempt_basis="offl13_fvl13_1")
    page = _web(None, f_users["other_officer"]).get(f"/intern/saker/{open_case.pk}/")
    assert page.status_code == 200
    assert "Ny gangveg" in page.content.decode()
    assert MARK not in page.content.decode()
    assert MARK not in other.get(f"/api/cases/{open_case.pk}/history/").content.decode()
    assert MARK in _web(None, f_users["officer"]).get(f"/intern/saker/{open_case.pk}/").content.decode()


# --- finding 7 --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_7_staff_minutes_and_followup_report_show_another_officers_exempt_case_by_public_title(f_org, f_users):
    from secretariat.followups.models import FollowUpReport

    people = _people(f_org, f_users)
    exempt = case_in_state("klar", title=f"Oppsigelse {MARK}TITTEL", public_title="Personalsak", exempt=True,
                           exempt_basis="offl13_fvl13_1", **people)
    meeting = meetings.meeting_create(actor=f_users["fagleder"], organization=f_org, start=_start(-1))
    meetings.agenda_item_add(actor=f_users["fagleder"], meeting=meeting, case=exempt)
    meetings.meeting_send_notice(actor=f_users["fagleder"], meeting=meeting, override_reason="Test: i ettertid")
    exempt.refresh_from_db()
    decide_in_meeting(exempt, actor=f_users["fagleder"], text="Vedtatt som innstilt.")
    exempt.refresh_from_db()
    case_transition(case=exempt, name="finalize", actor=f_users["fagleder"])
    meeting.refresh_from_db()
    meetings.meeting_hold(actor=f_users["fagleder"], meeting=meeting)
    report = FollowUpReport.objects.create(organization=f_org, period_start=timezone.localdate() - dt.timedelta(days=5),
                                           period_end=timezone.localdate() + dt.timedelta(days=5))

    other = _web(None, f_users["other_officer"])
    for url in (f"/intern/moter/{meeting.pk}/protokoll/", f"/intern/oppfolging/rapport/{report.pk}/"):
        response = other.get(url)
        assert response.status_code == 200, url
        assert "Personalsak" in response.content.decode(), url
        assert MARK not in response.content.decode(), url
    owner = _web(None, f_users["officer"])
    assert MARK in owner.get(f"/intern/moter/{meeting.pk}/protokoll/").content.decode()
    assert MARK in owner.get(f"/intern/oppfolging/rapport/{report.pk}/").content.decode()


# --- the policy's other side: who MAY see protected content ----------------------------------------------


@pytest.mark.django_db
def test_approved_minutes_show_a_closed_item_to_the_body_and_not_to_the_public(f_org, f_users):
    people = _people(f_org, f_users)
    case = case_in_state("klar", title="Salg av tomt", summary=f"Forhandling {MARK}LUKKET", **people)
    meeting = meetings.meeting_create(actor=f_users["fagleder"], organization=f_org, start=_start(-1))
    item = meetings.agenda_item_add(actor=f_users["fagleder"], meeting=meeting, case=case)
    meetings.agenda_item_close(actor=f_users["fagleder"], item=item, closed=True, basis="11-5-3-b")
    meetings.meeting_send_notice(actor=f_users["fagleder"], meeting=meeting, override_reason="Test: i ettertid")
    case.refresh_from_db()
    decide_in_meeting(case, actor=f_users["fagleder"], text=f"Solgt {MARK}VEDTAK")
    meeting.refresh_from_db()
    meetings.meeting_hold(actor=f_users["fagleder"], meeting=meeting)
    meeting.refresh_from_db()
    meetings.minutes_draft(actor=f_users["fagleder"], meeting=meeting)
    meeting.refresh_from_db()
    meetings.minutes_approve(actor=f_users["fagleder"], meeting=meeting, approval_label="Godkjent i møtet")

    public = _client().get(f"/api/meetings/{meeting.pk}/minutes/")
    assert public.status_code == 200 and MARK not in public.content.decode()
    other_saksbehandler = _client(f_users["other_officer"]).get(f"/api/meetings/{meeting.pk}/minutes/")
    assert MARK not in other_saksbehandler.content.decode()
    body = _client(f_users["folkevalgt"]).get(f"/api/meetings/{meeting.pk}/minutes/").content.decode()
    assert f"{MARK}VEDTAK" in body
