"""Delegerte vedtak (issue 13): a register, a CSV import that saves all rows or none, and «Meld som referatsaker»
that puts a body's unreported decisions of a period on a meeting's agenda as RS items; an exempt one is shown
publicly by its public title only."""

import datetime as dt
import io

import mammoth
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from secretariat.accounts.roles import Role
from secretariat.delegations.models import DelegatedDecision
from secretariat.meetings import services as meetings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
HEAD = "vedtaksdato;vedtatt_av;hjemmel;tittel;arkivsaksnummer;meldes_til;unntak_hjemmel;offentlig_tittel"


def _csv(*rows: str) -> str:
    return "\n".join([HEAD, *rows]) + "\n"


def _day(days_ago: int) -> str:
    return f"{TODAY - dt.timedelta(days=days_ago):%d.%m.%Y}"


def _register(fsk, title, *, days_ago=3, **extra):
    return DelegatedDecision.objects.create(
        decided_on=TODAY - dt.timedelta(days=days_ago), decided_by="Kommunedirektøren",
        authority="Delegeringsreglementet pkt. 4.2", title=title, report_to=fsk.org, **extra)


def test_the_fagleder_registers_one(client, fagleder, fsk):
    client.force_login(fagleder)
    response = client.post("/intern/delegerte-vedtak/ny/", {
        "decided_on": f"{TODAY:%Y-%m-%d}", "decided_by": "Virksomhetsleder plan og bygg",
        "authority": "Delegeringsreglementet pkt. 5.1, pbl. § 20-1", "title": "Rammetillatelse Neset 12",
        "arkivsaksnummer": "26/1234", "report_to": fsk.org.pk})
    assert response.status_code == 302
    decision = DelegatedDecision.objects.get()
    assert decision.report_to == fsk.org and decision.registered_by == fagleder and not decision.reported


def test_an_exempt_one_needs_a_basis_and_a_public_title(client, fagleder, fsk):
    client.force_login(fagleder)
    response = client.post("/intern/delegerte-vedtak/ny/", {
        "decided_on": f"{TODAY:%Y-%m-%d}", "decided_by": "Kommunedirektøren", "authority": "pkt. 2",
        "title": "Tilskudd til Per Persen", "report_to": fsk.org.pk, "exempt": "on", "exempt_basis": "offl13_fvl13_1"})
    assert response.status_code == 200
    assert "offentlig (anonymisert) tittel" in response.content.decode()
    assert not DelegatedDecision.objects.exists()


@pytest.mark.parametrize("who", ["saksbehandler", "folkevalgt", "kommunedirektor"])
def test_only_the_fagleder_uses_the_register(client, request, who, fsk):
    client.force_login(request.getfixturevalue(who))
    for url in ("/intern/delegerte-vedtak/", "/intern/delegerte-vedtak/ny/", "/intern/delegerte-vedtak/importer/",
                "/intern/delegerte-vedtak/meld/"):
        assert client.get(url).status_code == 403
    assert client.post("/intern/delegerte-vedtak/importer/", {
        "file": SimpleUploadedFile("v.csv", _csv(f"{_day(1)};KD;pkt. 1;Tittel;;formannskapet;;").encode())
    }).status_code == 403
    assert not DelegatedDecision.objects.exists()


def test_a_csv_import_saves_every_row(client, fagleder, fsk):
    client.force_login(fagleder)
    content = _csv(f"{_day(10)};Kommunedirektøren;pkt. 4.2;Skjenkebevilling Kafé Fjord;26/100;formannskapet;;",
                   f"{_day(9)};Kommunedirektøren;pkt. 3.1;Tilskudd til Per Persen;26/101;Formannskapet;"
                   "offl13_fvl13_1;Tilskudd til enkeltperson")
    response = client.post("/intern/delegerte-vedtak/importer/",
                           {"file": SimpleUploadedFile("vedtak.csv", ("\ufeff" + content).encode())})
    assert response.status_code == 302
    assert DelegatedDecision.objects.count() == 2
    exempt = DelegatedDecision.objects.get(arkivsaksnummer="26/101")
    assert exempt.exempt and exempt.public_title == "Tilskudd til enkeltperson"


def test_a_csv_with_bad_rows_saves_nothing_and_names_each_line(client, fagleder, fsk):
    client.force_login(fagleder)
    content = _csv(f"{_day(10)};Kommunedirektøren;pkt. 4.2;God linje;26/100;formannskapet;;",
                   "31.02.2026;Kommunedirektøren;pkt. 4.2;Dårlig dato;26/101;formannskapet;;",
                   f"{_day(9)};Kommunedirektøren;pkt. 4.2;Ukjent organ;26/102;bystyret;;",
                   f"{_day(9)};Kommunedirektøren;pkt. 4.2;Unntatt uten offentlig tittel;26/103;formannskapet;"
                   "offl13_fvl13_1;",
                   f"{_day(9)};Kommunedirektøren;pkt. 4.2;Feil arkivsak;1234;formannskapet;;",
                   f"{_day(9)};;pkt. 4.2;Mangler vedtatt av;;formannskapet;;")
    response = client.post("/intern/delegerte-vedtak/importer/",
                           {"file": SimpleUploadedFile("vedtak.csv", content.encode())})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ingenting er lagret" in page
    assert "Linje 3: «31.02.2026» er ikke en dato" in page
    assert "Linje 4: ukjent organ «bystyret»" in page
    assert "Linje 5:" in page and "offentlig (anonymisert) tittel" in page
    assert "Linje 6:" in page and "Arkivsaksnummer skrives som år/løpenummer" in page
    assert "Linje 7:" in page
    assert "Linje 2" not in page
    assert not DelegatedDecision.objects.exists()


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage", b"tittel\nbare en kolonne\n",
                                     b"vedtaksdato;vedtatt_av;hjemmel;tittel;meldes_til\n1;2;3;4;5;6;7\n"])
def test_a_broken_file_is_a_clear_message_not_a_500(client, fagleder, fsk, content):
    client.force_login(fagleder)
    response = client.post("/intern/delegerte-vedtak/importer/", {"file": SimpleUploadedFile("x.csv", content)})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not DelegatedDecision.objects.exists()


def test_the_management_command_imports_all_or_nothing(tmp_path, fsk):
    good = tmp_path / "good.csv"
    good.write_text(_csv(f"{_day(5)};Kommunedirektøren;pkt. 1;Kommandolinje;26/5;formannskapet;;"), encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(_csv(f"{_day(5)};Kommunedirektøren;pkt. 1;Grei;26/6;formannskapet;;",
                        f"{_day(5)};Kommunedirektøren;pkt. 1;Feil;26/7;ingen-slikt-organ;;"), encoding="utf-8")
    with pytest.raises(CommandError, match="Linje 3: ukjent organ"):
        call_command("import_delegated_decisions", str(bad))
    assert not DelegatedDecision.objects.exists()
    with pytest.raises(CommandError, match="Finner ikke filen"):
        call_command("import_delegated_decisions", str(tmp_path / "mangler.csv"))
    out = io.StringIO()
    call_command("import_delegated_decisions", str(good), stdout=out)
    assert "1 delegerte vedtak importert" in out.getvalue()
    assert DelegatedDecision.objects.get().title == "Kommandolinje"


def _report(client, meeting, start_days_ago=30, end_days_ago=0):
    return client.post("/intern/delegerte-vedtak/meld/", {
        "meeting": meeting.pk, "period_start": f"{TODAY - dt.timedelta(days=start_days_ago):%Y-%m-%d}",
        "period_end": f"{TODAY - dt.timedelta(days=end_days_ago):%Y-%m-%d}"})


def test_meld_som_referatsaker_puts_the_periods_unreported_ones_on_the_agenda(client, fagleder, fsk, meeting,
                                                                              kommunestyret):
    first = _register(fsk, "Skjenkebevilling Kafé Fjord", days_ago=10)
    second = _register(fsk, "Rammetillatelse Neset 12", days_ago=5)
    old = _register(fsk, "Utenfor perioden", days_ago=90)
    other_body = DelegatedDecision.objects.create(decided_on=TODAY, decided_by="KD", authority="pkt. 1",
                                                  title="Til kommunestyret", report_to=kommunestyret)
    client.force_login(fagleder)
    response = _report(client, meeting)
    assert response.status_code == 302
    year = timezone.localtime(meeting.start).year % 100
    items = list(meeting.agenda_items.order_by("position"))
    assert [(i.label, i.title) for i in items] == [
        (f"RS 1/{year:02d}", "Delegert vedtak: Skjenkebevilling Kafé Fjord"),
        (f"RS 2/{year:02d}", "Delegert vedtak: Rammetillatelse Neset 12"),
    ]
    for decision, item in ((first, items[0]), (second, items[1])):
        decision.refresh_from_db()
        assert decision.reported and decision.agenda_item == item
    for decision in (old, other_body):
        decision.refresh_from_db()
        assert not decision.reported
    again = _report(client, meeting)  # nothing left to report: a message, not a second copy
    assert again.status_code == 200
    assert "ingen umeldte delegerte vedtak" in again.content.decode()
    assert meeting.agenda_items.count() == 2


def test_ps_numbers_are_untouched_by_reported_decisions(client, fagleder, fsk, meeting, klar_case):
    _register(fsk, "Et delegert vedtak")
    client.force_login(fagleder)
    _report(client, meeting)
    item = meetings.agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Første politiske sak"))
    assert item.label.startswith("PS 1/")


def test_a_cancelled_meeting_takes_no_referatsaker(client, fagleder, fsk, meeting):
    _register(fsk, "Et delegert vedtak")
    meetings.meeting_cancel(actor=fagleder, meeting=meeting, reason="Ingen saker")
    client.force_login(fagleder)
    response = _report(client, meeting)
    assert response.status_code == 200
    assert not DelegatedDecision.objects.filter(reported_at__isnull=False).exists()
    assert not meeting.agenda_items.exists()


def test_an_exempt_decision_is_public_only_by_its_public_title(client, fagleder, fsk, meeting, member_user, tmp_path):
    _register(fsk, "Tilskudd til Per Persen", exempt=True, exempt_basis="offl13_fvl13_1",
              public_title="Tilskudd til enkeltperson", arkivsaksnummer="26/101")
    _register(fsk, "Skjenkebevilling Kafé Fjord")
    client.force_login(fagleder)
    _report(client, meeting)
    meetings.meeting_send_notice(actor=fagleder, meeting=meeting)
    client.logout()
    page = client.get(f"/innsyn/moter/{meeting.pk}/").content.decode()
    assert "Delegert vedtak: Tilskudd til enkeltperson" in page
    assert "Unntatt offentlighet, offl. § 13 jf. fvl. § 13 første ledd nr. 1" in page
    assert "Delegert vedtak: Skjenkebevilling Kafé Fjord" in page
    assert "Persen" not in page
    for url in (f"/api/meetings/{meeting.pk}/agenda/", f"/api/meetings/{meeting.pk}/notice/", "/innsyn/rss/",
                f"/innsyn/moter/{meeting.pk}/kort-fortalt/"):
        body = client.get(url).content.decode()
        assert "Persen" not in body, url
    out = tmp_path / "innkalling.docx"
    call_command("render_document", "innkalling", str(meeting.pk), "--out", str(out), "--public")
    public = mammoth.extract_raw_text(io.BytesIO(out.read_bytes())).value
    assert "Tilskudd til enkeltperson" in public and "Persen" not in public
    # A member of the body reads the real title; a saksbehandler outside it does not.
    client.force_login(member_user)
    assert "Tilskudd til Per Persen" in client.get(f"/intern/moter/{meeting.pk}/").content.decode()
    client.force_login(UserFactory(username="sb2", role=Role.SAKSBEHANDLER))
    staff_page = client.get(f"/intern/moter/{meeting.pk}/").content.decode()
    assert "Tilskudd til enkeltperson" in staff_page and "Persen" not in staff_page


def test_an_rs_item_taken_off_the_agenda_can_be_reported_again(client, fagleder, fsk, meeting):
    decision = _register(fsk, "Skjenkebevilling Kafé Fjord")
    client.force_login(fagleder)
    _report(client, meeting)
    decision.refresh_from_db()
    meetings.agenda_item_remove(actor=fagleder, item=decision.agenda_item)
    decision.refresh_from_db()
    assert not decision.reported
    assert _report(client, meeting).status_code == 302
    decision.refresh_from_db()
    assert decision.reported and decision.agenda_item.meeting == meeting
