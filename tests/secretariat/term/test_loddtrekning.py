"""Loddtrekning in the valgperiode's elections (koml. § 7-6 første ledd, § 7-8): the møteleder draws the lots by hand
in the meeting, and the fagleder records who won, through the pages and the `organvalg` command. A tie without an
outcome is a question and stores nothing; an outcome naming someone not tied is refused, naming the tied; a valid
one is stored, and the audit says «loddtrekning i møtet» and between whom. The system draws only where the kommune
lets it (SAKSGANG_SYSTEM_MAY_DRAW_LOTS).

The world (conftest): kommunestyret of 4 for 2027–2031; Ap elected Kari Nordmann (K) and Ola Dalen (M), substitutes
Per Haugen (M) and Siri Moen (K); H elected Lars Berg (M) and Ingrid Vik (K), substitute Tone Lie (K). Formannskapet
(3 seats) is elected by avtalevalg for the leader elections: Kari Nordmann, Ola Dalen and Lars Berg."""

import html
import io

import pytest
from django.core.management import CommandError, call_command

from secretariat.organizations.models import Membership, MembershipRole
from secretariat.term.constitution import body_election_apply, body_election_register
from secretariat.term.models import BodyElection
from tests.factories import MembershipFactory, OrganizationFactory, PartyFactory, PersonFactory
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
MAYOR = "/intern/valgperiode/ordforer/"
NEW = "/intern/valgperiode/organvalg/ny/"
LISTS = "Ap;Ola Dalen\nAp;Kari Nordmann\nH;Lars Berg\nH;Ingrid Vik"
SIGNED = "Ap;Kari Nordmann\nH;Lars Berg"
TIE = "Kari Nordmann;2\nOla Dalen;2"
QUESTION = ("Stemmelikhet mellom Kari Nordmann og Ola Dalen: valget avgjøres ved loddtrekning (koml. § 7-8). Hvem vant "
            "loddtrekningen i møtet?")
# Formannskapet, 3 seats, Ap 2 and H 2 ballots: seat 1 Ap and seat 2 H (tied, and each gets one of the three seats:
# no lot), seat 3 Ap 2/2 = H 2/2 = 1 with equal ballots: only lots can decide it.
SEAT_QUESTION = ("Stemmelikhet om plass 3 mellom Ap og H (lik kvotient og like mange stemmesedler): plassen avgjøres "
                 "ved loddtrekning (koml. § 7-6 første ledd). Hvem vant loddtrekningen i møtet?")


@pytest.fixture
def konstituert(fagleder, fsk, imported):
    body_election_apply(actor=fagleder, election=body_election_register(
        actor=fagleder, organization=fsk, term=imported, method="avtalevalg", unanimous=True,
        candidates_text="Ap;Kari Nordmann;medlem\nAp;Ola Dalen;medlem\nH;Lars Berg;medlem\nH;Ingrid Vik;vara"))
    return imported


def _elect(client, term, organization, **data):
    data = {"term": term.pk, "organization": organization.pk, "office": "leder", "first_vote": TIE, "new_vote": TIE,
            "blank": 0, "consented": "on", **data}
    response = client.post(MAYOR, data, follow=True)
    return response, html.unescape(response.content.decode())


def _register(client, term, organization, **data):
    data = {"term": term.pk, "organization": organization.pk, "method": "forholdsvalg", "candidates_text": LISTS,
            "signatures_text": SIGNED, "votes_text": "Ap;2\nH;2", **data}
    response = client.post(NEW, data)
    return response, html.unescape(response.content.decode())


def _leaders(ks, term):
    return {m.person.name: m.role for m in Membership.objects.filter(organization=ks, term=term, role__in=[
        MembershipRole.LEADER, MembershipRole.DEPUTY_LEADER]).select_related("person")}


def _radio_values(page):
    return sorted(v for v in ("Kari Nordmann", "Ola Dalen", "Lars Berg", "Ap", "H", "SV", "[systemet]")
                  if f'type="radio" name="lots_winner" value="{v}"' in page)


# --- flertallsvalg (ordfører, leder): the page ----------------------------------------------------------------------

def test_a_tie_without_an_outcome_asks_who_won_in_the_meeting_and_stores_nothing(client, fagleder, ks, konstituert):
    client.force_login(fagleder)
    response, page = _elect(client, konstituert, ks)
    assert response.status_code == 200
    assert QUESTION in page
    assert _radio_values(page) == ["Kari Nordmann", "Ola Dalen"]  # exactly the tied; the system may not draw here
    assert "la systemet trekke" not in page
    assert 'name="first_vote"' in page and "Kari Nordmann;2" in page  # the votes are kept for the answer
    assert _leaders(ks, konstituert) == {}
    assert not AuditEntry.objects.filter(action__in=["ordforer_valgt", "leder_valgt"]).exists()


@pytest.mark.parametrize("outcome", ["Lars Berg", "Hvem som helst", "[systemet]"])
def test_an_outcome_naming_someone_not_tied_is_refused_naming_the_tied(client, fagleder, ks, konstituert, outcome):
    """Lars Berg is a candidate, but not one of the two tied in the new vote; «[systemet]» (let the system draw) is
    refused where the kommune does not let the system draw."""
    client.force_login(fagleder)
    _, page = _elect(client, konstituert, ks, lots_winner=outcome)
    if outcome == "[systemet]":
        assert ("Kommunen lar ikke systemet trekke lodd. Stemmelikhet mellom Kari Nordmann og Ola Dalen: oppgi hvem "
                "som vant loddtrekningen i møtet (koml. § 7-8).") in page
    else:
        assert (f"«{outcome}» sto ikke likt: loddtrekningen er mellom Kari Nordmann og Ola Dalen (koml. § 7-8). Oppgi "
                "hvem av dem som vant loddtrekningen i møtet.") in page
    assert _radio_values(page) == ["Kari Nordmann", "Ola Dalen"]
    assert _leaders(ks, konstituert) == {}
    assert not AuditEntry.objects.filter(action="ordforer_valgt").exists()


def test_the_outcome_of_the_meeting_is_stored_and_audited_as_drawn_in_the_meeting(client, fagleder, ks, fsk,
                                                                                   konstituert):
    client.force_login(fagleder)
    _, page = _elect(client, konstituert, ks, lots_winner="ola  dalen")  # typed as a person reads it
    assert ("Ola Dalen er valgt til ordfører med 2 av 4 stemmer ved ny avstemning, etter loddtrekning i møtet mellom "
            "Kari Nordmann og Ola Dalen; Ola Dalen vant.") in page
    assert _leaders(ks, konstituert) == _leaders(fsk, konstituert) == {"Ola Dalen": MembershipRole.LEADER}
    entries = AuditEntry.objects.filter(action="ordforer_valgt")
    assert entries.count() == 2  # kommunestyret and formannskapet
    for entry in entries:
        assert entry.changes["loddtrekning"] == {"hvordan": "loddtrekning i møtet",
                                                 "mellom": ["Kari Nordmann", "Ola Dalen"], "vant": "Ola Dalen"}


def test_no_tie_asks_no_question(client, fagleder, ks, konstituert):
    client.force_login(fagleder)
    page = html.unescape(client.get(MAYOR).content.decode())
    assert 'type="hidden" name="lots_winner"' in page and "Hvem vant loddtrekningen" not in page
    _, page = _elect(client, konstituert, ks, new_vote="Kari Nordmann;3\nOla Dalen;1")
    assert "Kari Nordmann er valgt til ordfører med 3 av 4 stemmer ved ny avstemning." in page
    assert "loddtrekning" not in page
    assert "loddtrekning" not in AuditEntry.objects.filter(action="ordforer_valgt").first().changes


def test_where_the_kommune_lets_the_system_draw_the_page_offers_it_and_the_audit_says_so(
        client, fagleder, ks, konstituert, settings):
    settings.SAKSGANG_SYSTEM_MAY_DRAW_LOTS = True
    client.force_login(fagleder)
    _, page = _elect(client, konstituert, ks)
    assert QUESTION + " Eller la systemet trekke lodd." in page
    assert _radio_values(page) == ["Kari Nordmann", "Ola Dalen", "[systemet]"]
    assert _leaders(ks, konstituert) == {}
    _, page = _elect(client, konstituert, ks, lots_winner="[systemet]")
    assert "etter loddtrekning av systemet mellom Kari Nordmann og Ola Dalen;" in page
    entry = AuditEntry.objects.filter(action="ordforer_valgt").first()
    assert entry.changes["loddtrekning"]["hvordan"] == "loddtrekning av systemet"
    assert entry.changes["loddtrekning"]["vant"] in ("Kari Nordmann", "Ola Dalen")
    assert list(_leaders(ks, konstituert)) == [entry.changes["loddtrekning"]["vant"]]


def test_an_utvalg_leader_tie_is_asked_the_same_way(client, fagleder, body, ks, konstituert):
    utvalg = OrganizationFactory(body=body, name="Hovedutvalg for oppvekst", slug="hok", seats=2)
    body_election_apply(actor=fagleder, election=body_election_register(
        actor=fagleder, organization=utvalg, term=konstituert, method="avtalevalg", unanimous=True,
        candidates_text="Ap;Siri Moen;medlem\nH;Lars Berg;medlem\nAp;Per Haugen;vara"))
    client.force_login(fagleder)
    tie = "Siri Moen;2\nLars Berg;2"
    _, page = _elect(client, konstituert, utvalg, office="nestleder", first_vote=tie, new_vote=tie)
    assert ("Stemmelikhet mellom Siri Moen og Lars Berg: valget avgjøres ved loddtrekning (koml. § 7-8). Hvem vant "
            "loddtrekningen i møtet?") in page
    _, page = _elect(client, konstituert, utvalg, office="nestleder", first_vote=tie, new_vote=tie,
                     lots_winner="Siri Moen")
    assert "Siri Moen er valgt til nestleder i Hovedutvalg for oppvekst" in page
    assert AuditEntry.objects.get(action="leder_valgt").changes["loddtrekning"]["hvordan"] == "loddtrekning i møtet"


# --- forholdsvalg (a seat): the page --------------------------------------------------------------------------------

def test_a_seat_tie_without_an_outcome_asks_who_won_and_stores_nothing(client, fagleder, fsk, imported):
    client.force_login(fagleder)
    response, page = _register(client, imported, fsk)
    assert response.status_code == 200
    assert SEAT_QUESTION in page
    assert _radio_values(page) == ["Ap", "H"]
    assert not BodyElection.objects.exists()
    assert not AuditEntry.objects.filter(action="organvalg_registrert").exists()


@pytest.mark.parametrize("outcome", ["SV", "Lars Berg"])
def test_a_seat_outcome_naming_a_list_not_tied_is_refused(client, fagleder, fsk, imported, outcome):
    client.force_login(fagleder)
    response, page = _register(client, imported, fsk, lots_winner=outcome)
    assert response.status_code == 200
    assert (f"«{outcome}» sto ikke likt: loddtrekningen om plass 3 er mellom Ap og H (koml. § 7-6 første ledd). Oppgi "
            "hvem av dem som vant loddtrekningen i møtet.") in page
    assert _radio_values(page) == ["Ap", "H"]
    assert not BodyElection.objects.exists()


def test_the_seat_the_meeting_drew_is_stored_audited_and_carried_out(client, fagleder, fsk, imported):
    client.force_login(fagleder)
    response, _ = _register(client, imported, fsk, lots_winner="H")
    assert response.status_code == 302
    election = BodyElection.objects.get()
    assert election.result["steps"][2]["lot"] == {
        "between": ["Ap", "H"], "winner": "H", "drawn_by": "møtet",
        "text": "loddtrekning i møtet mellom Ap og H; H vant"}
    assert {r["list"]: r["seats"] for r in election.result["lists"]} == {"Ap": 1, "H": 2}
    entry = AuditEntry.objects.get(action="organvalg_registrert")
    assert entry.changes["loddtrekning"] == [{"plass": 3, "hvordan": "loddtrekning i møtet", "mellom": ["Ap", "H"],
                                              "vant": "H"}]
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert "avgjort ved loddtrekning i møtet mellom Ap og H; H vant" in page
    assert "hver av dem får en av plassene som er igjen, så det trekkes ikke lodd" in page  # seat 1
    client.post(response["Location"] + "gjennomfor/")
    assert Membership.objects.regular().filter(organization=fsk, electoral_list__abbreviation="H").count() == 2


def test_no_seat_tie_asks_no_question(client, fagleder, fsk, imported):
    client.force_login(fagleder)
    page = html.unescape(client.get(NEW).content.decode())
    assert 'type="hidden" name="lots_winner"' in page and "Hvem vant loddtrekningen" not in page
    response, _ = _register(client, imported, fsk, votes_text="Ap;3\nH;1")
    assert response.status_code == 302
    assert "loddtrekning" not in AuditEntry.objects.get(action="organvalg_registrert").changes


def test_two_lots_in_one_forholdsvalg_are_asked_one_after_the_other(client, fagleder, body, ks, imported):
    """Three lists with one ballot each for two seats: seat 1 is drawn between all three, seat 2 between the two
    left. The second question keeps the first answer and says it was given."""
    sv = PartyFactory(abbreviation="SV", name="Sosialistisk Venstreparti")
    eva = PersonFactory(given_name="Eva", family_name="Strand", gender="K")
    MembershipFactory(person=eva, organization=ks, term=imported, electoral_list=sv, start_date=imported.start_date)
    MembershipFactory(person=PersonFactory(given_name="Jon", family_name="Strand", gender="M"), organization=ks,
                      term=imported, electoral_list=sv, role=MembershipRole.SUBSTITUTE, substitute_order=1,
                      start_date=imported.start_date)
    utvalg = OrganizationFactory(body=body, name="Klagenemnda", slug="klagenemnda", seats=2)
    data = {"candidates_text": LISTS + "\nSV;Eva Strand\nSV;Jon Strand", "signatures_text": SIGNED + "\nSV;Eva Strand",
            "votes_text": "Ap;1\nH;1\nSV;1"}
    client.force_login(fagleder)
    _, page = _register(client, imported, utvalg, **data)
    assert "Stemmelikhet om plass 1 mellom Ap, H og SV (lik kvotient og like mange stemmesedler)" in page
    assert _radio_values(page) == ["Ap", "H", "SV"]
    _, page = _register(client, imported, utvalg, **data, lots_winner="H")
    assert "Stemmelikhet om plass 2 mellom Ap og SV" in page
    assert 'type="hidden" name="lots_drawn" value="H"' in page and "Oppgitt for de første loddtrekningene: H." in page
    assert not BodyElection.objects.exists()
    response, _ = _register(client, imported, utvalg, **data, lots_drawn="H", lots_winner="SV")
    assert response.status_code == 302
    assert [lot["vant"] for lot in AuditEntry.objects.get(action="organvalg_registrert").changes["loddtrekning"]] == [
        "H", "SV"]
    assert {r["list"]: r["seats"] for r in BodyElection.objects.get().result["lists"]} == {"Ap": 0, "H": 1, "SV": 1}


# --- the organvalg command ------------------------------------------------------------------------------------------

@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, text in (("kandidater", LISTS), ("stemmer", "Ap;2\nH;2"), ("underskrifter", SIGNED)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _organvalg(files, *extra):
    out = io.StringIO()
    call_command("organvalg", "--term", "2027–2031", "--organ", "formannskapet", "--kandidater",
                 str(files["kandidater"]), "--stemmer", str(files["stemmer"]), "--underskrifter",
                 str(files["underskrifter"]), *extra, stdout=out)
    return out.getvalue()


def test_the_command_asks_for_the_outcome_of_a_tie_and_stores_nothing(fsk, imported, files):
    with pytest.raises(CommandError) as raised:
        _organvalg(files)
    assert SEAT_QUESTION in str(raised.value)
    assert "Oppgi utfallet med --loddtrekning LISTE, én gang for hver loddtrekning i plassenes rekkefølge." in str(
        raised.value)
    assert not BodyElection.objects.exists()


def test_the_command_refuses_an_outcome_naming_a_list_not_tied(fsk, imported, files):
    with pytest.raises(CommandError, match=r"«SV» sto ikke likt: loddtrekningen om plass 3 er mellom Ap og H"):
        _organvalg(files, "--loddtrekning", "SV")
    with pytest.raises(CommandError, match="Kommunen lar ikke systemet trekke lodd"):
        _organvalg(files, "--systemet-trekker")
    assert not BodyElection.objects.exists()


def test_the_command_stores_the_outcome_of_the_meeting(fsk, imported, files):
    out = _organvalg(files, "--loddtrekning", "h", "--gjennomfor")
    assert "Plass 3: loddtrekning i møtet mellom Ap og H; H vant." in out
    assert AuditEntry.objects.get(action="organvalg_registrert").changes["loddtrekning"] == [
        {"plass": 3, "hvordan": "loddtrekning i møtet", "mellom": ["Ap", "H"], "vant": "H"}]
    assert Membership.objects.regular().filter(organization=fsk, electoral_list__abbreviation="H").count() == 2


def test_the_command_without_a_tie_asks_nothing_and_notes_an_unused_outcome(fsk, imported, files):
    files["stemmer"].write_text("Ap;3\nH;1", encoding="utf-8")
    out = _organvalg(files, "--loddtrekning", "H")
    assert "Merk: --loddtrekning H ble ikke brukt: ingen (flere) plasser avgjøres ved loddtrekning." in out
    assert "loddtrekning" not in AuditEntry.objects.get(action="organvalg_registrert").changes


def test_the_command_lets_the_system_draw_where_the_kommune_allows_it(fsk, imported, files, settings):
    settings.SAKSGANG_SYSTEM_MAY_DRAW_LOTS = True
    out = _organvalg(files, "--systemet-trekker")
    assert "Plass 3: loddtrekning av systemet mellom Ap og H;" in out
    lot = AuditEntry.objects.get(action="organvalg_registrert").changes["loddtrekning"][0]
    assert (lot["hvordan"], lot["mellom"]) == ("loddtrekning av systemet", ["Ap", "H"])


def test_a_malformed_outcome_is_a_visible_error_not_a_silent_page(client, fagleder, ks, fsk, imported, konstituert):
    """The outcome field is hidden until a tie is found: its own input errors are shown at the top of the page."""
    client.force_login(fagleder)
    _, page = _elect(client, konstituert, ks, new_vote="Kari Nordmann;3\nOla Dalen;1", lots_winner="Ola\x00Dalen")
    assert "Teksten inneholder kontrolltegn (for eksempel NUL) som ikke er tillatt." in page
    response, page = _register(client, imported, fsk, lots_drawn="x" * 2_001)
    assert response.status_code == 200 and "har 2000 eller færre tegn (den har nå 2001)" in page
    assert _leaders(ks, konstituert) == {} and not BodyElection.objects.filter(method="forholdsvalg").exists()


def test_a_second_outcome_in_a_flertallsvalg_is_refused_not_used_instead_of_the_one_chosen(client, fagleder, ks,
                                                                                             konstituert):
    """A flertallsvalg has one loddtrekning (koml. § 7-8). Before: a forged hidden «lots_drawn» naming Ola Dalen
    was used for the tie, and the winner the fagleder chose on the page (Kari Nordmann) was silently dropped."""
    client.force_login(fagleder)
    response, page = _elect(client, konstituert, ks, lots_drawn="Ola Dalen", lots_winner="Kari Nordmann")
    assert response.status_code == 200
    assert ("Et flertallsvalg avgjøres ved én loddtrekning (koml. § 7-8), men det er oppgitt 2 utfall (Ola Dalen og "
            "Kari Nordmann). Oppgi bare hvem som vant loddtrekningen i møtet.") in page
    assert _radio_values(page) == ["Kari Nordmann", "Ola Dalen"]
    assert _leaders(ks, konstituert) == {}
    assert not AuditEntry.objects.filter(action__in=["ordforer_valgt", "leder_valgt"]).exists()
    response, page = _elect(client, konstituert, ks, lots_winner="Kari Nordmann")
    assert _leaders(ks, konstituert) == {"Kari Nordmann": "leder"}
