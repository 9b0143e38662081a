"""The listeforslag and the innstilling against the law, through the staff page: the number of names and the gender
balance of a list (koml. § 7-5 første og andre ledd), its signature (tredje ledd), the innstilling of an avtalevalg
(§ 7-7 andre og tredje ledd), and who may not be elected (§ 7-3 tredje ledd). A refused election saves nothing.

The world (conftest): kommunestyret of 4 for 2027–2031; Ap elected Kari Nordmann (K) and Ola Dalen (M), substitutes
Per Haugen (M) and Siri Moen (K); H elected Lars Berg (M) and Ingrid Vik (K), substitute Tone Lie (K)."""

import html

import pytest

from secretariat.organizations.models import Membership, OrganizationType, Person
from secretariat.term.models import BodyElection
from tests.factories import OrganizationFactory, PartyFactory

pytestmark = pytest.mark.django_db
URL = "/intern/valgperiode/organvalg/ny/"


def _post(client, term, organization, **data):
    data = {"term": term.pk, "organization": organization.pk, "method": "forholdsvalg", **data}
    response = client.post(URL, data)
    return response, html.unescape(response.content.decode())


@pytest.fixture
def utvalg(body):
    return OrganizationFactory(body=body, name="Hovedutvalg for oppvekst", slug="hok", seats=4)


def test_a_list_may_have_twice_as_many_names_as_seats(client, fagleder, body, imported):
    """§ 7-5 første ledd: «Antall navn på listen kan være dobbelt så høyt som antall medlemmer som skal velges.»"""
    one_seat = OrganizationFactory(body=body, name="Klagenemnd", slug="klagenemnd", seats=1)
    client.force_login(fagleder)
    response, page = _post(client, imported, one_seat,
                           candidates_text="Ap;Kari Nordmann\nAp;Ola Dalen\nAp;Per Haugen",
                           signatures_text="Ap;Kari Nordmann", votes_text="Ap;4")
    assert response.status_code == 200
    assert ("Ap: lista har 3 navn, men kan ha høyst 2 (dobbelt så mange som de 1 som skal velges, koml. § 7-5 første "
            "ledd).") in page
    response, _ = _post(client, imported, one_seat, candidates_text="Ap;Kari Nordmann\nAp;Ola Dalen",
                        signatures_text="Ap;Kari Nordmann", votes_text="Ap;4")
    assert response.status_code == 302


def test_a_list_needs_forty_per_cent_of_each_gender_for_an_utvalg(client, fagleder, utvalg, imported):
    """§ 7-5 andre ledd: four or more to elect, «minst 40 prosent blant de foreslåtte kandidatene på den enkelte
    listen». Ap's three names with one woman: 40 % of 3 is 1,2, so two of each are needed; refused."""
    client.force_login(fagleder)
    response, page = _post(client, imported, utvalg, candidates_text="Ap;Ola Dalen\nAp;Per Haugen\nAp;Kari Nordmann",
                           signatures_text="Ap;Kari Nordmann", votes_text="Ap;4")
    assert response.status_code == 200
    assert ("Ap: lista har 1 kvinne av 3 navn; når 4 skal velges, krever loven minst 40 prosent av hvert kjønn på "
            "lista (minst 2, koml. § 7-5 andre ledd).") in page
    assert not BodyElection.objects.exists()
    response, _ = _post(client, imported, utvalg,
                        candidates_text="Ap;Ola Dalen\nAp;Per Haugen\nAp;Kari Nordmann\nAp;Siri Moen",
                        signatures_text="Ap;Kari Nordmann", votes_text="Ap;4")
    assert response.status_code == 302


def test_for_formannskapet_the_list_rule_holds_as_far_as_possible(client, fagleder, fsk, imported):
    """§ 7-5 andre ledd, tredje punktum: for bodies that by law have only members of kommunestyret «skal reglene i
    dette leddet følges så langt det er mulig». Ap's list of one man (3 to elect: both genders) is registered with a
    warning that names the group's woman in kommunestyret who is not on it."""
    client.force_login(fagleder)
    response, _ = _post(client, imported, fsk, candidates_text="Ap;Ola Dalen\nH;Lars Berg\nH;Ingrid Vik",
                        signatures_text="Ap;Ola Dalen\nH;Lars Berg", votes_text="Ap;2\nH;2")
    assert response.status_code == 302
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert ("Ap: lista har 0 kvinner av 1 navn; når 3 skal velges, krever loven begge kjønn på lista (minst 1, koml. "
            "§ 7-5 andre ledd). For Formannskapet gjelder kravet så langt det er mulig; gruppa har kvinner i "
            "kommunestyret som ikke står på lista: Kari Nordmann.") in page


def test_each_list_is_signed_by_a_member_of_kommunestyret_from_its_group(client, fagleder, fsk, imported):
    """§ 7-5 tredje ledd: «Listeforslaget skal være underskrevet av minst ett medlem av det partiet eller den gruppen
    som fremmer forslaget. Den som underskriver forslaget, må være medlem av det velgende organet.»"""
    client.force_login(fagleder)
    lists = "Ap;Ola Dalen\nAp;Kari Nordmann\nH;Lars Berg\nH;Ingrid Vik"
    _, page = _post(client, imported, fsk, candidates_text=lists, votes_text="Ap;2\nH;2",
                    signatures_text="Ap;Kari Nordmann")
    assert "H-lista er ikke underskrevet av et medlem av kommunestyret fra partiet eller gruppa" in page
    _, page = _post(client, imported, fsk, candidates_text=lists, votes_text="Ap;2\nH;2",
                    signatures_text="Ap;Per Haugen\nH;Lars Berg")  # a substitute, not a member of kommunestyret
    assert ("Underskrifter, linje 1: «Per Haugen» er ikke medlem av kommunestyret (det velgende organet) i "
            "valgperioden 2027–2031 (koml. § 7-5 tredje ledd).") in page
    _, page = _post(client, imported, fsk, candidates_text=lists, votes_text="Ap;2\nH;2",
                    signatures_text="Ap;Lars Berg\nH;Lars Berg")
    assert "Underskrifter, linje 1: Lars Berg er ikke medlem av gruppa som fremmer Ap-lista" in page
    assert not BodyElection.objects.exists()


def test_a_fellesliste_may_be_signed_by_a_member_of_either_group(client, fagleder, utvalg, imported):
    """§ 7-5 første ledd: candidates of a party stand on its own list «eller på en fellesliste som utgår fra flere
    partier eller grupper»; the fellesliste «Ap/H» is signed by an H member and carries Ap and H names."""
    PartyFactory(abbreviation="Ap/H", name="Fellesliste Ap og H")
    client.force_login(fagleder)
    response, _ = _post(client, imported, utvalg,
                        candidates_text="Ap/H;Lars Berg\nAp/H;Kari Nordmann\nAp/H;Ola Dalen\nAp/H;Ingrid Vik",
                        signatures_text="Ap/H;Lars Berg", votes_text="Ap/H;4")
    assert response.status_code == 302
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert "men står på lista til" not in page  # no warning: Ap and H both stand behind «Ap/H»


def test_a_candidate_on_another_groups_list_is_flagged(client, fagleder, utvalg, imported):
    """§ 7-5 første ledd, femte punktum: «Kandidater fra et parti eller en gruppe kan bare føres opp på partiets eller
    gruppens listeforslag eller på en fellesliste». Saksgang knows a fellesliste only by its name: a warning."""
    client.force_login(fagleder)
    response, _ = _post(client, imported, utvalg,
                        candidates_text="Ap;Ola Dalen\nAp;Kari Nordmann\nAp;Per Haugen\nAp;Tone Lie",
                        signatures_text="Ap;Kari Nordmann", votes_text="Ap;4")
    assert response.status_code == 302
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert ("Tone Lie er valgt inn i kommunestyret for H, men står på lista til Ap: det er lovlig bare om den er en "
            "fellesliste med H (koml. § 7-5 første ledd).") in page


def test_a_candidate_without_a_registered_gender_is_refused(client, fagleder, utvalg, imported):
    """The gender rules of §§ 7-5 to 7-7 cannot be applied to a person whose gender is not registered."""
    Person.objects.filter(given_name="Siri").update(gender="")
    client.force_login(fagleder)
    _, page = _post(client, imported, utvalg,
                    candidates_text="Ap;Ola Dalen\nAp;Per Haugen\nAp;Kari Nordmann\nAp;Siri Moen",
                    signatures_text="Ap;Kari Nordmann", votes_text="Ap;4")
    assert "Kjønn er ikke registrert for Siri Moen" in page
    assert not BodyElection.objects.exists()


def test_avtalevalg_has_at_most_two_more_substitutes_than_members_per_party(client, fagleder, body, imported):
    """§ 7-7 andre ledd: «Antall varamedlemmer kan være inntil to flere enn de faste medlemmene fra partiet eller
    gruppen.» Ap: one member, four substitutes (at most three)."""
    utvalg = OrganizationFactory(body=body, name="Eldrerådet", slug="eldreradet", seats=2)
    client.force_login(fagleder)
    _, page = _post(client, imported, utvalg, method="avtalevalg", unanimous="on", candidates_text=(
        "Ap;Kari Nordmann;medlem\nH;Lars Berg;medlem\nAp;Ola Dalen;vara\nAp;Per Haugen;vara\nAp;Siri Moen;vara\n"
        "Ap;Tone Lie;vara"))
    assert ("Ap har 4 varamedlemmer og 1 medlem: høyst 3 varamedlemmer (inntil to flere enn de faste medlemmene fra "
            "partiet eller gruppen, koml. § 7-7 andre ledd).") in page
    assert not BodyElection.objects.exists()


def test_avtalevalg_needs_forty_per_cent_of_each_gender_in_the_whole_body(client, fagleder, utvalg, imported):
    """§ 7-7 tredje ledd: «Hvis organet skal bestå av minst fire medlemmer, skal hvert kjønn være representert i
    organet med minst 40 prosent.» Four members with one woman: two of each are needed (40 % of 4 is 1,6)."""
    client.force_login(fagleder)
    _, page = _post(client, imported, utvalg, method="avtalevalg", unanimous="on", candidates_text=(
        "Ap;Ola Dalen;medlem\nAp;Per Haugen;medlem\nH;Lars Berg;medlem\nH;Ingrid Vik;medlem"))
    assert ("Avtalevalg: minst 2 kvinner blant medlemmene i Hovedutvalg for oppvekst, innstillingen har 1 (koml. "
            "§ 7-7 tredje ledd).") in page
    assert not BodyElection.objects.exists()


def test_kontrollutvalget_cannot_have_a_member_of_formannskapet(client, fagleder, body, fsk, imported):
    """§ 23-1 tredje ledd bokstav b (the other way round: § 7-3 tredje ledd): a member or varamedlem of formannskapet
    cannot be elected to kontrollutvalget. Ingrid Vik is formannskapet's substitute; refused for kontrollutvalget."""
    from secretariat.term.constitution import body_election_apply, body_election_register

    body_election_apply(actor=fagleder, election=body_election_register(
        actor=fagleder, organization=fsk, term=imported, method="avtalevalg", unanimous=True,
        candidates_text="Ap;Kari Nordmann;medlem\nAp;Ola Dalen;medlem\nH;Lars Berg;medlem\nH;Ingrid Vik;vara"))
    kontroll = OrganizationFactory(body=body, name="Kontrollutvalget", slug="kontrollutvalget", seats=5,
                                   organization_type=OrganizationType.KONTROLLUTVALG)
    client.force_login(fagleder)
    _, page = _post(client, imported, kontroll, method="avtalevalg", unanimous="on",
                    candidates_text="Ap;Siri Moen;medlem\nH;Ingrid Vik;medlem\nAp;Per Haugen;medlem")
    assert ("Linje 2: Ingrid Vik er medlem eller varamedlem av formannskapet og kan ikke velges til Kontrollutvalget "
            "(koml. § 23-1 tredje ledd).") in page
    assert not Membership.objects.filter(organization=kontroll).exists()
