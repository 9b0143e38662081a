"""Two people with the same name (since anyone registered may be elected to an utvalg, koml. § 5-7, § 7-2): the
fagleder says which one with the birth date, «Kari Nordmann (12.03.1980)», or — where the birth date is not
registered — with the person's number in Saksgang, «Kari Nordmann (#123)». A bare name that is shared is refused with
the people listed; a date that fits none of them is refused; where only one of them may be elected to the body, that
one is taken. Through the staff pages and the organvalg command.

The world: kommunestyret of 4 from the conftest's valgoppgjør (Kari Nordmann there is born 12.03.1975); another
Kari Nordmann, born 01.01.1990, is registered in Saksgang."""

import datetime as dt
import html

import pytest
from django.core.management import CommandError, call_command

from secretariat.organizations.models import Membership, MembershipRole, OrganizationType, Person
from secretariat.term.models import BodyElection
from tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db
URL = "/intern/valgperiode/organvalg/ny/"
LEADER_URL = "/intern/valgperiode/ordforer/"
CANDIDATES = "Ap;{kari};medlem\nAp;Ola Dalen;medlem\nH;Lars Berg;medlem"


@pytest.fixture
def utvalg(body):
    return OrganizationFactory(body=body, name="Hovedutvalg for oppvekst", slug="oppvekst", seats=3,
                               organization_type=OrganizationType.UTVALG)


@pytest.fixture
def kari_1990(imported):
    return PersonFactory(given_name="Kari", family_name="Nordmann", gender="K", birth_date=dt.date(1990, 1, 1))


@pytest.fixture
def kari_1975(imported):
    return Person.objects.get(given_name="Kari", family_name="Nordmann", birth_date=dt.date(1975, 3, 12))


def _post(client, term, organization, kari):
    response = client.post(URL, {"term": term.pk, "organization": organization.pk, "method": "avtalevalg",
                                 "unanimous": "on", "candidates_text": CANDIDATES.format(kari=kari)})
    return response, html.unescape(response.content.decode())


def _members(election):
    return {p["person"] for r in election.result["lists"] for p in r["members"]}


def test_a_shared_name_is_refused_with_the_people_and_their_birth_dates(client, fagleder, utvalg, imported,
                                                                         kari_1990):
    client.force_login(fagleder)
    response, page = _post(client, imported, utvalg, "Kari Nordmann")
    assert response.status_code == 200
    assert ("Linje 1: flere personer heter «Kari Nordmann»: Kari Nordmann (12.03.1975), Kari Nordmann (01.01.1990). "
            "Skriv hvem du mener, f.eks. «Kari Nordmann (12.03.1975)».") in page
    assert not BodyElection.objects.exists()


def test_the_birth_date_says_which_one_is_elected(client, fagleder, utvalg, imported, kari_1975, kari_1990):
    client.force_login(fagleder)
    response, _ = _post(client, imported, utvalg, "Kari  nordmann ( 01.01.1990 )")
    assert response.status_code == 302
    election = BodyElection.objects.get()
    assert kari_1990.pk in _members(election) and kari_1975.pk not in _members(election)


def test_a_birth_date_that_fits_none_of_them_is_refused(client, fagleder, utvalg, imported, kari_1990):
    client.force_login(fagleder)
    _, page = _post(client, imported, utvalg, "Kari Nordmann (05.05.1955)")
    assert ("Linje 1: ingen som heter «Kari Nordmann» og kan velges her, er født 05.05.1955; de som heter det: "
            "Kari Nordmann (12.03.1975), Kari Nordmann (01.01.1990).") in page
    _, page = _post(client, imported, utvalg, "Kari Nordmann (31.02.1990)")
    assert "Linje 1: «31.02.1990» i «Kari Nordmann (31.02.1990)» er ikke en dato: skriv fødselsdatoen som " \
           "dd.mm.åååå" in page
    assert not BodyElection.objects.exists()


def test_without_a_birth_date_the_person_number_tells_them_apart(client, fagleder, utvalg, imported, kari_1975,
                                                                 kari_1990):
    undated = PersonFactory(given_name="Kari", family_name="Nordmann", gender="K")
    client.force_login(fagleder)
    _, page = _post(client, imported, utvalg, "Kari Nordmann")
    assert (f"flere personer heter «Kari Nordmann»: Kari Nordmann (12.03.1975), Kari Nordmann (01.01.1990), "
            f"Kari Nordmann (#{undated.pk}). Skriv hvem du mener, f.eks. «Kari Nordmann (12.03.1975)» (#nummeret er "
            "personens nummer i Saksgang") in page
    response, _ = _post(client, imported, utvalg, f"Kari Nordmann (#{undated.pk})")
    assert response.status_code == 302
    assert undated.pk in _members(BodyElection.objects.get())


def test_the_command_takes_the_birth_date_and_lists_the_namesakes(tmp_path, utvalg, imported, kari_1990):
    path = tmp_path / "kandidater.txt"
    path.write_text(CANDIDATES.format(kari="Kari Nordmann"), encoding="utf-8")
    args = ["organvalg", "--term", imported.name, "--organ", "oppvekst", "--kandidater", str(path), "--avtalevalg"]
    with pytest.raises(CommandError) as refused:
        call_command(*args)
    assert ("flere personer heter «Kari Nordmann»: Kari Nordmann (12.03.1975), Kari Nordmann (01.01.1990). Skriv hvem "
            "du mener, f.eks. «Kari Nordmann (12.03.1975)»") in str(refused.value)
    path.write_text(CANDIDATES.format(kari="Kari Nordmann (01.01.1990)"), encoding="utf-8")
    call_command(*args, "--gjennomfor")
    assert set(Membership.objects.filter(organization=utvalg).values_list("person__birth_date", flat=True)) >= {
        dt.date(1990, 1, 1)}
    assert not Membership.objects.filter(organization=utvalg, person__birth_date=dt.date(1975, 3, 12)).exists()


def test_a_leader_among_namesakes_is_named_by_birth_date(client, fagleder, utvalg, imported, kari_1975, kari_1990):
    for person in (kari_1975, kari_1990, Person.objects.get(given_name="Ola", family_name="Dalen")):
        Membership.objects.create(person=person, organization=utvalg, term=imported, start_date=imported.start_date)
    client.force_login(fagleder)
    data = {"term": imported.pk, "organization": utvalg.pk, "office": "leder", "blank": 0, "consented": "on",
            "first_vote": "Kari Nordmann;2\nOla Dalen;1"}
    page = html.unescape(client.post(LEADER_URL, data).content.decode())
    assert ("Linje 1: flere personer heter «Kari Nordmann»: Kari Nordmann (12.03.1975), Kari Nordmann (01.01.1990). "
            "Skriv hvem du mener") in page
    data["first_vote"] = "Kari Nordmann (01.01.1990);2\nOla Dalen;1"
    page = html.unescape(client.post(LEADER_URL, data, follow=True).content.decode())
    assert "Kari Nordmann er valgt til leder i Hovedutvalg for oppvekst med 2 av 3 stemmer" in page
    assert Membership.objects.get(organization=utvalg, person=kari_1990).role == MembershipRole.LEADER
    assert Membership.objects.get(organization=utvalg, person=kari_1975).role == MembershipRole.MEMBER
