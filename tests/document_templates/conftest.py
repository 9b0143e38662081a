"""Small hand-made meeting: three cases in agenda order — a plain one, an exempt one, one closed —
with a proposal, a vote split within a party, and a decision."""

import datetime as dt
import io

import docx
import mammoth
import pytest
from django.utils import timezone

from secretariat.meetings.models import Ballot, Proposal, Vote
from secretariat.meetings.services import agenda_item_add, meeting_create
from secretariat.organizations.models import MembershipRole
from tests.factories import MembershipFactory, PartyFactory, PersonFactory, TermFactory
from tests.helpers import case_in_state, decide_in_meeting

SUMMARY_1 = "Kommunen vil bygge en ny gangveg langs Skolevegen."
SUMMARY_2 = "Hemmelig: søknad om økonomisk sosialhjelp fra en navngitt person."
SUMMARY_3 = "Lukket: forhandlinger om tomtekjøp på Nesset."


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell, in document order (python-docx)."""
    document = docx.Document(io.BytesIO(content))
    parts = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append("".join(t.text or "" for t in block.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
        elif tag == "tbl":
            for t in block.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
                parts.append(t.text or "")
    return "\n".join(parts)


def mammoth_text(content: bytes) -> str:
    """An independent reader: mammoth's raw text extraction."""
    return mammoth.extract_raw_text(io.BytesIO(content)).value


@pytest.fixture
def plain_case(formannskapet, saksbehandler, fagleder, kommunedirektor):
    return case_in_state("klar", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Gangveg langs Skolevegen", summary=SUMMARY_1,
                         background="Foreldre har bedt om tryggere skoleveg.", economic_consequences="4 mill. kr.",
                         recommendation="Formannskapet vedtar å bygge gangvegen.")


@pytest.fixture
def exempt_case(formannskapet, saksbehandler, fagleder, kommunedirektor):
    return case_in_state("klar", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Sosialhjelp til Per Persen",
                         public_title="Søknad om økonomisk stønad", exempt=True, exempt_basis="offl13_fvl13_1",
                         summary=SUMMARY_2, recommendation="Søknaden innvilges.")


@pytest.fixture
def closed_case(formannskapet, saksbehandler, fagleder, kommunedirektor):
    return case_in_state("klar", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Tomtekjøp på Nesset", summary=SUMMARY_3,
                         recommendation="Kommunen kjøper tomta.")


@pytest.fixture
def members(formannskapet):
    term = TermFactory(body=formannskapet.body)
    ap, h = PartyFactory(name="Arbeiderpartiet", abbreviation="Ap"), PartyFactory(name="Høyre", abbreviation="H")
    people = []
    for i, party in enumerate([ap, ap, h, h]):
        person = PersonFactory(given_name=f"Medlem{i}", family_name=party.abbreviation, party=party)
        people.append(MembershipFactory(person=person, organization=formannskapet, term=term, electoral_list=party,
                                        role=MembershipRole.LEADER if i == 0 else MembershipRole.MEMBER,
                                        start_date=term.start_date))
    return people


@pytest.fixture
def meeting(formannskapet, fagleder, plain_case, exempt_case, closed_case):
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=30), dt.time(18)))
    meeting = meeting_create(actor=fagleder, organization=formannskapet, start=start, location="Kommunestyresalen")
    for case in (plain_case, exempt_case, closed_case):
        agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    item3 = meeting.agenda_items.get(consultation__case=closed_case)
    item3.closed = True
    item3.closed_basis = "11-5-3-b"
    item3.save()
    return meeting


@pytest.fixture
def held_meeting(meeting, members, fagleder, plain_case, exempt_case, closed_case):
    """The meeting with a proposal, a recorded vote where Høyre split, and decisions on every item."""
    item = meeting.agenda_items.get(consultation__case=plain_case)
    proposal = Proposal.objects.create(agenda_item=item, by="Høyre", text="Gangvegen bygges i 2027.", position=1)
    vote = Vote.objects.create(agenda_item=item, proposal=proposal, for_count=1, against_count=3, adopted=False)
    for membership, choice in zip(members, ["mot", "mot", "for", "mot"], strict=True):
        Ballot.objects.create(vote=vote, membership=membership, choice=choice)
    decide_in_meeting(plain_case, actor=fagleder, text="Gangvegen bygges i 2026.")
    decide_in_meeting(exempt_case, actor=fagleder, text="Søknaden innvilges.")
    decide_in_meeting(closed_case, actor=fagleder, text="Kommunen kjøper tomta.")
    return meeting



@pytest.fixture
def fetch(client, django_capture_on_commit_callbacks):
    """GET a document URL the way a browser does: the first answer may be 202 (generation queued after
    commit); once the transaction has committed and the task has run, the second GET serves the file."""

    def get(url: str):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(url)
        if response.status_code == 202:
            response = client.get(url + ("&" if "?" in url else "?") + "venter=1")
        return response

    return get
