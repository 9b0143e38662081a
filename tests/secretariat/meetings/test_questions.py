"""Spørsmål og interpellasjoner (issue 13): members hand them in before the reglement's deadline (koml. § 5-13,
a per-body setting), the secretariat accepts late ones with a reason, and they appear after the saksliste in the
innkalling, the protokoll (with the answer), the public meeting page and the API; an exempt one never publicly."""

import datetime as dt
import io

import mammoth
import pytest
from django.core.management import call_command
from django.utils import timezone

from secretariat.accounts.roles import Role
from secretariat.meetings import services
from secretariat.meetings.models import Question
from secretariat.organizations.models import MembershipRole
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = "/intern/moter/{}/sporsmal/"


def _post(client, meeting, **data):
    return client.post(URL.format(meeting.pk), {"kind": "sporsmal", "title": "Brøyting på Neset",
                                                "text": "Når blir vegen brøytet?", **data})


def test_a_member_hands_in_a_question_before_the_deadline(client, meeting, member_user, fsk):
    client.force_login(member_user)
    response = _post(client, meeting)
    assert response.status_code == 302
    question = Question.objects.get(meeting=meeting)
    assert question.asked_by == fsk.m.aud.person and question.submitted_by == member_user
    assert question.late_reason == ""
    page = client.get(URL.format(meeting.pk)).content.decode()
    assert "Spørsmål 1 fra Aud Fsk: Brøyting på Neset" in page


def test_after_the_deadline_a_member_is_refused_citing_the_reglement(client, meeting, member_user, fsk):
    fsk.org.question_deadline_days = 25  # the meeting is in 20 days: the deadline has passed
    fsk.org.save()
    client.force_login(member_user)
    response = _post(client, meeting)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fristen for å levere spørsmål til dette møtet var" in page
    assert "reglement for saksbehandling, koml. § 5-13" in page
    assert not Question.objects.exists()


def test_the_interpellation_deadline_is_its_own_setting(client, fsk, fagleder, member_user):
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=5), dt.time(18)))
    meeting = services.meeting_create(actor=fagleder, organization=fsk.org, start=start, location="Salen")
    client.force_login(member_user)
    _post(client, meeting, kind="interpellasjon")  # default 7 days: too late
    assert not Question.objects.exists()
    _post(client, meeting, kind="sporsmal")  # default 2 days: in time
    assert Question.objects.get().kind == "sporsmal"


def test_a_folkevalgt_of_another_body_is_refused(client, meeting, kommunestyret, fsk):
    user = UserFactory(username="annen", role=Role.FOLKEVALGT)
    MembershipFactory(person=PersonFactory(user=user), organization=kommunestyret, term=fsk.term,
                      start_date=fsk.term.start_date)
    client.force_login(user)
    assert _post(client, meeting).status_code == 403
    api = client.post(f"/api/meetings/{meeting.pk}/questions/", {"kind": "sporsmal", "title": "x", "text": "y"},
                      content_type="application/json")
    assert api.status_code == 403
    assert not Question.objects.exists()


def test_a_called_in_substitute_may_ask_but_an_uncalled_one_may_not(client, meeting, fsk, fagleder):
    arne = UserFactory(username="arne", role=Role.FOLKEVALGT)
    fsk.s.arne.person.user = arne
    fsk.s.arne.person.save()
    client.force_login(arne)
    assert _post(client, meeting).status_code == 403
    absence = services.absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.anna, items=[],
                                        reason="Syk")
    services.absence_confirm_substitute(actor=fagleder, absence=absence, substitute=fsk.s.arne)
    assert _post(client, meeting).status_code == 302
    assert Question.objects.get().asked_by == fsk.s.arne.person


def test_the_fagleder_accepts_a_late_one_only_with_a_reason(client, meeting, fagleder, fsk):
    fsk.org.interpellation_deadline_days = 30
    fsk.org.save()
    client.force_login(fagleder)
    response = _post(client, meeting, kind="interpellasjon", asked_by=fsk.m.henrik.person.pk)
    assert "Oppgi en begrunnelse for å ta den imot likevel" in response.content.decode()
    assert not Question.objects.exists()
    response = _post(client, meeting, kind="interpellasjon", asked_by=fsk.m.henrik.person.pk,
                     late_reason="Levert til ordføreren i tide, men ikke videresendt.")
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.asked_by == fsk.m.henrik.person and question.submitted_by == fagleder
    assert question.late_reason == "Levert til ordføreren i tide, men ikke videresendt."
    entry = AuditEntry.objects.filter(action="sporsmal").latest("pk")
    assert entry.action_label == "Interpellasjon registrert etter fristen"
    assert entry.comment == question.late_reason


def test_the_fagleder_cannot_register_for_someone_not_called(client, meeting, fagleder, fsk):
    client.force_login(fagleder)
    response = _post(client, meeting, asked_by=fsk.s.siri.person.pk)  # an uncalled substitute
    assert response.status_code == 200
    assert not Question.objects.exists()


def test_a_member_reads_and_hands_in_over_the_api(client, meeting, member_user):
    client.force_login(member_user)
    created = client.post(f"/api/meetings/{meeting.pk}/questions/",
                          {"kind": "interpellasjon", "title": "Skolevegen", "text": "Hva gjør ordføreren?"},
                          content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["label"] == "Interpellasjon 1"
    bad = client.post(f"/api/meetings/{meeting.pk}/questions/", {"kind": "klage", "title": "", "text": ""},
                      content_type="application/json")
    assert bad.status_code == 400
    assert [q["title"] for q in client.get(f"/api/meetings/{meeting.pk}/questions/").json()] == ["Skolevegen"]


@pytest.fixture
def noticed_with_questions(meeting, fagleder, fsk, klar_case):
    services.agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Gangveg langs Skolevegen"))
    public = services.question_add(actor=fagleder, meeting=meeting, asked_by=fsk.m.henrik.person,
                                   kind="interpellasjon", title="Rassikring på Neset",
                                   text="Hva vil ordføreren gjøre med rassikringen?")
    services.question_answer(actor=fagleder, question=public, answer="Rassikringen kommer i budsjettet.")
    exempt = services.question_add(actor=fagleder, meeting=meeting, asked_by=fsk.m.aud.person,
                                   title="Hemmelig navn Persen", text="Teksten om Persen")
    services.question_set_exempt(actor=fagleder, question=exempt, exempt_basis="offl13_fvl13_1")
    return meeting


def test_questions_are_public_only_with_the_notice_and_never_exempt_ones(client, noticed_with_questions, fagleder):
    meeting = noticed_with_questions
    page = client.get(f"/innsyn/moter/{meeting.pk}/").content.decode()
    assert "Rassikring på Neset" not in page  # the notice is not out yet
    services.meeting_send_notice(actor=fagleder, meeting=meeting)
    page = client.get(f"/innsyn/moter/{meeting.pk}/").content.decode()
    assert "Spørsmål og interpellasjoner" in page
    assert "Interpellasjon 1 fra Henrik Fsk: Rassikring på Neset" in page
    assert "Rassikringen kommer i budsjettet." in page
    assert "Spørsmål 1 fra Aud Fsk" in page
    assert "Unntatt offentlighet, offl. § 13 jf. fvl. § 13 første ledd nr. 1" in page
    assert "Persen" not in page
    api = client.get(f"/api/meetings/{meeting.pk}/notice/").content.decode()
    assert "Rassikring på Neset" in api and "Persen" not in api


def _docx(kind: str, meeting, tmp_path, *extra) -> str:
    out = tmp_path / f"{kind}.docx"
    call_command("render_document", kind, str(meeting.pk), "--out", str(out), *extra)
    return mammoth.extract_raw_text(io.BytesIO(out.read_bytes())).value


def test_the_innkalling_lists_them_after_the_saksliste(noticed_with_questions, fagleder, tmp_path):
    meeting = noticed_with_questions
    services.meeting_send_notice(actor=fagleder, meeting=meeting)
    text = _docx("innkalling", meeting, tmp_path)
    assert text.index("Gangveg langs Skolevegen") < text.index("Spørsmål og interpellasjoner")
    assert "Interpellasjon 1 fra Henrik Fsk: Rassikring på Neset" in text
    assert "Hva vil ordføreren gjøre med rassikringen?" in text
    assert "Hemmelig navn Persen" in text  # the internal version is complete
    public = _docx("innkalling", meeting, tmp_path, "--public")
    assert "Rassikring på Neset" in public
    assert "Persen" not in public
    assert "Unntatt offentlighet, offl. § 13" in public


def test_the_protokoll_prints_them_with_the_answer(noticed_with_questions, fagleder, tmp_path):
    meeting = noticed_with_questions
    services.meeting_send_notice(actor=fagleder, meeting=meeting)
    meeting.refresh_from_db()
    text = _docx("protokoll", meeting, tmp_path)
    assert "Spørsmål og interpellasjoner" in text
    assert "Interpellasjon 1 fra Henrik Fsk: Rassikring på Neset" in text
    assert "Svar:" in text and "Rassikringen kommer i budsjettet." in text
    nynorsk = _docx("protokoll", meeting, tmp_path, "--maalform", "nn")
    assert "Spørsmål og interpellasjonar" in nynorsk


def test_agenda_numbers_are_not_taken_by_questions(noticed_with_questions, fsk, fagleder, klar_case):
    item = services.agenda_item_add(actor=fagleder, meeting=noticed_with_questions, case=klar_case(title="Neste"))
    assert item.label.startswith("PS 2/")


def test_only_the_secretariat_answers_and_marks_exempt(client, noticed_with_questions, member_user):
    question = Question.objects.get(title="Rassikring på Neset")
    client.force_login(member_user)
    url = f"/intern/moter/{noticed_with_questions.pk}/sporsmal/{question.pk}/"
    assert client.post(url, {"answer": "Mitt eget svar"}).status_code == 403
    assert client.post(url, {"exempt_basis": "offl13_fvl13_1"}).status_code == 403
    question.refresh_from_db()
    assert question.answer == "Rassikringen kommer i budsjettet." and question.exempt_basis == ""


def test_the_member_role_is_needed_not_just_a_person(client, meeting, fsk):
    """A staff user linked to a member's Person (no folkevalgt role) hands in nothing."""
    user = UserFactory(username="sb-medlem", role=Role.SAKSBEHANDLER)
    person = fsk.m.sigrid.person
    person.user = user
    person.save()
    client.force_login(user)
    assert _post(client, meeting).status_code == 403
    assert not Question.objects.exists()
    assert fsk.m.sigrid.role == MembershipRole.MEMBER


def test_the_approved_public_protokoll_has_the_answer_but_no_exempt_question(client, fsk, fagleder, klar_case):
    start = timezone.now() - dt.timedelta(days=1)
    meeting = services.meeting_create(actor=fagleder, organization=fsk.org, start=start,
                                      end=start + dt.timedelta(hours=2), location="Salen")
    item = services.agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Budsjett"))
    services.meeting_send_notice(actor=fagleder, meeting=meeting, override_reason="Testmøte i ettertid")
    public = services.question_add(actor=fagleder, meeting=meeting, asked_by=fsk.m.henrik.person,
                                   kind="interpellasjon", title="Rassikring på Neset", text="Hva skjer?",
                                   late_reason="Tatt opp i møtet")
    services.question_answer(actor=fagleder, question=public, answer="Rassikringen kommer i budsjettet.")
    exempt = services.question_add(actor=fagleder, meeting=meeting, asked_by=fsk.m.aud.person, title="Om Persen",
                                   text="Persen-teksten", late_reason="Tatt opp i møtet")
    services.question_set_exempt(actor=fagleder, question=exempt, exempt_basis="offl13_fvl13_1")
    services.attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    services.item_decide(actor=fagleder, item=item, text="Budsjettet vedtas.")
    services.meeting_hold(actor=fagleder, meeting=meeting)
    services.minutes_draft(actor=fagleder, meeting=meeting)
    meeting.refresh_from_db()
    services.minutes_approve(actor=fagleder, meeting=meeting, approval_label="Formannskapet i neste møte")
    page = client.get(f"/innsyn/moter/{meeting.pk}/protokoll/").content.decode()
    assert "Interpellasjon 1 fra Henrik Fsk: Rassikring på Neset" in page
    assert "Rassikringen kommer i budsjettet." in page
    assert "Spørsmål 1 fra Aud Fsk" in page and "Persen" not in page


def test_the_secretariat_answers_and_marks_exempt_through_the_two_forms(client, noticed_with_questions, fagleder):
    """The answer form and the exemption form post to one route; the button says which (nothing is guessed)."""
    question = Question.objects.get(title="Rassikring på Neset")
    client.force_login(fagleder)
    url = f"/intern/moter/{noticed_with_questions.pk}/sporsmal/{question.pk}/"
    client.post(url, {"action": "answer", "answer": "Rassikringen er finansiert."})
    question.refresh_from_db()
    assert question.answer == "Rassikringen er finansiert."
    client.post(url, {"action": "exempt", "exempt_basis": "offl13_fvl13_1"})
    question.refresh_from_db()
    assert question.exempt_basis == "offl13_fvl13_1" and question.answer == "Rassikringen er finansiert."
    response = client.post(url, {"answer": "Uten knapp"}, follow=True)  # no button: refused, not guessed
    question.refresh_from_db()
    assert "Ukjent handling" in response.content.decode() and question.answer == "Rassikringen er finansiert."
