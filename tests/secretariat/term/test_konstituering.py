"""The konstituerende møte (issue 15): formannskapet and the utvalg by forholdsvalg (koml. §§ 7-5, 7-6) or
avtalevalg (§ 7-7); the result becomes the memberships from the term's start. Through the staff pages and the
command, with the sample files. The list rules are in test_listeforslag.py, the leaders in test_ledervalg.py."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from secretariat.accounts.roles import Role
from secretariat.organizations.models import Membership, Organization, OrganizationType
from secretariat.term.models import BodyElection, ElectionStatus
from tests.factories import OrganizationFactory, PartyFactory, UserFactory
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[3] / "secretariat" / "term" / "data"
START = dt.date(2027, 10, 1)


def _members(org, term):
    return sorted((m.electoral_list.abbreviation, m.role, m.substitute_order, m.person.name)
                  for m in Membership.objects.filter(organization=org, term=term))


def test_forholdsvalg_through_the_pages_makes_the_memberships(client, fagleder, fsk, imported):
    """§ 7-6 første, andre og femte ledd on formannskapet (3 seats) elected by kommunestyret's 4 members."""
    # Ap 3 ballots, H 1 (one H member voted Ap). Quotients: Ap 3, 1,5, 1; H 1. Seat 1: Ap 3; seat 2: Ap 1,5;
    # seat 3: Ap 3/3 = 1 and H 1/1 = 1 tie, Ap has more ballots, but Ap's list has no third candidate: H gets it.
    client.force_login(fagleder)
    response = client.post("/intern/valgperiode/organvalg/ny/", {
        "term": imported.pk, "organization": fsk.pk, "method": "forholdsvalg",
        "candidates_text": "Ap;Ola Dalen\nAp;Kari Nordmann\nH;Lars Berg\nH;Ingrid Vik", "votes_text": "Ap;3\nH;1",
        "signatures_text": "Ap;Kari Nordmann\nH;Lars Berg"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    election = BodyElection.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "1,5" in page and "Gjennomfør valget" in page and "Ap;Kari Nordmann" in page
    assert {r["list"]: r["seats"] for r in election.result["lists"]} == {"Ap": 2, "H": 1}
    assert not Membership.objects.filter(organization=fsk).exists()  # a draft makes nothing yet

    assert client.post(f"/intern/valgperiode/organvalg/{election.pk}/gjennomfor/").status_code == 302
    assert _members(fsk, imported) == [
        ("Ap", "medlem", None, "Kari Nordmann"), ("Ap", "medlem", None, "Ola Dalen"),
        ("H", "medlem", None, "Lars Berg"), ("H", "varamedlem", 1, "Ingrid Vik")]
    assert {m.start_date for m in Membership.objects.filter(organization=fsk)} == {START}
    election.refresh_from_db()
    assert election.status == ElectionStatus.APPLIED
    assert AuditEntry.objects.filter(action="organvalg_gjennomfort").count() == 5  # 4 memberships + the election

    again = client.post(f"/intern/valgperiode/organvalg/{election.pk}/gjennomfor/", follow=True)
    assert "allerede gjennomført" in again.content.decode()
    assert Membership.objects.filter(organization=fsk).count() == 4


def test_forholdsvalg_refuses_bad_lines_and_people_outside_kommunestyret(client, fagleder, fsk, imported):
    client.force_login(fagleder)
    page = client.post("/intern/valgperiode/organvalg/ny/", {
        "term": imported.pk, "organization": fsk.pk, "method": "forholdsvalg",
        "candidates_text": "Ap;Ola Dalen\nAp;Per Haugen\nXp;Lars Berg\nH", "votes_text": "Ap;3",
        "signatures_text": "Ap;Ola Dalen"}).content.decode()
    assert "Linje 2: «Per Haugen» er ikke blant medlemmene av kommunestyret" in page.replace("&laquo;", "«").replace(
        "&raquo;", "»")
    assert "Linje 3: ukjent liste" in page and "Linje 4: skriv" in page
    assert not BodyElection.objects.exists()


def test_avtalevalg_needs_no_vote_against_and_gender_balance(client, fagleder, body, fsk, imported):
    """§ 7-7 andre ledd: «Innstillingen vedtas enstemmig»; tredje ledd: «Skal organet bestå av tre eller færre
    medlemmer, skal begge kjønn være representert i organet»."""
    utvalg = OrganizationFactory(body=body, name="Hovedutvalg for oppvekst", slug="hok", seats=2)
    client.force_login(fagleder)
    data = {"term": imported.pk, "organization": utvalg.pk, "method": "avtalevalg",
            "candidates_text": "Ap;Ola Dalen;medlem\nH;Lars Berg;medlem\nAp;Per Haugen;vara\nH;Tone Lie;vara"}
    page = client.post("/intern/valgperiode/organvalg/ny/", data).content.decode()
    assert "Avtalevalg krever at kommunestyret vedtar innstillingen enstemmig" in page
    page = client.post("/intern/valgperiode/organvalg/ny/", {**data, "unanimous": "on"}).content.decode()
    assert "minst 1 kvinne blant medlemmene i Hovedutvalg for oppvekst, innstillingen har 0" in page  # two men
    assert not BodyElection.objects.exists()

    data["candidates_text"] = "Ap;Kari Nordmann;medlem\nH;Lars Berg;medlem\nAp;Per Haugen;vara\nH;Tone Lie;vara"
    response = client.post("/intern/valgperiode/organvalg/ny/", {**data, "unanimous": "on"})
    assert response.status_code == 302
    client.post(response["Location"] + "gjennomfor/")
    assert _members(utvalg, imported) == [
        ("Ap", "medlem", None, "Kari Nordmann"), ("Ap", "varamedlem", 1, "Per Haugen"),
        ("H", "medlem", None, "Lars Berg"), ("H", "varamedlem", 1, "Tone Lie")]


@pytest.mark.parametrize("role", [Role.FOLKEVALGT, Role.SAKSBEHANDLER, Role.KOMMUNEDIREKTOR])
def test_other_roles_cannot_elect(client, fsk, imported, role):
    client.force_login(UserFactory(username=f"k-{role.value}", role=role))
    response = client.post("/intern/valgperiode/organvalg/ny/", {
        "term": imported.pk, "organization": fsk.pk, "method": "forholdsvalg",
        "candidates_text": "Ap;Ola Dalen", "votes_text": "Ap;3"})
    assert response.status_code == 403 and not BodyElection.objects.exists()


def test_the_sample_valgoppgjor_and_the_sample_forholdsvalg_make_the_new_bodies(body, mailoutbox):
    for abbr, name in (("Ap", "Arbeiderpartiet"), ("H", "Høyre"), ("Sp", "Senterpartiet"),
                       ("FrP", "Fremskrittspartiet"), ("SV", "Sosialistisk Venstreparti"),
                       ("KrF", "Kristelig Folkeparti")):
        PartyFactory(abbreviation=abbr, name=name)
    OrganizationFactory(body=body, name="Kommunestyret", slug="kommunestyret", seats=27,
                        organization_type=OrganizationType.KOMMUNESTYRE)
    fsk = OrganizationFactory(body=body, name="Formannskapet", slug="formannskapet", seats=7,
                              organization_type=OrganizationType.FORMANNSKAP)
    out = io.StringIO()
    call_command("import_valgoppgjor", str(DATA / "valgoppgjor_2027.csv"), "--term", "2027–2031",
                 "--start", "2027-10-01", stdout=out)
    assert "Valgperioden 2027–2031 (01.10.2027–30.09.2031) er opprettet." in out.getvalue()
    ks = Organization.objects.get(slug="kommunestyret")
    assert Membership.objects.regular().filter(organization=ks).count() == 27
    assert set(Membership.objects.substitutes().filter(organization=ks).values_list("electoral_list__abbreviation",
                                                                                    flat=True)) == {
        "Ap", "H", "Sp", "FrP", "SV", "KrF"}
    out = io.StringIO()
    call_command("organvalg", "--term", "2027–2031", "--organ", "formannskapet", "--kandidater",
                 str(DATA / "formannskap_lister_2027.txt"), "--stemmer", str(DATA / "formannskap_stemmer_2027.txt"),
                 "--underskrifter", str(DATA / "formannskap_underskrifter_2027.txt"), "--gjennomfor", stdout=out)
    # Ap 8, H 7, Sp 4, FrP 4: seats Ap 8, H 7, Ap 4 (ties with Sp 4 and FrP 4, more ballots), Sp 4 and FrP 4 (equal
    # ballots, but each gets one of the seats left: no lot), H 3,5, Ap 2,67 → Ap 3, H 2, Sp 1, FrP 1; Ap's three men:
    # Nora Fossum moves up.
    assert "Nora Fossum rykker opp som medlem foran Ole Fjellheim" in out.getvalue()
    # Ap's list has 2 women of 7 names (40 % is 2,8): for formannskapet a warning, «så langt det er mulig».
    assert "Merk: Ap: lista har 2 kvinner av 7 navn" in out.getvalue()
    seats = {}
    for m in Membership.objects.regular().filter(organization=fsk):
        seats[m.electoral_list.abbreviation] = seats.get(m.electoral_list.abbreviation, 0) + 1
    assert seats == {"Ap": 3, "H": 2, "Sp": 1, "FrP": 1}
    with pytest.raises(CommandError, match="har allerede medlemmer"):
        call_command("organvalg", "--term", "2027–2031", "--organ", "formannskapet", "--kandidater",
                     str(DATA / "formannskap_lister_2027.txt"), "--stemmer",
                     str(DATA / "formannskap_stemmer_2027.txt"), "--underskrifter",
                     str(DATA / "formannskap_underskrifter_2027.txt"))
    with pytest.raises(CommandError, match="oppgi --underskrifter"):
        call_command("organvalg", "--term", "2027–2031", "--organ", "formannskapet", "--kandidater",
                     str(DATA / "formannskap_lister_2027.txt"), "--stemmer", str(DATA / "formannskap_stemmer_2027.txt"))
