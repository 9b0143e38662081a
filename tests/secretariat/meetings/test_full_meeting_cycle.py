"""Issue 13, «done when»: one meeting run from notice to approved protokoll with a substitute chain of two, a recusal
with a setteleder, a forwarded innstilling and a closed item, and the protokoll .docx read back (mammoth, an
independent reader) says each of them right, in the internal and the public version."""

import io

import mammoth
import pytest
from django.urls import reverse

from secretariat.meetings.selectors import minutes_data
from secretariat.meetings.services import (
    absence_confirm_substitute,
    absence_register,
    agenda_item_add,
    attendance_fill_from_notice,
    chair_record,
    item_decide,
    meeting_hold,
    meeting_send_notice,
    minutes_approve,
    minutes_draft,
    proposal_recommendation,
    recusal_register,
    vote_record,
)
from tests.helpers import meeting_took_place

SECRET = "Barnet KLOKKESTRENG flytter til fosterhjem."


def _text(content: bytes) -> str:
    return mammoth.extract_raw_text(io.BytesIO(content)).value


@pytest.fixture
def download(client, fagleder, fetch):
    """The staff download of a document (.docx), as the fagleder."""

    def get(kind: str, pk: int) -> bytes:
        client.force_login(fagleder)
        return fetch(reverse("documents:download", args=[kind, pk, "docx"]))

    return get


@pytest.mark.django_db
def test_a_meeting_runs_from_notice_to_an_approved_protokoll_that_reads_right(client, fsk, meeting, fagleder,
                                                                             klar_case, kommunestyret, download):
    m, s = fsk.m, fsk.s
    forwarded = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Ny brannstasjon"))
    recusal_item = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Tomt til Annas bror"))
    closed = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(
        title="Plassering av barn", exempt=True, exempt_basis="offl13_bvl", public_title="Barnevernssak"))
    assert closed.closed and closed.closed_basis == "11-5-2"  # koml. § 11-5 (2): closed by the exemption itself

    # The substitute chain: Anders has forfall, Arne (Ap no. 1) is called, then Arne has forfall: Astrid (no. 2).
    anders = absence_register(actor=fagleder, meeting=meeting, membership=m.anders, reason="Sykdom")
    assert anders.proposed_substitute == s.arne
    absence_confirm_substitute(actor=fagleder, absence=anders)
    absence_register(actor=fagleder, meeting=meeting, membership=s.arne, reason="Bortreist")
    anders.refresh_from_db()
    assert anders.substitute is None and anders.proposed_substitute == s.astrid
    absence_confirm_substitute(actor=fagleder, absence=anders)

    meeting_send_notice(actor=fagleder, meeting=meeting)
    notice = _text(download("innkalling", meeting.pk))
    assert "Astrid Vara" in notice and "Arne Vara" not in notice

    meeting_took_place(meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)

    # The forwarded item: formannskapet's innstilling to kommunestyret.
    vote_record(actor=fagleder, item=forwarded, proposal=proposal_recommendation(actor=fagleder, item=forwarded),
                unanimous=True)
    item_decide(actor=fagleder, item=forwarded, text="Kommunestyret bygger ny brannstasjon.", next_step="forward")

    # The recusal: leader and nestleder are inhabil, the body elects Sigrid as setteleder.
    recusal_register(actor=fagleder, item=recusal_item, membership=m.anna, grounds="Søker er hennes bror")
    recusal_register(actor=fagleder, item=recusal_item, membership=m.henrik, grounds="Søker er hans svoger")
    chair_record(actor=fagleder, meeting=meeting, membership=m.sigrid, item=recusal_item)
    vote_record(actor=fagleder, item=recusal_item,
                proposal=proposal_recommendation(actor=fagleder, item=recusal_item), unanimous=True)
    item_decide(actor=fagleder, item=recusal_item, text="Tomten selges.")

    # The closed item.
    vote_record(actor=fagleder, item=closed, proposal=proposal_recommendation(actor=fagleder, item=closed),
                unanimous=True)
    item_decide(actor=fagleder, item=closed, text=SECRET)

    meeting_hold(actor=fagleder, meeting=meeting)
    minutes_draft(actor=fagleder, meeting=meeting)
    minutes_approve(actor=fagleder, meeting=meeting, signers=[m.sigrid.person, m.svein.person])

    data = minutes_data(meeting, public=False)
    led = {row["id"]: (row["chair"], row["chair_role"]) for row in data["items"]}
    assert led[recusal_item.pk] == ("Sigrid Fsk", "setteleder")
    assert led[forwarded.pk] == ("Anna Fsk", "leder")

    internal = _text(download("protokoll", meeting.pk))
    assert "Møtte for" in internal and "Astrid Vara (Ap) møtte for Anders Fsk" in internal
    assert "Møtende varamedlemmer" not in internal
    forwarded_part = internal.split(forwarded.label)[1].split(recusal_item.label)[0]
    assert "Innstilling til kommunestyret" in forwarded_part and "Vedtak (" not in forwarded_part
    recusal_part = internal.split(recusal_item.label)[1].split(closed.label)[0]
    assert "Anna Fsk" in recusal_part and "Henrik Fsk" in recusal_part  # the recusals are recorded
    closed_part = internal.split(closed.label)[1]
    assert "Lukket" in closed_part and "11-5" in closed_part and SECRET in closed_part

    client.logout()
    response = client.get(reverse("innsyn:document", args=["protokoll", meeting.pk, "docx"]))
    assert response.status_code == 200
    public = _text(response.content)
    assert SECRET not in public and "Plassering av barn" not in public and "Barnevernssak" in public
    assert "Innstilling til kommunestyret" in public and "Astrid Vara (Ap) møtte for Anders Fsk" in public

