"""The staff UI refuses bad input with a clear Norwegian message and saves nothing; members report absence."""

import datetime as dt

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from secretariat.meetings.models import QuestionKind
from secretariat.meetings.services import (
    agenda_item_add,
    meeting_cancel,
    meeting_create,
    meeting_send_notice,
    meeting_send_supplementary_notice,
    question_add,
)
from tests.factories import aware
from workflows.case import CaseState
from workflows.meeting import MeetingState


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_notice_after_the_deadline_is_refused_in_the_ui(client, fsk, fagleder):
    client.force_login(fagleder)
    soon = meeting_create(actor=fagleder, organization=fsk.org, start=aware(timezone.localdate() + dt.timedelta(2)))
    response = client.post(reverse("meetings:action", args=[soon.pk, "transition"]),
                           {"transition": "send_notice"}, follow=True)
    assert any("Fristen for innkalling" in m for m in _messages(response))
    soon.refresh_from_db()
    assert soon.state == MeetingState.PLANLAGT


def test_a_case_not_klar_is_refused_in_the_ui(client, fsk, meeting, fagleder, saksbehandler, kommunedirektor):
    from tests.helpers import case_in_state

    client.force_login(fagleder)
    case = case_in_state("utredning", organization=fsk.org, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    response = client.post(reverse("meetings:action", args=[meeting.pk, "add_case"]), {"case": case.pk}, follow=True)
    assert any("bare saker som er klare" in m for m in _messages(response))
    assert not meeting.agenda_items.exists()


def test_a_member_reports_absence_on_the_meeting_page(client, fsk, meeting, member_user):
    client.force_login(member_user)
    page = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert page.status_code == 200 and "Meld forfall" in page.content.decode()
    response = client.post(reverse("meetings:action", args=[meeting.pk, "absence"]),
                           {"membership": fsk.m.aud.pk, "reason": "Jobbreise"}, follow=True)
    assert any("Forfall registrert for Aud Fsk" in m for m in _messages(response))
    assert meeting.absences.get().proposed_substitute == fsk.s.arne
    # …but the member cannot do the secretariat's work.
    response = client.post(reverse("meetings:action", args=[meeting.pk, "confirm_substitute"]),
                           {"absence": meeting.absences.get().pk})
    assert response.status_code == 403


def test_the_pages_render_for_the_secretariat(client, fsk, meeting, fagleder, klar_case):
    client.force_login(fagleder)
    agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case())
    for name in ("meetings:list", "meetings:create"):
        assert client.get(reverse(name)).status_code == 200
    for name in ("meetings:detail", "meetings:edit", "meetings:live", "meetings:minutes"):
        assert client.get(reverse(name, args=[meeting.pk])).status_code == 200


def test_questions_and_interpellations_are_registered_per_meeting(fsk, meeting, fagleder):
    from secretariat.meetings.selectors import notice_data

    question_add(actor=fagleder, meeting=meeting, asked_by=fsk.m.svein.person, kind=QuestionKind.INTERPELLATION,
                 title="Skolevegen", text="Hva gjør ordføreren med skolevegen?")
    [row] = notice_data(meeting, public=False)["questions"]
    assert {k: row[k] for k in ("kind", "kind_label", "label", "by", "title", "text", "answer")} == {
        "kind": "interpellasjon", "kind_label": "Interpellasjon", "label": "Interpellasjon 1", "by": "Svein Fsk",
        "title": "Skolevegen", "text": "Hva gjør ordføreren med skolevegen?", "answer": ""}
    assert notice_data(meeting, public=True)["questions"] == []  # public with the notice (koml. § 11-3)


def test_a_tilleggssak_gets_its_own_notice(fsk, meeting, fagleder, klar_case, django_capture_on_commit_callbacks):
    agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Vanlig sak"))
    meeting_send_notice(actor=fagleder, meeting=meeting)
    extra = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Hastesak om flom"))
    with django_capture_on_commit_callbacks(execute=True):
        meeting_send_supplementary_notice(actor=fagleder, meeting=meeting)
    assert len(mail.outbox) == 7
    body = mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Tilleggsinnkalling")
    assert "Hastesak om flom" in body and "Vanlig sak" not in body
    extra.refresh_from_db()
    assert extra.notice_sent_at is not None


def test_cancelling_a_meeting_frees_its_cases_and_tells_the_members(
        fsk, meeting, fagleder, klar_case, django_capture_on_commit_callbacks):
    case = klar_case()
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    sequence = meeting.sequence
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(actor=fagleder, meeting=meeting, reason="Ingen saker klare")
    meeting.refresh_from_db()
    case.refresh_from_db()
    assert meeting.state == MeetingState.AVLYST and meeting.sequence > sequence
    assert case.state == CaseState.KLAR
    assert len(mail.outbox) == 7 and mail.outbox[0].subject.startswith("Avlyst")


def test_the_meeting_list_shows_upcoming_meetings(client, fsk, meeting, fagleder):
    client.force_login(fagleder)
    page = client.get(reverse("meetings:list")).content.decode()
    assert "Formannskapet" in page and "Planlagt" in page


def test_a_member_sees_their_meetings_marked_in_the_list(client, fsk, meeting, member_user):
    client.force_login(member_user)
    page = client.get(reverse("meetings:list")).content.decode()
    assert "Ditt møte" in page


def test_the_meeting_page_links_its_documents_and_calendar(client, meeting, fagleder):
    client.force_login(fagleder)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Møteinnkalling med sakskart" in page and "/innkalling/" in page
    assert f"/ical/organizations/{meeting.organization.slug}.ics" in page
