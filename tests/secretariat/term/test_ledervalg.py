"""Ordfører, varaordfører and an utvalg's leader by flertallsvalg (koml. § 7-4 andre ledd, § 7-8), through the staff
page /intern/valgperiode/ordforer/: among formannskapet's members (§ 6-2 første ledd), with the candidates' consent
(§ 6-2 andre ledd), not from kontrollutvalget (§ 7-3 tredje ledd). A refused election changes no role.

The world: kommunestyret of 4 (conftest); formannskapet of 3 elected by avtalevalg: Kari Nordmann, Ola Dalen (Ap)
and Lars Berg (H), substitute Ingrid Vik (H)."""

import datetime as dt
import html

import pytest

from secretariat.accounts.roles import Role
from secretariat.organizations.models import Membership, MembershipRole, OrganizationType
from secretariat.term.constitution import body_election_apply, body_election_register
from tests.factories import MembershipFactory, OrganizationFactory, TermFactory, UserFactory
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
URL = "/intern/valgperiode/ordforer/"


@pytest.fixture
def konstituert(fagleder, fsk, imported):
    body_election_apply(actor=fagleder, election=body_election_register(
        actor=fagleder, organization=fsk, term=imported, method="avtalevalg", unanimous=True,
        candidates_text="Ap;Kari Nordmann;medlem\nAp;Ola Dalen;medlem\nH;Lars Berg;medlem\nH;Ingrid Vik;vara"))
    return imported


def _elect(client, term, organization, office="leder", first="", new="", blank=0, consented=True, lots_winner=""):
    data = {"term": term.pk, "organization": organization.pk, "office": office, "first_vote": first,
            "new_vote": new, "blank": blank, "lots_winner": lots_winner}
    if consented:
        data["consented"] = "on"
    response = client.post(URL, data, follow=True)
    return response, html.unescape(response.content.decode())


def _roles(org, term):
    return dict(Membership.objects.regular().filter(organization=org, term=term)
                .values_list("person__given_name", "role"))


def test_more_than_half_elects_the_ordforer_who_leads_both_bodies(client, fagleder, ks, fsk, konstituert):
    """§ 7-8 første punktum and § 6-1 første ledd: 3 of 4 votes is more than half; the ordfører leads kommunestyret
    and formannskapet."""
    client.force_login(fagleder)
    response, page = _elect(client, konstituert, ks, first="Kari Nordmann;3\nLars Berg;1")
    assert "Kari Nordmann er valgt til ordfører med 3 av 4 stemmer ved første avstemning." in page
    for org in (ks, fsk):
        assert _roles(org, konstituert)["Kari"] == MembershipRole.LEADER
    entries = AuditEntry.objects.filter(action="ordforer_valgt")
    assert entries.count() == 2
    assert entries.first().changes["stemmer"] == {"Kari Nordmann": 3, "Lars Berg": 1}
    assert "Kari Nordmann" in client.get("/intern/valgperiode/").content.decode()


def test_no_majority_needs_a_new_vote_where_most_votes_win(client, fagleder, ks, fsk, konstituert):
    """§ 7-8: «Hvis ingen får mer enn halvparten av stemmene, holdes en ny avstemning. Den som får flest stemmer ved
    den nye avstemningen, blir valgt.» 2–2 of 4 is no majority; the new vote 3–1 elects Lars Berg varaordfører."""
    client.force_login(fagleder)
    _, page = _elect(client, konstituert, fsk, office="nestleder", first="Lars Berg;2\nOla Dalen;2")
    assert ("Ingen fikk mer enn halvparten av de 4 avgitte stemmene (koml. § 7-8): hold en ny avstemning og skriv inn "
            "resultatet av den.") in page
    assert MembershipRole.DEPUTY_LEADER not in _roles(ks, konstituert).values()
    _, page = _elect(client, konstituert, fsk, office="nestleder", first="Lars Berg;2\nOla Dalen;2",
                     new="Lars Berg;3\nOla Dalen;1")
    assert "Lars Berg er valgt til varaordfører med 3 av 4 stemmer ved ny avstemning." in page
    assert _roles(ks, konstituert)["Lars"] == _roles(fsk, konstituert)["Lars"] == MembershipRole.DEPUTY_LEADER
    assert AuditEntry.objects.filter(action="ordforer_valgt").first().changes["ny avstemning"] == {
        "Lars Berg": 3, "Ola Dalen": 1}


def test_a_tie_in_the_new_vote_is_decided_by_lot(client, fagleder, ks, konstituert):
    """§ 7-8 fjerde punktum: «Hvis to eller flere kandidater får like mange stemmer, avgjøres valget ved
    loddtrekning.» The lot the meeting drew between the two tied is recorded (the question and the refusals:
    test_loddtrekning.py)."""
    client.force_login(fagleder)
    _, page = _elect(client, konstituert, ks, first="Kari Nordmann;2\nOla Dalen;2", new="Kari Nordmann;2\nOla Dalen;2",
                     lots_winner="Ola Dalen")
    assert "etter loddtrekning i møtet mellom Kari Nordmann og Ola Dalen; Ola Dalen vant" in page
    entry = AuditEntry.objects.get(action="ordforer_valgt", changes__rolle__til="leder",
                                   content_type__model="membership", object_id__in=Membership.objects.filter(
                                       organization=ks).values_list("pk", flat=True))
    assert sorted(entry.changes["loddtrekning"]["mellom"]) == ["Kari Nordmann", "Ola Dalen"]


def test_a_new_vote_is_not_held_when_the_first_had_a_majority(client, fagleder, ks, konstituert):
    client.force_login(fagleder)
    _, page = _elect(client, konstituert, ks, first="Kari Nordmann;3\nLars Berg;1", new="Lars Berg;4")
    assert "Noen fikk mer enn halvparten ved første avstemning: da holdes ingen ny avstemning" in page
    assert MembershipRole.LEADER not in _roles(ks, konstituert).values()


def test_blank_votes_are_recorded_and_not_counted_among_the_votes_cast(client, fagleder, ks, konstituert):
    """§ 8-1 andre ledd allows blank votes «ved valg»; the secretariat does not count them among «de avgitte
    stemmene» of § 7-8 (check: the statute does not say). Kari 2, Lars 1, one blank: 2 of 3 is a majority."""
    client.force_login(fagleder)
    _, page = _elect(client, konstituert, ks, first="Kari Nordmann;2\nLars Berg;1", blank=1)
    assert "Kari Nordmann er valgt til ordfører med 2 av 3 stemmer" in page
    assert AuditEntry.objects.filter(action="ordforer_valgt").first().changes["blanke"] == 1


@pytest.mark.parametrize("first, office, expected", [
    ("Ingrid Vik;4", "leder", "«Ingrid Vik» er ikke blant formannskapets medlemmer i valgperioden 2027–2031 (koml. "
                              "§ 6-2 første ledd)."),
    ("Kari Nordmann;4\nLars Berg;1", "leder", "5 stemmer (blanke medregnet), men Kommunestyret har 4 medlemmer"),
    ("Kari Nordmann;²", "leder", "antall stemmer «²» må være et helt tall fra 0 (sifrene 0–9)."),
    ("Kari Nordmann;-1", "leder", "antall stemmer «-1» må være et helt tall fra 0"),
    ("Kari Nordmann;0", "leder", "Ingen stemmer er avgitt for noen kandidat."),
    ("Kari Nordmann", "leder", "Linje 1: skriv «navn;antall stemmer»."),
    ("Kari Nordmann;3\nKari Nordmann;1", "leder", "Linje 2: Kari Nordmann har allerede et stemmetall."),
])
def test_wrong_votes_are_refused_in_norwegian(client, fagleder, ks, konstituert, first, office, expected):
    client.force_login(fagleder)
    response, page = _elect(client, konstituert, ks, office=office, first=first)
    assert response.status_code == 200 and expected in page
    assert not Membership.objects.filter(role__in=[MembershipRole.LEADER, MembershipRole.DEPUTY_LEADER]).exists()


def test_the_candidate_must_have_consented(client, fagleder, ks, konstituert):
    """§ 6-2 andre ledd: «Den som skal velges, må før valget ha samtykket til å stille til valg.»"""
    client.force_login(fagleder)
    _, page = _elect(client, konstituert, ks, first="Kari Nordmann;4", consented=False)
    assert "må ha samtykket til å stille til valg før valget (koml. § 6-2 andre ledd" in page
    assert MembershipRole.LEADER not in _roles(ks, konstituert).values()


def test_one_ordforer_a_term_and_not_both_offices(client, fagleder, ks, fsk, konstituert):
    client.force_login(fagleder)
    _elect(client, konstituert, ks, first="Kari Nordmann;4")
    _, page = _elect(client, konstituert, ks, first="Ola Dalen;4")
    assert "Kari Nordmann er allerede valgt til ordfører i valgperioden 2027–2031." in page
    _, page = _elect(client, konstituert, ks, office="nestleder", first="Kari Nordmann;4")
    assert "Kari Nordmann er allerede valgt til ordfører: én person kan ikke ha begge vervene." in page
    assert _roles(ks, konstituert) == {"Kari": "leder", "Ola": "medlem", "Lars": "medlem", "Ingrid": "medlem"}
    assert _roles(fsk, konstituert) == {"Kari": "leder", "Ola": "medlem", "Lars": "medlem"}


def test_a_member_of_kontrollutvalget_cannot_be_ordforer(client, fagleder, body, ks, konstituert):
    """§ 7-3 tredje ledd: «Medlemmer og varamedlemmer av kontrollutvalget kan ikke velges som a) ordfører eller
    varaordfører»."""
    kontroll = OrganizationFactory(body=body, name="Kontrollutvalget", slug="kontrollutvalget", seats=3,
                                   organization_type=OrganizationType.KONTROLLUTVALG)
    ola = Membership.objects.get(organization=ks, person__given_name="Ola").person
    MembershipFactory(person=ola, organization=kontroll, term=konstituert, role=MembershipRole.SUBSTITUTE,
                      substitute_order=1, start_date=konstituert.start_date)
    client.force_login(fagleder)
    _, page = _elect(client, konstituert, ks, office="nestleder", first="Ola Dalen;4")
    assert ("Ola Dalen er medlem eller varamedlem av kontrollutvalget og kan ikke velges til varaordfører (koml. "
            "§ 7-3 tredje ledd bokstav a).") in page
    assert MembershipRole.DEPUTY_LEADER not in _roles(ks, konstituert).values()


def test_an_utvalg_elects_its_leder_among_its_members(client, fagleder, body, ks, konstituert):
    """§ 7-4 andre ledd and § 5-7 andre ledd: the utvalg's leder is one of its members, elected by flertallsvalg."""
    utvalg = OrganizationFactory(body=body, name="Hovedutvalg for oppvekst", slug="hok", seats=2)
    body_election_apply(actor=fagleder, election=body_election_register(
        actor=fagleder, organization=utvalg, term=konstituert, method="avtalevalg", unanimous=True,
        candidates_text="Ap;Siri Moen;medlem\nH;Lars Berg;medlem\nAp;Per Haugen;vara"))
    client.force_login(fagleder)
    _, page = _elect(client, konstituert, utvalg, first="Kari Nordmann;4")
    assert "«Kari Nordmann» er ikke blant medlemmene av Hovedutvalg for oppvekst" in page
    _, page = _elect(client, konstituert, utvalg, first="Siri Moen;3\nLars Berg;1")
    assert "Siri Moen er valgt til leder i Hovedutvalg for oppvekst med 3 av 4 stemmer" in page
    assert _roles(utvalg, konstituert) == {"Siri": "leder", "Lars": "medlem"}
    assert MembershipRole.LEADER not in _roles(ks, konstituert).values()
    assert AuditEntry.objects.filter(action="leder_valgt").count() == 1


def test_a_term_that_has_ended_is_not_constituted_again(client, fagleder, body, ks, fsk):
    old = TermFactory(body=body, name="2019–2023", start_date=dt.date(2019, 10, 1), end_date=dt.date(2023, 9, 30))
    MembershipFactory(organization=fsk, term=old, start_date=old.start_date)
    client.force_login(fagleder)
    _, page = _elect(client, old, ks, first="Hvem som helst;3")
    assert "Valgperioden 2019–2023 sluttet 30.09.2023." in page


@pytest.mark.parametrize("role", [Role.FOLKEVALGT, Role.SAKSBEHANDLER, Role.KOMMUNEDIREKTOR])
def test_other_roles_cannot_register_it(client, ks, konstituert, role):
    client.force_login(UserFactory(username=f"l-{role.value}", role=role))
    response = client.post(URL, {"term": konstituert.pk, "organization": ks.pk, "office": "leder",
                                  "first_vote": "Kari Nordmann;4", "consented": "on"})
    assert response.status_code == 403
    assert MembershipRole.LEADER not in _roles(ks, konstituert).values()


def test_one_who_has_left_formannskapet_is_not_elected_ordforer(client, fagleder, ks, fsk, konstituert):
    """§ 6-2 første ledd: the ordfører is elected among formannskapet's members, which is who sits in it now. Before,
    a member whose formannskap membership had ended (fritak, § 7-9) was still a candidate."""
    import datetime as dt

    from django.utils import timezone

    Membership.objects.filter(organization=fsk, term=konstituert, person__given_name="Kari").update(
        end_date=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(fagleder)
    _, page = _elect(client, konstituert, ks, first="Kari Nordmann;3\nLars Berg;1")
    assert "«Kari Nordmann» er ikke blant" in page
    assert MembershipRole.LEADER not in _roles(ks, konstituert).values()
