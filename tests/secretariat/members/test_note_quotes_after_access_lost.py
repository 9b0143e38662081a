"""A member's highlight is a copy of paper text she could read when she made it. Once the access policy no longer
lets her read that section (she was granted fritak and left the body, the section was exempted later, she lost the
folkevalgt role), her notes pages show that a passage was highlighted there, never the passage; her own note text
stays hers. A highlight is only ever made of text she may read now, in the section she names: a forged «quote»
(text from an exempt section she may not read, text made up, text from another section) is refused, nothing saved.

What ends access is asked of secretariat.access; these tests only use the ways the domain has to end it."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from secretariat.accounts.roles import Role
from secretariat.meetings.services import agenda_item_add, meeting_send_notice
from secretariat.members.models import LeaveApplication, PaperNote
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, UserFactory
from tests.helpers import case_in_state

from .conftest import client_for
from .test_leave import _decide, _step

EXEMPT_TEXT = "Grunneieren QQEIERQQ Hansen vil ha 4 millioner for tomta og truer med sak."
QUOTE = "QQEIERQQ Hansen vil ha 4 millioner"
BACKGROUND = "Kommunen trenger ei tomt til ny barnehage på Neset QQBAKGRUNNQQ innen 2027."
BACKGROUND_QUOTE = "ny barnehage på Neset QQBAKGRUNNQQ"
NOTE = "Mitt notat QQMINTEKSTQQ: spør om takst"
WITHHELD = "Markert tekst fra en del av saksframlegget du ikke lenger har tilgang til."


@pytest.fixture
def case(fsk, meeting_in, fagleder, saksbehandler, kommunedirektor):
    """A case on formannskapet's noticed agenda whose «Vurdering» is exempt: Aud (on the body) may read it."""
    case = case_in_state("klar", organization=fsk.org, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Kjøp av tomt til barnehage",
                         summary="Kommunen kjøper ei tomt.", background=BACKGROUND, assessment=EXEMPT_TEXT,
                         exempt_sections=["assessment"])
    meeting = meeting_in(20)
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    case.refresh_from_db()
    return case


@pytest.fixture
def outsider():
    """A folkevalgt of another body: reads the case's public sections, not its exempt ones."""
    user = UserFactory(username="olga", role=Role.FOLKEVALGT)
    MembershipFactory(person=PersonFactory(given_name="Olga", user=user), organization=OrganizationFactory())
    return user


def _pages(client, case) -> list[str]:
    """Every page where a member is shown her own notes."""
    return [client.get(reverse("members:paper", args=[case.pk])).content.decode(),
            client.get(reverse("members:notes")).content.decode()]


def _highlight(client, case, section, quote):
    return client.post(reverse("members:note_add", args=[case.pk]), {"section": section, "quote": quote,
                                                                     "text": NOTE})


def _day(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def test_after_fritak_from_the_body_her_notes_keep_her_text_but_not_the_exempt_passage(
        fsk, case, fagleder, kommunedirektor):
    aud = client_for(fsk.aud_user)
    assert _highlight(aud, case, "assessment", QUOTE).status_code == 302
    for page in _pages(aud, case):
        assert QUOTE in page and NOTE in page and WITHHELD not in page

    # She applies for fritak (koml. § 7-9); kommunestyret grants it from today and the membership ends.
    assert aud.post(reverse("members:leave"), {"kind": "fritak", "start_date": _day(0), "membership": fsk.aud.pk,
                                               "ground": "Flytter fra kommunen"}).status_code == 302
    application = LeaveApplication.objects.get()
    staff = client_for(fagleder)
    assert _step(staff, application, "register_case", arkivsaksnummer="26/7101").status_code == 302
    application.refresh_from_db()
    _decide(application, fagleder=fagleder, kommunedirektor=kommunedirektor)
    assert _step(staff, application, "approve").status_code == 302
    fsk.aud.refresh_from_db()
    assert fsk.aud.end_date is not None and fsk.aud.end_date < timezone.localdate()

    for page in _pages(aud, case):
        assert "QQEIERQQ" not in page and NOTE in page and WITHHELD in page
    # Nor can she highlight it again now.
    again = _highlight(aud, case, "assessment", QUOTE)
    assert again.status_code == 400 and "ikke tilgang til denne delen" in again.content.decode()
    assert PaperNote.objects.count() == 1


def test_a_section_exempted_after_the_highlight_is_no_longer_quoted_to_a_member_of_another_body(case, outsider):
    olga = client_for(outsider)
    assert _highlight(olga, case, "background", BACKGROUND_QUOTE).status_code == 302
    for page in _pages(olga, case):
        assert BACKGROUND_QUOTE in page and NOTE in page

    # The secretariat exempts «Bakgrunn» too (in the admin, where a paper's exempt sections are kept after notice).
    paper = case.paper
    paper.exempt_sections = ["assessment", "background"]
    paper.save()

    for page in _pages(olga, case):
        assert "QQBAKGRUNNQQ" not in page and NOTE in page and WITHHELD in page


def test_a_member_without_the_folkevalgt_role_is_shown_no_passage(fsk, case):
    """Losing the role closes the portal; none of its pages shows the passage (guards the gate, not the fix)."""
    aud = client_for(fsk.aud_user)
    assert _highlight(aud, case, "assessment", QUOTE).status_code == 302
    fsk.aud_user.groups.remove(Group.objects.get(name=Role.FOLKEVALGT.value))
    for path in (reverse("members:paper", args=[case.pk]), reverse("members:notes"), reverse("members:home")):
        response = aud.get(path)
        assert response.status_code == 403 and "QQEIERQQ" not in response.content.decode(), path


def test_a_forged_quote_is_refused_and_nothing_is_saved(fsk, case, outsider):
    olga, aud = client_for(outsider), client_for(fsk.aud_user)
    refusals = [
        # text of the exempt section, by someone who may not read it
        (olga, "assessment", QUOTE, "ikke tilgang til denne delen"),
        # a passage made up, or real text with something added
        (aud, "assessment", "Grunneieren er villig til å gi bort tomta", "står ikke i denne delen"),
        (aud, "background", BACKGROUND_QUOTE + " og kommunen betaler hva som helst", "står ikke i denne delen"),
        # real text, but from another section than the one named (the exempt one passed off as «Bakgrunn»)
        (olga, "background", QUOTE, "står ikke i denne delen"),
        (olga, "summary", BACKGROUND_QUOTE, "står ikke i denne delen"),
        # no section at all
        (olga, "", BACKGROUND_QUOTE, "Velg hvilken del"),
    ]
    for client, section, quote, message in refusals:
        response = _highlight(client, case, section, quote)
        assert response.status_code == 400 and message in response.content.decode(), (section, quote)
    assert not PaperNote.objects.exists()


def test_a_fritak_granted_from_a_later_date_leaves_her_on_the_body_until_then(fsk, case, fagleder, kommunedirektor):
    """Before: any end date on a membership ended the access at once (access.active_organization_ids read
    «end_date is null»), so a fritak granted from a date two weeks ahead shut her out of the papers for the meetings
    she still sits in. The one rule of an active membership is Membership.objects.active_on."""
    aud = client_for(fsk.aud_user)
    assert aud.post(reverse("members:leave"), {"kind": "fritak", "start_date": _day(14), "membership": fsk.aud.pk,
                                               "ground": "Flytter fra kommunen"}).status_code == 302
    application = LeaveApplication.objects.get()
    staff = client_for(fagleder)
    assert _step(staff, application, "register_case", arkivsaksnummer="26/7102").status_code == 302
    application.refresh_from_db()
    _decide(application, fagleder=fagleder, kommunedirektor=kommunedirektor)
    assert _step(staff, application, "approve").status_code == 302
    fsk.aud.refresh_from_db()
    assert fsk.aud.end_date is not None and fsk.aud.end_date > timezone.localdate()

    paper = aud.get(reverse("members:paper", args=[case.pk]))
    assert paper.status_code == 200 and "QQEIERQQ" in paper.content.decode()
    assert _highlight(aud, case, "assessment", QUOTE).status_code == 302


def test_a_passage_across_a_line_break_is_taken_as_the_papers_own_words_and_highlighted(
        fsk, meeting_in, fagleder, saksbehandler, kommunedirektor):
    """Before: a passage selected across two paragraphs (or pasted into the form, whose line breaks the browser sends
    as CRLF) was refused as «not in the section», since its line breaks were not the paper's."""
    two = "Tomta ligger ved QQFJORDENQQ.\n\nDen er regulert til QQBARNEHAGEQQ i planen fra 2019."
    case = case_in_state("klar", organization=fsk.org, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Tomt ved fjorden", summary="Kjøp av tomt.",
                         background=two)
    meeting = meeting_in(21)
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    aud = client_for(fsk.aud_user)
    assert _highlight(aud, case, "background", "ved QQFJORDENQQ.\r\n  Den er regulert").status_code == 302
    note = PaperNote.objects.get(case=case)
    assert note.quote == "ved QQFJORDENQQ.\n\nDen er regulert"
    page = aud.get(reverse("members:paper", args=[case.pk])).content.decode()
    assert "<mark" in page and "QQFJORDENQQ" in page
    # Other words, or the words in another order, are still refused.
    for forged in ("ved QQFJORDENQQ. Den er ikke regulert", "Den er regulert ved QQFJORDENQQ."):
        assert _highlight(aud, case, "background", forged).status_code == 400
    assert PaperNote.objects.filter(case=case).count() == 1
