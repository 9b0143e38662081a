"""A hostile tester on the valgperiode pages: wrong input (odd numbers and digits, zero and too many ballots, control
characters, oversized and malformed files, pasted separators, decomposed Unicode), the wrong state (a double submit,
carrying out twice or with nothing in it, a term that has ended) and the command's files. Never a 500, never a
half-written record: each refusal is Norwegian and leaves the database as it was."""

import datetime as dt
import html
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from secretariat.organizations.models import Membership, Person
from secretariat.term.models import BodyElection, ElectionStatus
from tests.factories import TermFactory
from workflows.models import AuditEntry

from .conftest import HEAD, ROWS, valgoppgjor_csv

pytestmark = pytest.mark.django_db
NEW = "/intern/valgperiode/organvalg/ny/"
LISTS = "Ap;Ola Dalen\nAp;Kari Nordmann\nH;Lars Berg\nH;Ingrid Vik"
SIGNED = "Ap;Kari Nordmann\nH;Lars Berg"


def _register(client, term, organization, **data):
    data = {"term": term.pk, "organization": organization.pk, "method": "forholdsvalg", "candidates_text": LISTS,
            "signatures_text": SIGNED, **data}
    response = client.post(NEW, data)
    return response, html.unescape(response.content.decode())


@pytest.mark.parametrize("votes, expected", [
    ("Ap;²\nH;1", "Linje 1: antall stemmesedler «²» må være et helt tall fra 0 (sifrene 0–9)."),  # was a 500
    ("Ap;٣\nH;1", "Linje 1: antall stemmesedler «٣» må være et helt tall fra 0"),  # Arabic-Indic three
    ("Ap;-3\nH;1", "Linje 1: antall stemmesedler «-3» må være et helt tall fra 0"),
    ("Ap;3.0\nH;1", "Linje 1: antall stemmesedler «3.0» må være et helt tall fra 0"),
    ("Ap;" + "9" * 40 + "\nH;1", "må være et helt tall fra 0"),
    ("Ap;0\nH;0", "Ingen stemmesedler er talt"),  # was a draft with no seats that could be carried out
    ("Ap;4\nH;1", "Listene har til sammen 5 stemmesedler, men Kommunestyret har 4 medlemmer"),
    ("Ap;3\nAp;1\nH;0", "Linje 2: Ap har allerede et stemmetall."),
    ("Ap;3", "Mangler antall stemmesedler for H."),
    ("Ap;3\nH;1\nSV;1", "Linje 3: «SV» er ikke en av listene i valget."),
])
def test_wrong_ballot_counts_are_refused_in_norwegian(client, fagleder, fsk, imported, votes, expected):
    client.force_login(fagleder)
    response, page = _register(client, imported, fsk, votes_text=votes)
    assert response.status_code == 200
    assert expected in page
    assert not BodyElection.objects.exists() and not AuditEntry.objects.filter(action="organvalg_registrert").exists()


def test_pasted_lists_with_tabs_commas_case_spaces_and_decomposed_letters_are_read(client, fagleder, fsk, imported):
    """A list pasted from a spreadsheet (tabs), typed with commas, in lower case with double spaces, and a name
    with a decomposed «å»-like letter (NFD): all read as the names in the register."""
    client.force_login(fagleder)
    Person.objects.filter(given_name="Ingrid").update(given_name="Ingríd")  # an accented name in the register
    lists = f"Ap\tOla Dalen\nap, kari  nordmann\nH;Lars Berg\nH;{unicodedata.normalize('NFD', 'Ingríd')} Vik"
    response, page = _register(client, imported, fsk, candidates_text=lists, votes_text="Ap\t3\nH,1")
    assert response.status_code == 302, page[-2000:]
    election = BodyElection.objects.get()
    assert {r["list"]: [p["name"] for p in r["members"] + r["substitutes"]] for r in election.result["lists"]} == {
        "Ap": ["Ola Dalen", "Kari Nordmann"], "H": ["Lars Berg", "Ingríd Vik"]}


def test_a_double_submit_gives_one_draft_and_draws_no_second_lot(client, fagleder, fsk, imported):
    # Ap 2, H 2 for 3 seats: seat 3 (Ap 2/2 = H 2/2 = 1) by the lot the meeting drew, which H won.
    client.force_login(fagleder)
    first, _ = _register(client, imported, fsk, votes_text="Ap;2\nH;2", lots_winner="H")
    second, _ = _register(client, imported, fsk, votes_text="Ap;2\nH;2", lots_winner="H")
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert BodyElection.objects.count() == 1
    assert AuditEntry.objects.filter(action="organvalg_registrert").count() == 1


def test_carrying_out_twice_or_registering_after_it_changes_nothing(client, fagleder, fsk, imported):
    client.force_login(fagleder)
    response, _ = _register(client, imported, fsk, votes_text="Ap;3\nH;1")
    apply_url = response["Location"] + "gjennomfor/"
    assert client.post(apply_url).status_code == 302
    before = sorted(Membership.objects.filter(organization=fsk).values_list("pk", flat=True))
    page = html.unescape(client.post(apply_url, follow=True).content.decode())
    assert "Valget er allerede gjennomført." in page
    assert client.get(apply_url).status_code == 405  # carrying out is a POST only
    _, page = _register(client, imported, fsk, votes_text="Ap;2\nH;2")
    assert "Formannskapet har allerede medlemmer i valgperioden 2027–2031." in page
    assert sorted(Membership.objects.filter(organization=fsk).values_list("pk", flat=True)) == before
    assert BodyElection.objects.count() == 1
    assert client.post("/intern/valgperiode/organvalg/999999/gjennomfor/").status_code == 404


def test_an_election_with_no_one_elected_is_not_carried_out(client, fagleder, fsk, imported):
    """A draft with an empty result (a hand-made or damaged record) would have marked the body as elected with no
    members; it is refused and stays a draft."""
    election = BodyElection.objects.create(organization=fsk, term=imported, method="avtalevalg", seats=3,
                                           candidates_text="", result={"lists": [], "steps": [], "quotients": [],
                                                                       "warnings": []})
    client.force_login(fagleder)
    page = html.unescape(client.post(f"/intern/valgperiode/organvalg/{election.pk}/gjennomfor/",
                                     follow=True).content.decode())
    assert "Valget har ingen valgte medlemmer." in page
    election.refresh_from_db()
    assert election.status == ElectionStatus.DRAFT and not Membership.objects.filter(organization=fsk).exists()


def test_a_term_that_has_ended_is_not_constituted(client, fagleder, body, ks, fsk, parties):
    old = TermFactory(body=body, name="2019–2023", start_date=dt.date(2019, 10, 1), end_date=dt.date(2023, 9, 30))
    client.force_login(fagleder)
    _, page = _register(client, old, fsk, votes_text="Ap;3\nH;1")
    assert "Valgperioden 2019–2023 sluttet 30.09.2023." in page
    draft = BodyElection.objects.create(organization=fsk, term=old, method="avtalevalg", seats=3, candidates_text="",
                                        result={"lists": [{"list": "Ap", "party": parties["Ap"].pk, "members": [],
                                                           "substitutes": []}]})
    page = html.unescape(client.post(f"/intern/valgperiode/organvalg/{draft.pk}/gjennomfor/",
                                     follow=True).content.decode())
    assert "Valgperioden 2019–2023 sluttet 30.09.2023." in page
    upload = client.post("/intern/valgperiode/valgoppgjor/", {"term": old.pk, "file": SimpleUploadedFile(
        "v.csv", valgoppgjor_csv(*ROWS).encode())})
    assert "Valgperioden 2019–2023 sluttet 30.09.2023." in html.unescape(upload.content.decode())
    page = html.unescape(client.post("/intern/valgperiode/invitasjoner/", {"term": old.pk},
                                     follow=True).content.decode())
    assert "Valgperioden 2019–2023 sluttet 30.09.2023." in page
    assert not Membership.objects.filter(term=old).exists()
    assert BodyElection.objects.get().status == ElectionStatus.DRAFT


def test_too_long_lists_are_a_form_error(client, fagleder, fsk, imported):
    client.force_login(fagleder)
    response, page = _register(client, imported, fsk, candidates_text="Ap;Ola Dalen\n" * 2000, votes_text="Ap;3")
    assert response.status_code == 200 and "Sørg for at denne verdien har 20000 eller færre tegn" in page


def test_the_command_refuses_control_characters_and_other_encodings(tmp_path, fsk, imported):
    lists, votes, signed = tmp_path / "lister.txt", tmp_path / "stemmer.txt", tmp_path / "underskrifter.txt"
    lists.write_text("Ap;Ola Dalen\nAp;Kari\x00 Nordmann\nH;Lars Berg\nH;Ingrid Vik\n", encoding="utf-8")
    votes.write_text("Ap;3\nH;1\n", encoding="utf-8")
    signed.write_text(SIGNED, encoding="utf-8")
    args = ["organvalg", "--term", "2027–2031", "--organ", "formannskapet", "--kandidater", str(lists), "--stemmer",
            str(votes), "--underskrifter", str(signed)]
    with pytest.raises(CommandError, match="kontrolltegn"):
        call_command(*args)
    lists.write_bytes(LISTS.encode("latin-1", errors="replace") + "\nH;Åse\n".encode("latin-1"))
    with pytest.raises(CommandError, match="som UTF-8"):
        call_command(*args)
    assert not BodyElection.objects.exists()


def _upload(client, term, content: bytes, name="valgoppgjor.csv"):
    response = client.post("/intern/valgperiode/valgoppgjor/", {
        "term": term.pk, "file": SimpleUploadedFile(name, content, "text/csv")})
    return response, html.unescape(response.content.decode())


@pytest.mark.parametrize("content, expected", [
    # A field longer than the csv module reads: was a 500 (csv.Error).
    (valgoppgjor_csv(*ROWS[:1], "Ap;2;Ola;" + "D" * 200_000 + ";01.02.1980;M;valgt;", *ROWS[2:]).encode(),
     "Linje 3: filen kan ikke leses som CSV"),
    # A number written with a superscript digit: was Python's English «invalid literal for int()».
    (valgoppgjor_csv(*ROWS[:1], "Ap;²;Ola;Dalen;01.02.1980;M;valgt;", *ROWS[2:]).encode(),
     "Linje 3: nr «²» må være et helt tall fra 1 til 999 (sifrene 0–9)."),
    (valgoppgjor_csv(*ROWS[:1], "Ap;-2;Ola;Dalen;01.02.1980;M;valgt;", *ROWS[2:]).encode(),
     "Linje 3: nr «-2» må være et helt tall fra 1 til 999"),
    (valgoppgjor_csv(*ROWS[:1], "Ap;0;Ola;Dalen;01.02.1980;M;valgt;", *ROWS[2:]).encode(),
     "Linje 3: nr «0» må være et helt tall fra 1 til 999"),
    (valgoppgjor_csv(*ROWS[:1], "Ap;2;Ola;Da\x00len;01.02.1980;M;valgt;", *ROWS[2:]).encode(),
     "Linje 3: Teksten inneholder kontrolltegn"),
    (HEAD.encode() + b"\n", "Filen har ingen kandidater."),
    (b"", "Den innsendte filen er tom."),
    (valgoppgjor_csv(*ROWS).encode("latin-1", errors="replace") + "Ap;9;Åse;Øy;01.01.1990;K;vara;\n".encode(
        "latin-1"), "Filen er ikke lagret som UTF-8"),
])
def test_a_broken_file_is_refused_in_norwegian_and_nothing_is_imported(client, fagleder, ks, new_term, parties,
                                                                       content, expected):
    client.force_login(fagleder)
    response, page = _upload(client, new_term, content)
    assert response.status_code == 200
    assert expected in page
    assert not Membership.objects.exists() and not Person.objects.exists()


def test_a_spreadsheet_export_with_bom_commas_and_decomposed_names_is_imported(client, fagleder, ks, new_term,
                                                                              parties):
    """Excel's «CSV UTF-8» starts with a byte order mark; a Mac may write «Åse» decomposed (NFD): stored as NFC, so
    the name typed later on the organvalg page is the same name."""
    rows = [r.replace(";", ",") for r in ROWS]
    rows[6] = unicodedata.normalize("NFD", "H,1,Åse,Lie,11.12.1999,K,vara,")
    content = "\ufeff" + valgoppgjor_csv(*rows, head=HEAD.replace(";", ","))
    client.force_login(fagleder)
    response, page = _upload(client, new_term, content.encode("utf-8"))
    assert response.status_code == 302, page[-3000:]
    assert Person.objects.filter(given_name="Åse").exists()  # NFC, as typed on a Norwegian keyboard
    assert Membership.objects.filter(term=new_term).count() == 7


def test_a_double_submitted_import_makes_nothing_twice(client, fagleder, ks, new_term, parties):
    client.force_login(fagleder)
    first, _ = _upload(client, new_term, valgoppgjor_csv(*ROWS).encode())
    second, page = _upload(client, new_term, valgoppgjor_csv(*ROWS).encode())
    assert first.status_code == 302 and second.status_code == 200
    assert "Kommunestyret har allerede medlemmer i valgperioden 2027–2031. Valgoppgjøret er importert før." in page
    assert Membership.objects.filter(term=new_term).count() == 7 and Person.objects.count() == 7


def test_an_upload_over_two_megabytes_is_refused(client, fagleder, ks, new_term, parties):
    client.force_login(fagleder)
    big = valgoppgjor_csv(*ROWS).encode() + b"#" * (2 * 1024 * 1024)
    _, page = _upload(client, new_term, big)
    assert "Filen er for stor (høyst 2 MB)." in page
    assert not Membership.objects.exists()


def test_the_import_command_refuses_an_ended_term(tmp_path, body, ks, parties):
    TermFactory(body=body, name="2019–2023", start_date=dt.date(2019, 10, 1), end_date=dt.date(2023, 9, 30))
    path = tmp_path / "v.csv"
    path.write_text(valgoppgjor_csv(*ROWS), encoding="utf-8")
    with pytest.raises(CommandError, match="Valgperioden 2019–2023 sluttet 30.09.2023"):
        call_command("import_valgoppgjor", str(path), "--term", "2019–2023")
    assert not Membership.objects.exists()


def test_a_carried_out_election_cannot_be_deleted_in_the_admin(admin_client, fagleder, fsk, imported):
    """The record of how the body was elected stays once the memberships are made from it; a draft may go."""
    from secretariat.term.constitution import body_election_apply, body_election_register

    election = body_election_register(actor=fagleder, organization=fsk, term=imported, method="avtalevalg",
                                      unanimous=True, candidates_text="Ap;Kari Nordmann;medlem\nAp;Ola Dalen;medlem\n"
                                                                      "H;Lars Berg;medlem")
    draft = BodyElection.objects.create(organization=fsk, term=imported, method="avtalevalg", seats=3,
                                        candidates_text="", result={})
    body_election_apply(actor=fagleder, election=election)
    assert admin_client.post(f"/admin/term/bodyelection/{election.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.post(f"/admin/term/bodyelection/{draft.pk}/delete/", {"post": "yes"}).status_code == 302
    assert list(BodyElection.objects.values_list("pk", flat=True)) == [election.pk]
