"""The politikerportal through HTTP as a folkevalgt: their meetings and papers, private notes and highlights, forfall
through the meetings app's substitute chain, inhabil in advance for the secretariat to see, and spørsmål with the
reglement's deadlines. Other roles and another folkevalgt's data are refused (the route matrix covers every role)."""

import pytest
from django.urls import reverse

from secretariat.accounts.roles import Role
from secretariat.meetings.models import Absence, Question
from secretariat.meetings.services import agenda_item_add, meeting_send_notice
from secretariat.members.models import PaperNote, RecusalDeclaration
from tests.factories import UserFactory
from tests.helpers import case_in_state

from .conftest import client_for

NOTE = "Mitt hemmelige notat QQPRIVATQQ"


@pytest.fixture
def noticed(fsk, meeting_in, fagleder, saksbehandler, kommunedirektor):
    meeting = meeting_in(20)
    case = case_in_state("klar", organization=fsk.org, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Ny gangveg på Neset",
                         summary="Kommunen bygger gangveg langs fylkesvegen. Det koster 4 millioner.")
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    meeting.refresh_from_db()
    return meeting, case, item


def test_the_member_sees_their_meetings_and_papers_and_others_are_refused(fsk, noticed, fagleder, formannskapet):
    meeting, case, item = noticed
    aud = client_for(fsk.aud_user)
    home = aud.get(reverse("members:home"))
    assert home.status_code == 200
    assert reverse("members:meeting", args=[meeting.pk]) in home.content.decode()
    assert 'name="viewport"' in home.content.decode()
    page = aud.get(reverse("members:meeting", args=[meeting.pk])).content.decode()
    assert item.label in page and reverse("members:paper", args=[case.pk]) in page
    assert "Kommunen bygger gangveg" in aud.get(reverse("members:paper", args=[case.pk])).content.decode()
    # Staff and a folkevalgt without a person are not portal users; a stranger's meeting is not found.
    assert client_for(fagleder).get(reverse("members:home")).status_code == 403
    assert client_for(UserFactory(username="fv-uten-person", role=Role.FOLKEVALGT)).get(
        reverse("members:home")).status_code == 403
    assert client_for(None).get(reverse("members:home")).status_code == 302
    from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory

    outsider = UserFactory(username="utenfor", role=Role.FOLKEVALGT)
    MembershipFactory(person=PersonFactory(user=outsider), organization=OrganizationFactory(), term=fsk.term)
    assert client_for(outsider).get(reverse("members:meeting", args=[meeting.pk])).status_code == 404


def test_private_notes_and_highlights_are_seen_by_their_writer_only(fsk, noticed, fagleder, kommunedirektor):
    meeting, case, _item = noticed
    aud, anders = client_for(fsk.aud_user), client_for(fsk.anders_user)
    url = reverse("members:note_add", args=[case.pk])
    # A highlight must be text of a section this member may read: nothing saved otherwise.
    bad = aud.post(url, {"section": "summary", "quote": "står ikke i saken", "text": NOTE})
    assert bad.status_code == 400 and "står ikke i denne delen" in bad.content.decode()
    assert not PaperNote.objects.exists()
    assert aud.post(url, {"section": "summary", "quote": "gangveg langs fylkesvegen", "text": NOTE}).status_code == 302
    mine = aud.get(reverse("members:paper", args=[case.pk])).content.decode()
    assert NOTE in mine and '<mark class="highlight">gangveg langs fylkesvegen</mark>' in mine
    assert NOTE in aud.get(reverse("members:notes")).content.decode()
    note = PaperNote.objects.get()
    # Nobody else reads it: another member of the same body, the secretariat's pages, the API, the audit trail.
    for client, path in ((anders, reverse("members:paper", args=[case.pk])), (anders, reverse("members:notes")),
                         (client_for(fagleder), reverse("cases:detail", args=[case.pk])),
                         (client_for(fagleder), reverse("meetings:detail", args=[meeting.pk])),
                         (client_for(kommunedirektor), f"/api/cases/{case.pk}/history/")):
        response = client.get(path)
        assert "QQPRIVATQQ" not in response.content.decode(), path
    from workflows.models import AuditEntry

    assert not any("QQPRIVATQQ" in str(e.changes) + e.comment + e.object_repr for e in AuditEntry.objects.all())
    assert anders.post(reverse("members:note_delete", args=[note.pk])).status_code == 404
    assert aud.post(reverse("members:note_delete", args=[note.pk])).status_code == 302
    assert not PaperNote.objects.exists()


def test_forfall_goes_through_the_substitute_chain(fsk, noticed):
    meeting, _case, _item = noticed
    aud = client_for(fsk.aud_user)
    url = reverse("members:absence", args=[meeting.pk])
    assert aud.post(url, {"reason": "Jobbreise"}).status_code == 302
    absence = Absence.objects.get(meeting=meeting)
    assert absence.membership == fsk.aud and absence.proposed_substitute == fsk.arne  # koml. § 7-10
    again = aud.post(url, {"reason": "Igjen"})
    assert again.status_code == 400 and "allerede registrert" in again.content.decode()
    assert Absence.objects.count() == 1


def test_inhabil_in_advance_is_shown_to_the_secretariat_for_the_body_to_decide(fsk, noticed, fagleder,
                                                                               kommunedirektor):
    meeting, _case, item = noticed
    aud = client_for(fsk.aud_user)
    url = reverse("members:recusal", args=[meeting.pk])
    empty = aud.post(url, {"item": item.pk, "reason": ""})
    assert empty.status_code == 400 and "Skriv hvorfor" in empty.content.decode()
    assert aud.post(url, {"item": item.pk, "reason": "Naboen min eier tomta QQGRUNNQQ"}).status_code == 302
    assert RecusalDeclaration.objects.get().membership == fsk.aud
    assert "QQGRUNNQQ" in client_for(fagleder).get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "QQGRUNNQQ" in client_for(fagleder).get(reverse("meetings:live", args=[meeting.pk])).content.decode()
    assert "QQGRUNNQQ" not in client_for(kommunedirektor).get(
        reverse("meetings:detail", args=[meeting.pk])).content.decode()
    twice = aud.post(url, {"item": item.pk, "reason": "Igjen"})
    assert twice.status_code == 400 and "allerede meldt" in twice.content.decode()


def test_questions_use_the_meetings_service_and_its_deadline(fsk, noticed, meeting_in):
    meeting, _case, _item = noticed
    aud = client_for(fsk.aud_user)
    ok = aud.post(reverse("members:question", args=[meeting.pk]),
                  {"kind": "interpellasjon", "title": "Skolevegen", "text": "Hva gjør ordføreren?"})
    assert ok.status_code == 302
    assert Question.objects.get().asked_by == fsk.aud.person
    soon = meeting_in(1)  # the interpellasjon deadline (7 days before) has passed
    late = aud.post(reverse("members:question", args=[soon.pk]),
                    {"kind": "interpellasjon", "title": "For sent", "text": "Tekst"})
    assert late.status_code == 400 and "Fristen" in late.content.decode()
    assert Question.objects.count() == 1
