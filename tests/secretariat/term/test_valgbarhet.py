"""Who may be elected to which body at the konstituerende møte (kommuneloven 2018): formannskapet «av og blant
medlemmene av kommunestyret» (§ 5-6 andre ledd); an utvalg (§ 5-7) among all who are valgbare (§ 7-2), not only
kommunestyret; kontrollutvalget at least five members, at least one of them a member of kommunestyret (§ 23-1 andre
ledd), and not the members of other bodies with avgjørelsesmyndighet (§ 23-1 tredje ledd bokstav c: a warning).
Through the staff pages and the organvalg command. The sample: kommunestyret Kari Nordmann, Ola Dalen (Ap), Lars Berg,
Ingrid Vik (H); varamedlemmer Per Haugen, Siri Moen (Ap), Tone Lie (H)."""

import html
import io

import pytest
from django.core.management import CommandError, call_command

from secretariat.organizations.models import Membership, MembershipRole, OrganizationType
from secretariat.term.models import BodyElection
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db
URL = "/intern/valgperiode/organvalg/ny/"


def _post(client, term, organization, **data):
    response = client.post(URL, {"term": term.pk, "organization": organization.pk, **data})
    return response, html.unescape(response.content.decode())


def _members(org, term):
    return sorted((m.role, m.person.name) for m in Membership.objects.filter(organization=org, term=term))


@pytest.fixture
def outsiders(db):
    """Two valgbare people registered in Saksgang who are neither members nor varamedlemmer of kommunestyret."""
    return {"Åse Utenfor": PersonFactory(given_name="Åse", family_name="Utenfor", gender="K"),
            "Knut Ute": PersonFactory(given_name="Knut", family_name="Ute", gender="M")}


@pytest.fixture
def kontroll(body):
    return OrganizationFactory(body=body, name="Kontrollutvalget", slug="kontrollutvalget", seats=5,
                               organization_type=OrganizationType.KONTROLLUTVALG)


def test_a_person_outside_kommunestyret_is_elected_to_an_utvalg(client, fagleder, body, imported, outsiders):
    """§ 5-7: an utvalg's members need not sit in kommunestyret. Åse Utenfor (registered, in no body) and Per Haugen
    (kommunestyret's varamedlem) are elected with Lars Berg by avtalevalg through the pages."""
    utvalg = OrganizationFactory(body=body, name="Hovedutvalg for oppvekst", slug="hok", seats=3)
    client.force_login(fagleder)
    response, page = _post(client, imported, utvalg, method="avtalevalg", unanimous="on",
                           candidates_text="Ap;Åse Utenfor;medlem\nAp;Per Haugen;medlem\nH;Lars Berg;medlem\n"
                                           "H;Knut Ute;vara")
    assert response.status_code == 302, page[-3000:]
    assert client.post(response["Location"] + "gjennomfor/").status_code == 302
    assert _members(utvalg, imported) == [("medlem", "Lars Berg"), ("medlem", "Per Haugen"),
                                          ("medlem", "Åse Utenfor"), ("varamedlem", "Knut Ute")]


def test_an_unregistered_name_is_refused_for_an_utvalg_with_the_reason(client, fagleder, body, imported):
    utvalg = OrganizationFactory(body=body, name="Hovedutvalg for oppvekst", slug="hok", seats=2)
    client.force_login(fagleder)
    _, page = _post(client, imported, utvalg, method="avtalevalg", unanimous="on",
                    candidates_text="Ap;Ingen Slik;medlem\nH;Lars Berg;medlem")
    assert ("Linje 1: «Ingen Slik» er ikke registrert som person i Saksgang. Registrer personen (admin) først: "
            "medlemmene kan velges blant alle som er valgbare til kommunestyret (koml. § 7-2)") in page
    assert not BodyElection.objects.exists()


def test_formannskapet_refuses_a_varamedlem_and_an_outside_person(client, fagleder, fsk, imported, outsiders):
    """§ 5-6 andre ledd: formannskapet «av og blant medlemmene av kommunestyret»."""
    client.force_login(fagleder)
    _, page = _post(client, imported, fsk, method="avtalevalg", unanimous="on",
                    candidates_text="Ap;Kari Nordmann;medlem\nAp;Åse Utenfor;medlem\nH;Lars Berg;medlem\n"
                                    "Ap;Per Haugen;vara")
    for line, name in ((2, "Åse Utenfor"), (4, "Per Haugen")):
        assert (f"Linje {line}: «{name}» er ikke blant medlemmene av kommunestyret i valgperioden {imported}: "
                "formannskapets medlemmer velges «av og blant medlemmene av kommunestyret» (koml. § 5-6 andre "
                "ledd).") in page
    assert not BodyElection.objects.exists()


def test_formannskapet_refuses_an_outside_person_in_the_command(tmp_path, fsk, imported, outsiders):
    lists = tmp_path / "lister.txt"
    lists.write_text("Ap;Kari Nordmann;medlem\nAp;Knut Ute;medlem\nH;Lars Berg;medlem\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("organvalg", "--term", imported.name, "--organ", fsk.slug, "--kandidater", str(lists),
                     "--avtalevalg", stdout=io.StringIO())
    assert "Linje 2: «Knut Ute» er ikke blant medlemmene av kommunestyret" in str(exc.value)
    assert "(koml. § 5-6 andre ledd)" in str(exc.value)
    assert not BodyElection.objects.exists()


def test_kontrollutvalget_needs_a_member_of_kommunestyret(client, fagleder, imported, outsiders, kontroll):
    """§ 23-1 andre ledd: «Minst ett av medlemmene» among kommunestyret's members. Five varamedlemmer and outside
    people are refused (a varamedlem is not a member); with Ingrid Vik (kommunestyret) in, the election passes."""
    client.force_login(fagleder)
    without = ("Ap;Per Haugen;medlem\nAp;Siri Moen;medlem\nH;Tone Lie;medlem\nAp;Åse Utenfor;medlem\n"
               "H;Knut Ute;medlem")
    _, page = _post(client, imported, kontroll, method="avtalevalg", unanimous="on", candidates_text=without)
    assert ("Minst ett av medlemmene i Kontrollutvalget skal velges blant kommunestyrets medlemmer (koml. § 23-1 andre "
            "ledd), men ingen av de valgte medlemmene") in page
    assert not BodyElection.objects.exists()

    with_one = without.replace("Ap;Siri Moen;medlem", "H;Ingrid Vik;medlem")
    response, page = _post(client, imported, kontroll, method="avtalevalg", unanimous="on", candidates_text=with_one)
    assert response.status_code == 302, page[-3000:]
    client.post(response["Location"] + "gjennomfor/")
    assert ("medlem", "Ingrid Vik") in _members(kontroll, imported)
    assert ("medlem", "Åse Utenfor") in _members(kontroll, imported)


def test_kontrollutvalget_by_forholdsvalg_without_a_member_of_kommunestyret_is_refused(tmp_path, imported, outsiders,
                                                                                       kontroll):
    """The rule is on the members the election gives: H's list has Lars Berg only in second place, and H wins one
    seat; Ap's list has no member of kommunestyret at all."""
    PersonFactory(given_name="Eva", family_name="Utvik", gender="K")
    PersonFactory(given_name="Jon", family_name="Utvik", gender="M")
    files = {"lister": "Ap;Per Haugen\nAp;Siri Moen\nAp;Åse Utenfor\nAp;Knut Ute\nAp;Jon Utvik\nAp;Eva Utvik\n"
                       "H;Tone Lie\nH;Lars Berg\n",
             "stemmer": "Ap;3\nH;1\n", "underskrifter": "Ap;Kari Nordmann\nH;Lars Berg\n"}
    for name, text in files.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    args = ["organvalg", "--term", imported.name, "--organ", kontroll.slug, "--kandidater",
            str(tmp_path / "lister.txt"), "--stemmer", str(tmp_path / "stemmer.txt"), "--underskrifter",
            str(tmp_path / "underskrifter.txt"), "--gjennomfor"]
    with pytest.raises(CommandError) as exc:
        call_command(*args, stdout=io.StringIO())
    assert "Ingenting er lagret" in str(exc.value)
    assert "skal velges blant kommunestyrets medlemmer (koml. § 23-1 andre ledd)" in str(exc.value)
    assert not BodyElection.objects.exists() and not Membership.objects.filter(organization=kontroll).exists()

    (tmp_path / "lister.txt").write_text(files["lister"].replace("H;Tone Lie\nH;Lars Berg", "H;Lars Berg\nH;Tone Lie"),
                                         encoding="utf-8")
    out = io.StringIO()
    call_command(*args, stdout=out)
    assert "Gjennomført" in out.getvalue()
    assert ("medlem", "Lars Berg") in _members(kontroll, imported)


def test_kontrollutvalget_has_at_least_five_members(client, fagleder, imported, kontroll):
    kontroll.seats = 3
    kontroll.save()
    client.force_login(fagleder)
    _, page = _post(client, imported, kontroll, method="avtalevalg", unanimous="on",
                    candidates_text="Ap;Kari Nordmann;medlem\nH;Lars Berg;medlem\nAp;Per Haugen;medlem")
    assert ("Kontrollutvalget er registrert med 3 medlemmer, men kontrollutvalget skal ha minst 5 (koml. § 23-1 andre "
            "ledd).") in page
    assert not BodyElection.objects.exists()


def test_kontrollutvalget_warns_about_a_member_of_a_deciding_body(tmp_path, body, imported, outsiders, kontroll):
    """§ 23-1 tredje ledd bokstav c: not the members and varamedlemmer of a body with avgjørelsesmyndighet (Saksgang
    does not know the delegated power: a warning); an advisory eldreråd (§ 5-12) gives none."""
    plan = OrganizationFactory(body=body, name="Planutvalget", slug="plan", seats=3)
    eldre = OrganizationFactory(body=body, name="Eldrerådet", slug="eldre", seats=3,
                                organization_type=OrganizationType.ELDRERAD)
    MembershipFactory(person=outsiders["Knut Ute"], organization=plan, term=imported, role=MembershipRole.SUBSTITUTE,
                      substitute_order=1)
    MembershipFactory(person=outsiders["Åse Utenfor"], organization=eldre, term=imported)
    lists = tmp_path / "lister.txt"
    lists.write_text("Ap;Per Haugen;medlem\nAp;Siri Moen;medlem\nH;Ingrid Vik;medlem\nAp;Åse Utenfor;medlem\n"
                     "H;Knut Ute;medlem\n", encoding="utf-8")
    out = io.StringIO()
    call_command("organvalg", "--term", imported.name, "--organ", kontroll.slug, "--kandidater", str(lists),
                 "--avtalevalg", stdout=out)
    assert ("Merk: Knut Ute er varamedlem i Planutvalget: har Planutvalget avgjørelsesmyndighet, kan vedkommende ikke "
            "velges til Kontrollutvalget (koml. § 23-1 tredje ledd bokstav c).") in out.getvalue()
    assert "Eldrerådet" not in out.getvalue()
