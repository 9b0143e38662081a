"""An election later in the term (a suppleringsvalg after a fritak): who is a member of kommunestyret is who sits in
it now. Kari Nordmann left kommunestyret yesterday (fritak, koml. § 7-9): formannskapet («av og blant medlemmene av
kommunestyret», § 5-6 andre ledd) refuses her, and she no longer counts as kontrollutvalget's member from
kommunestyret (§ 23-1 andre ledd). Through the staff page."""

import datetime as dt
import html

import pytest
from django.utils import timezone

from secretariat.organizations.models import Membership, OrganizationType
from secretariat.term.models import BodyElection
from tests.factories import OrganizationFactory, PersonFactory, TermFactory

from .conftest import ROWS, valgoppgjor_csv

URL = "/intern/valgperiode/organvalg/ny/"


@pytest.fixture
def running_term(body, ks, fsk, parties):
    from secretariat.term.valgoppgjor import valgoppgjor_import

    today = timezone.localdate()
    term = TermFactory(body=body, name="2025–2029", start_date=today - dt.timedelta(days=300),
                       end_date=today + dt.timedelta(days=1000))
    assert not valgoppgjor_import(actor=None, content=valgoppgjor_csv(*ROWS), term=term, kommunestyret=ks).errors
    kari = Membership.objects.get(organization=ks, term=term, person__given_name="Kari")
    kari.end_date = today - dt.timedelta(days=1)  # fritak granted: her membership ended yesterday
    kari.save()
    return term


def _post(client, term, organization, candidates):
    response = client.post(URL, {"term": term.pk, "organization": organization.pk, "method": "avtalevalg",
                                 "unanimous": "on", "candidates_text": candidates})
    return response, html.unescape(response.content.decode())


def test_formannskapet_refuses_one_who_has_left_kommunestyret(client, fagleder, fsk, running_term):
    client.force_login(fagleder)
    response, page = _post(client, running_term, fsk, "Ap;Kari Nordmann;medlem\nAp;Ola Dalen;medlem\n"
                                                      "H;Lars Berg;medlem")
    assert response.status_code != 302
    assert f"Linje 1: «Kari Nordmann» er ikke blant medlemmene av kommunestyret i valgperioden {running_term}" in page
    assert not BodyElection.objects.exists()


def test_kontrollutvalget_does_not_count_one_who_has_left_kommunestyret(client, fagleder, body, running_term):
    kontroll = OrganizationFactory(body=body, name="Kontrollutvalget", slug="kontrollutvalget", seats=5,
                                   organization_type=OrganizationType.KONTROLLUTVALG)
    for given, family, gender in (("Åse", "Utenfor", "K"), ("Knut", "Ute", "M")):
        PersonFactory(given_name=given, family_name=family, gender=gender)
    client.force_login(fagleder)
    response, page = _post(client, running_term, kontroll, "Ap;Kari Nordmann;medlem\nAp;Per Haugen;medlem\n"
                                                           "H;Tone Lie;medlem\nAp;Åse Utenfor;medlem\nH;Knut Ute;medlem")
    assert response.status_code != 302
    assert ("Minst ett av medlemmene i Kontrollutvalget skal velges blant kommunestyrets medlemmer (koml. § 23-1 andre "
            "ledd)") in page
    assert not BodyElection.objects.exists()


@pytest.fixture
def kontroll(body):
    return OrganizationFactory(body=body, name="Kontrollutvalget", slug="kontrollutvalget", seats=5,
                               organization_type=OrganizationType.KONTROLLUTVALG)


KONTROLL = "H;Ingrid Vik;medlem\nAp;Siri Moen;medlem\nH;Tone Lie;medlem\nAp;Ola Dalen;medlem\nH;{fifth};medlem"


def _in_formannskapet(term, fsk, given, *, ended):
    ola = Membership.objects.get(organization__organization_type=OrganizationType.KOMMUNESTYRE, term=term,
                                 person__given_name=given).person
    today = timezone.localdate()
    return Membership.objects.create(person=ola, organization=fsk, term=term, start_date=term.start_date,
                                     end_date=today - dt.timedelta(days=1) if ended else None)


def test_a_former_formannskap_member_may_be_elected_to_kontrollutvalget(client, fagleder, fsk, kontroll,
                                                                        running_term):
    """§ 23-1 tredje ledd bokstav b bars one who IS a member of formannskapet: Ola Dalen's membership ended
    yesterday (fritak), so he may be elected; Lars Berg, still a member, may not."""
    _in_formannskapet(running_term, fsk, "Ola", ended=True)
    _in_formannskapet(running_term, fsk, "Lars", ended=False)
    client.force_login(fagleder)
    response, page = _post(client, running_term, kontroll, KONTROLL.format(fifth="Lars Berg"))
    assert "Linje 5: Lars Berg er medlem eller varamedlem av formannskapet og kan ikke velges til Kontrollutvalget " \
           "(koml. § 23-1 tredje ledd)." in page
    assert "Ola Dalen er medlem" not in page
    assert not BodyElection.objects.exists()
    response, page = _post(client, running_term, kontroll, KONTROLL.format(fifth="Per Haugen"))
    assert response.status_code == 302, page
    assert Membership.objects.get(person__given_name="Ola", organization=fsk).person.pk in {
        p["person"] for r in BodyElection.objects.get().result["lists"] for p in r["members"]}


def test_of_namesakes_the_one_who_may_be_elected_is_taken(client, fagleder, fsk, kontroll, running_term):
    """Ola Dalen in formannskapet may not sit in kontrollutvalget (§ 23-1 tredje ledd bokstav b); another Ola Dalen
    may: «Ola Dalen» means him."""
    _in_formannskapet(running_term, fsk, "Ola", ended=False)
    other = PersonFactory(given_name="Ola", family_name="Dalen", gender="M", birth_date=dt.date(1960, 2, 2))
    client.force_login(fagleder)
    response, page = _post(client, running_term, kontroll, KONTROLL.format(fifth="Per Haugen"))
    assert response.status_code == 302, page
    assert other.pk in {p["person"] for r in BodyElection.objects.get().result["lists"] for p in r["members"]}
