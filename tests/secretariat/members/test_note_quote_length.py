"""A highlight is stored as the paper's own words, which may be longer than what the member sent (the paper's blank
lines where her selection has single spaces). The stored passage keeps the field's limit: a passage that is too long
in the paper is refused with a Norwegian message and nothing is saved."""

from django.urls import reverse

from secretariat.meetings.services import agenda_item_add, meeting_send_notice
from secretariat.members.models import PaperNote
from tests.helpers import case_in_state

from .conftest import client_for

WORDS = [f"ord{i}" for i in range(400)]


def test_a_passage_longer_than_the_limit_in_the_paper_is_refused_and_nothing_saved(
        fsk, meeting_in, fagleder, saksbehandler, kommunedirektor):
    case = case_in_state("klar", organization=fsk.org, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Lang bakgrunn", summary="Kort.",
                         background="\n\n".join(WORDS))
    meeting = meeting_in(20)
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    quote = " ".join(WORDS)[:1995].rsplit(" ", 1)[0]  # under 2000 as sent, over 2000 with the paper's blank lines
    assert len(quote) <= 2000 < len(quote.replace(" ", "\n\n"))

    response = client_for(fsk.aud_user).post(reverse("members:note_add", args=[case.pk]),
                                             {"section": "background", "quote": quote, "text": "Viktig"})
    assert response.status_code == 400
    assert "Den markerte teksten er" in response.content.decode() and "marker høyst 2000 tegn" in \
        response.content.decode()
    assert not PaperNote.objects.exists()
