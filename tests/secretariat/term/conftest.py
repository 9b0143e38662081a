import datetime as dt

import pytest

from secretariat.organizations.models import OrganizationType
from tests.factories import OrganizationFactory, PartyFactory, TermFactory

HEAD = "liste;nr;fornavn;etternavn;fodselsdato;kjonn;status;epost"

# A small valgoppgjør: kommunestyret with 4 seats, Ap 2 (+2 vara), H 2 (+1 vara); one without an e-mail.
ROWS = [
    "Ap;1;Kari;Nordmann;12.03.1975;K;valgt;kari.nordmann@example.no",
    "Ap;2;Ola;Dalen;01.02.1980;M;valgt;ola.dalen@example.no",
    "Ap;1;Per;Haugen;05.06.1990;M;vara;per.haugen@example.no",
    "Ap;2;Siri;Moen;07.08.1985;K;vara;",
    "H;1;Lars;Berg;03.04.1970;M;valgt;lars.berg@example.no",
    "H;2;Ingrid;Vik;09.10.1966;K;valgt;ingrid.vik@example.no",
    "H;1;Tone;Lie;11.12.1999;K;vara;tone.lie@example.no",
]


def valgoppgjor_csv(*rows: str, head: str = HEAD) -> str:
    return "\n".join([head, *rows]) + "\n"


@pytest.fixture
def new_term(body):
    return TermFactory(body=body, name="2027–2031", start_date=dt.date(2027, 10, 1), end_date=dt.date(2031, 9, 30))


@pytest.fixture
def parties(db):
    return {"Ap": PartyFactory(abbreviation="Ap", name="Arbeiderpartiet"),
            "H": PartyFactory(abbreviation="H", name="Høyre")}


@pytest.fixture
def ks(kommunestyret):
    kommunestyret.seats = 4
    kommunestyret.save()
    return kommunestyret


@pytest.fixture
def fsk(body, ks):
    return OrganizationFactory(body=body, name="Formannskapet", slug="formannskapet",
                               organization_type=OrganizationType.FORMANNSKAP, seats=3, next_organization=ks)


@pytest.fixture
def imported(ks, fsk, new_term, parties):
    """The small valgoppgjør imported by the command (the system)."""
    from secretariat.term.valgoppgjor import valgoppgjor_import

    result = valgoppgjor_import(actor=None, content=valgoppgjor_csv(*ROWS), term=new_term, kommunestyret=ks)
    assert not result.errors
    return new_term
