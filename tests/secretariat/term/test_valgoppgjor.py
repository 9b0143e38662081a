"""Mottak av nye folkevalgte (issue 15): the valgoppgjør imported through the staff page or the command makes the
persons, memberships from the term's start, the substitute order per list, accounts with the folkevalgt role, an
invitation e-mail (a real SMTP server) and a personal calendar link. A bad file: line-numbered Norwegian errors and
nothing imported."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from calendars.models import CalendarToken
from secretariat.accounts.roles import Role, has_role
from secretariat.organizations.models import Membership, MembershipRole, Person
from tests.factories import PersonFactory, UserFactory
from workflows.models import AuditEntry

from .conftest import ROWS, valgoppgjor_csv

pytestmark = pytest.mark.django_db


def _upload(client, term, content: str):
    return client.post("/intern/valgperiode/valgoppgjor/", {
        "term": term.pk, "file": SimpleUploadedFile("valgoppgjor.csv", content.encode(), "text/csv")})


def test_the_fagleder_imports_it_and_the_new_members_are_invited(client, fagleder, ks, new_term, parties,
                                                                smtp_server, django_capture_on_commit_callbacks):
    known = PersonFactory(given_name="Lars", family_name="Berg", birth_date=dt.date(1970, 4, 3))
    client.force_login(fagleder)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, new_term, valgoppgjor_csv(*ROWS))
    assert response.status_code == 302, response.content.decode()[:2000]

    regular = Membership.objects.regular().filter(organization=ks, term=new_term)
    assert sorted(m.person.name for m in regular) == ["Ingrid Vik", "Kari Nordmann", "Lars Berg", "Ola Dalen"]
    assert {m.start_date for m in Membership.objects.filter(term=new_term)} == {dt.date(2027, 10, 1)}
    subs = Membership.objects.filter(organization=ks, term=new_term, role=MembershipRole.SUBSTITUTE)
    assert [(m.electoral_list.abbreviation, m.substitute_order, m.person.name)
            for m in subs.order_by("electoral_list__abbreviation", "substitute_order")] == [
        ("Ap", 1, "Per Haugen"), ("Ap", 2, "Siri Moen"), ("H", 1, "Tone Lie")]
    assert Person.objects.filter(given_name="Lars", family_name="Berg").get() == known  # matched, not doubled
    kari = Person.objects.get(given_name="Kari")
    assert (kari.gender, kari.birth_date, kari.party.abbreviation) == ("K", dt.date(1975, 3, 12), "Ap")
    assert has_role(kari.user, Role.FOLKEVALGT) and not kari.user.has_usable_password()
    assert Person.objects.get(given_name="Siri").user is None  # no e-mail, no account

    messages = smtp_server.wait_for(6)
    assert sorted(m["To"].addresses[0].addr_spec for m in messages) == sorted(
        f"{n}@example.no" for n in ("kari.nordmann", "ola.dalen", "per.haugen", "lars.berg", "ingrid.vik",
                                    "tone.lie"))
    letter = smtp_server.to("per.haugen@example.no")[0].get_content()
    assert "1. varamedlem for Arbeiderpartiet" in letter
    token = CalendarToken.objects.get(person__given_name="Per").token
    assert f"/ical/personal/{token}.ics" in letter
    assert client.get(f"/ical/personal/{token}.ics").status_code == 200

    # The link in the letter lets the new member choose a password, once.
    link = re.search(r"http\S+/intern/valgperiode/invitasjon/\S+/", letter).group(0)
    path = urlsplit(link).path
    client.logout()
    set_page = client.get(path)
    assert set_page.status_code == 302
    done = client.post(set_page["Location"], {"new_password1": "Fjordvik-2027!", "new_password2": "Fjordvik-2027!"})
    assert done.status_code == 302
    user = get_user_model().objects.get(person__given_name="Per")
    assert client.login(username=user.username, password="Fjordvik-2027!")
    assert "brukt eller utløpt" in client.get(path, follow=True).content.decode()

    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"valgoppgjor_importert", "invitasjon_sendt", "role_granted", "kalendernokkel_opprettet"} <= actions


@pytest.mark.parametrize("rows, expected", [
    ([*ROWS[:4], "Xp;1;Lars;Berg;03.04.1970;M;valgt;", *ROWS[5:]],
     "Linje 6: ukjent liste «Xp» (lista må finnes under «Parti og lister» før importen)."),
    ([*ROWS, "H;2;Kari;Nordmann;12.03.1975;K;vara;"],
     "Linje 9: Kari Nordmann (12.03.1975) står også på linje 2."),
    ([*ROWS, "H;1;Jon;Aas;01.01.1990;M;vara;"],
     "Linje 9: nr. 1 for varamedlemmer på H er brukt to ganger (også linje 8)."),
    ([*ROWS[:3], "Ap;2;Siri;Moen;07.08.1985;K;vara", *ROWS[4:]], "Linje 5: 7 kolonner, men overskriften har 8."),
    ([*ROWS[:1], "Ap;2;Ola;Dalen;31.02.1980;X;valgt;", *ROWS[2:]],
     "Linje 3: fødselsdatoen «31.02.1980» er ikke en dato (skriv dd.mm.åååå)."),
    (ROWS[1:], "Filen har 3 valgte representanter, men Kommunestyret har 4 plasser."),
])
def test_a_bad_file_is_refused_line_by_line_and_nothing_is_imported(client, fagleder, ks, new_term, parties, rows,
                                                                   expected):
    client.force_login(fagleder)
    response = _upload(client, new_term, valgoppgjor_csv(*rows))
    assert response.status_code == 200
    page = response.content.decode()
    assert expected.replace("«", "&laquo;").replace("»", "&raquo;") in page or expected in page
    assert "Ingenting er importert" in page
    assert not Membership.objects.filter(term=new_term).exists()
    assert not Person.objects.exists() and not get_user_model().objects.filter(email__endswith="example.no",
                                                                               person__isnull=False).exists()


def test_wrong_columns_are_named_on_line_1(client, fagleder, ks, new_term, parties):
    client.force_login(fagleder)
    response = _upload(client, new_term, valgoppgjor_csv(*ROWS, head="liste;nr;navn;fodselsdato;kjonn;status;epost"))
    page = response.content.decode()
    assert "Linje 1: mangler kolonnene fornavn, etternavn og ukjente kolonner navn." in page
    assert not Membership.objects.exists()


def test_the_command_imports_it_and_refuses_a_second_import(tmp_path, ks, new_term, parties, mailoutbox,
                                                           django_capture_on_commit_callbacks):
    path = tmp_path / "valgoppgjor.csv"
    path.write_text(valgoppgjor_csv(*ROWS), encoding="utf-8")
    out = __import__("io").StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_valgoppgjor", str(path), "--term", "2027–2031", stdout=out)
    assert "4 representanter og 3 varamedlemmer" in out.getvalue() and "Siri Moen" in out.getvalue()
    assert len(mailoutbox) == 6
    assert Membership.objects.filter(term=new_term).count() == 7
    with pytest.raises(CommandError, match="har allerede medlemmer i valgperioden 2027–2031"):
        call_command("import_valgoppgjor", str(path), "--term", "2027–2031")
    with pytest.raises(CommandError, match="Finner ingen valgperiode «2031–2035»"):
        call_command("import_valgoppgjor", str(path), "--term", "2031–2035")
    assert Membership.objects.filter(term=new_term).count() == 7


def test_the_command_refuses_a_bad_file_with_its_lines(tmp_path, ks, new_term, parties):
    path = tmp_path / "feil.csv"
    path.write_text(valgoppgjor_csv(*ROWS, "Ap;3;Ola;Dalen;01.02.1980;M;vara;"), encoding="utf-8")
    with pytest.raises(CommandError, match=r"Ingenting er importert:\nLinje 9: Ola Dalen \(01.02.1980\) står også"):
        call_command("import_valgoppgjor", str(path), "--term", "2027–2031")
    assert not Membership.objects.exists()


@pytest.mark.parametrize("role", [Role.FOLKEVALGT, Role.SAKSBEHANDLER, Role.KOMMUNEDIREKTOR])
def test_other_roles_are_refused(client, ks, new_term, parties, role):
    client.force_login(UserFactory(username=f"u-{role.value}", role=role))
    assert _upload(client, new_term, valgoppgjor_csv(*ROWS)).status_code == 403
    assert not Membership.objects.exists()


def test_a_new_invitation_goes_to_those_without_a_password(client, fagleder, imported, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    kari = get_user_model().objects.get(person__given_name="Kari")
    kari.set_password("Fjordvik-2027!")
    kari.save()
    client.force_login(fagleder)
    assert "Send invitasjon på nytt" in client.get("/intern/valgperiode/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/intern/valgperiode/invitasjoner/", {"term": imported.pk})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        f"{n}@example.no" for n in ("ola.dalen", "per.haugen", "lars.berg", "ingrid.vik", "tone.lie"))
    assert "2. varamedlem" not in mailoutbox[0].body and "/intern/valgperiode/invitasjon/" in mailoutbox[0].body
    client.force_login(UserFactory(username="inv-sb", role=Role.SAKSBEHANDLER))
    assert client.post("/intern/valgperiode/invitasjoner/", {"term": imported.pk}).status_code == 403
