"""Fiks Arkiv for the whole case (issue 14 part 2): a saksmappe when a case is created, whose receipt gives the case
its arkivsaksnummer; the saksframlegg at the kommunedirektør's approval, the innkalling with sakskart when the
notice is sent, each særutskrift and the approved protokoll, each as a journalpost with its file in the case's
saksmappe or the meeting's møtemappe. Through the pages and the API a user uses, the archive simulator on the far
side of the folder exchange, and the management commands. Every outgoing arkivmelding is checked against the XSD.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from lxml import etree

from secretariat.archive import fiks, services
from secretariat.archive.models import ArchiveMessage, ArchiveMessageKind, ArchiveMessageState
from secretariat.archive.simulator import ArchiveSimulator
from secretariat.archive.transport import FilesystemExchange
from secretariat.cases.exemptions import ClosedBasis
from secretariat.cases.models import Case
from secretariat.meetings import services as meeting_services
from secretariat.meetings.models import Meeting
from secretariat.organizations.models import AdministrativeUnit
from tests.helpers import COMPLETE_PAPER, decide_in_meeting, docx_paragraphs, meeting_took_place
from workflows.models import AuditEntry

XSD = Path(settings.BASE_DIR) / "reference" / "fiks-arkiv-v1" / f"{fiks.MESSAGE_TYPE}.xsd"
N = {"a": fiks.NS, "m": fiks.MDK}
K = ArchiveMessageKind
SCHEMA = etree.XMLSchema(etree.parse(str(XSD)))


def valid(message: ArchiveMessage):
    """Every outgoing arkivmelding is checked against the Fiks Arkiv XSD here, independently of the code's own
    check; returns the parsed message."""
    root = etree.fromstring(message.xml.encode())
    assert SCHEMA.validate(root), (message.idempotency_key, SCHEMA.error_log)
    return root


@pytest.fixture
def archive(settings, tmp_path) -> ArchiveSimulator:
    simulator = ArchiveSimulator(tmp_path / "arkiv")
    settings.SAKSGANG_ARCHIVE_EXCHANGE_DIR = str(simulator.root)
    return simulator


@pytest.fixture
def unit(db):
    return AdministrativeUnit.objects.create(name="Kommunalteknikk")


def create_case(client, officer, organization, unit, **fields):
    client.force_login(officer)
    data = {"title": "Ny gangveg langs Strandvegen", "organization": organization.pk, "responsible_unit": unit.pk,
            **COMPLETE_PAPER, **fields}
    return client.post(reverse("cases:create"), data)


def step(client, user, case, transition):
    client.force_login(user)
    r = client.post(reverse("cases:transition", args=[case.pk]),
                    {"transition": transition, "expected_state": Case.objects.get(pk=case.pk).state}, follow=True)
    assert r.status_code == 200
    errors = [str(m) for m in r.context["messages"] if m.level_tag == "error"]
    assert not errors, errors


def meeting_action(client, fagleder, meeting, data):
    client.force_login(fagleder)
    r = client.post(reverse("meetings:action", args=[meeting.pk, "transition"]), data, follow=True)
    assert r.status_code == 200
    errors = [str(m) for m in r.context["messages"] if m.level_tag == "error"]
    assert not errors, errors


def supplementary_notice(client, fagleder, meeting) -> None:
    client.force_login(fagleder)
    r = client.post(reverse("meetings:action", args=[meeting.pk, "supplementary_notice"]), {"override_reason": ""},
                    follow=True)
    assert r.status_code == 200
    errors = [str(m) for m in r.context["messages"] if m.level_tag == "error"]
    assert not errors, errors


def deliver(message: ArchiveMessage) -> str:
    result = services.archive_message_deliver(pk=message.pk)
    message.refresh_from_db()
    return result


def deliver_round(archive) -> None:
    """What beat and the archive do between two looks: deliver what waits, the archive answers, read receipts."""
    call_command("deliver_archive")
    archive.process()
    call_command("deliver_archive")


def test_a_case_from_creation_to_approved_protokoll_is_filed_in_the_archive(
        client, archive, kommunestyret, unit, saksbehandler, kommunedirektor, fagleder, future_meeting_start):
    # 1. The saksbehandler creates the case without a number: the saksmappe request is in the outbox.
    r = create_case(client, saksbehandler, kommunestyret, unit)
    assert r.status_code == 302, r.content.decode()[:2000]
    case = Case.objects.get()
    assert case.arkivsaksnummer == ""
    folder = ArchiveMessage.objects.get(kind=K.SAKSMAPPE)
    assert folder.case == case and folder.state == ArchiveMessageState.PENDING and folder.document is None
    root = valid(folder)
    mappe = root.find("a:mappe", N)
    assert mappe.get(f"{{{fiks.XSI}}}type") == "saksmappe"
    assert mappe.findtext("a:tittel", namespaces=N) == mappe.findtext("a:offentligTittel", namespaces=N) == (
        "Ny gangveg langs Strandvegen")
    assert mappe.find("a:skjerming", N) is None
    assert mappe.findtext("a:administrativEnhet/m:navn", namespaces=N) == "Kommunalteknikk"
    assert mappe.findtext("a:saksansvarlig/m:identifikator", namespaces=N) == saksbehandler.username
    assert mappe.findtext("a:referanseEksternNoekkel/m:noekkel", namespaces=N) == f"sak:{case.pk}"
    # The page says the number is awaited from the archive.
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "venter på kommunens arkiv" in page and "Venter på sending" in page
    assert "Journalpost i arkivet" not in page

    # 2. Submitted, then approved by the kommunedirektør before the archive has answered: the saksframlegg goes
    #    into the saksmappe by our key, and waits for it.
    step(client, saksbehandler, case, "submit")
    step(client, kommunedirektor, case, "approve")
    paper = ArchiveMessage.objects.get(kind=K.SAKSFRAMLEGG)
    assert paper.depends_on == folder and paper.document.kind == "saksframlegg" and not paper.document.public
    root = valid(paper)
    assert root.findtext("a:registrering/a:referanseForelderMappe/m:referanseEksternNoekkel/m:noekkel",
                         namespaces=N) == f"sak:{case.pk}"
    content = bytes(paper.document.content)
    assert root.findtext(".//a:dokumentobjekt/a:sjekksum", namespaces=N) == hashlib.sha256(content).hexdigest()
    assert int(root.findtext(".//a:dokumentobjekt/a:filstoerrelse", namespaces=N)) == len(content)
    assert root.findtext(".//a:korrespondansepart/a:saksbehandler/m:identifikator", namespaces=N) == (
        saksbehandler.username)
    assert root.findtext(".//a:korrespondansepart/a:administrativEnhet/m:navn", namespaces=N) == "Kommunalteknikk"

    # 3. Nothing was sent yet: the test client's transaction never ran its on-commit callbacks, as if the process
    #    died between the commit and the send. The outbox recovers (deliver_archive: what beat's round runs). It
    #    sends the saksmappe first; the saksframlegg is not sent before the archive has the mappe.
    assert not any(archive.inbox.iterdir())
    call_command("deliver_archive")
    folder.refresh_from_db()
    paper.refresh_from_db()
    assert folder.state == ArchiveMessageState.SENT
    assert paper.state == ArchiveMessageState.PENDING and paper.attempts == 0
    assert "Venter på at arkivet bekrefter saksmappe" in paper.last_error
    assert [p.name for p in archive.inbox.iterdir()] == [str(folder.message_id)]

    # 4. The receipt gives the case the archive's saksnummer (audited), and the saksframlegg follows.
    archive.process()
    call_command("deliver_archive")
    case.refresh_from_db()
    folder.refresh_from_db()
    assert folder.state == ArchiveMessageState.ARCHIVED and folder.archive_folder_id
    assert case.arkivsaksnummer == "26/5001"
    entry = AuditEntry.objects.get(object_id=case.pk, action="arkivsaksnummer_fra_arkivet")
    assert entry.changes == {"arkivsaksnummer": {"fra": "", "til": "26/5001"}}
    deliver_round(archive)
    paper.refresh_from_db()
    assert paper.state == ArchiveMessageState.ARCHIVED and paper.journalpost_label == "2026/000001"
    assert services.journalpost_for(paper.document) == "2026/000001"
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Journalpost i arkivet: <strong>2026/000001</strong>" in page

    # 5. The notice with sakskart, sent by the fagleder: the møtemappe with the innkalling.
    meeting = meeting_services.meeting_create(actor=fagleder, organization=kommunestyret,
                                              start=future_meeting_start, location="Kommunestyresalen")
    item = meeting_services.agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    meeting_action(client, fagleder, meeting, {"transition": "send_notice"})
    notice = ArchiveMessage.objects.get(kind=K.INNKALLING)
    root = valid(notice)
    assert notice.meeting == meeting and notice.document.kind == "innkalling"
    assert root.find("a:mappe", N).get(f"{{{fiks.XSI}}}type") == "moetemappe"
    assert root.findtext("a:mappe/a:utvalg/m:navn", namespaces=N) == "Kommunestyret"
    assert root.findtext("a:registrering/a:referanseForelderMappe/m:referanseEksternNoekkel/m:noekkel",
                         namespaces=N) == f"moete:{meeting.uid}"
    assert root.findtext(".//a:korrespondansepart/a:saksbehandler/m:identifikator", namespaces=N) == (
        fagleder.username)

    # 5b. A tilleggssak, closed (koml. § 11-5 tredje ledd a), gets its own notice through the meeting page: its
    #     own journalpost in the møtemappe with a file holding only that item, screened, after the innkalling.
    extra = meeting_services.agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS",
                                                   title="Orientering om en ansatts sykefravær")
    meeting_services.agenda_item_close(actor=fagleder, item=extra, closed=True, basis=ClosedBasis.PRIVACY)
    supplementary_notice(client, fagleder, meeting)
    extra.refresh_from_db()
    added = ArchiveMessage.objects.get(kind=K.TILLEGGSINNKALLING)
    root = valid(added)
    assert added.meeting == meeting and added.depends_on == notice and added.label == f"Tilleggsinnkalling {extra.label}"
    assert added.idempotency_key == f"tilleggsinnkalling:{meeting.uid}:{extra.pk}"
    assert added.document.kind == "tilleggsinnkalling" and not added.document.public
    assert added.document.pk != notice.document.pk
    text = "\n".join(docx_paragraphs(bytes(added.document.content)))
    assert "Tilleggsinnkalling" in text and "Orientering om en ansatts sykefravær" in text
    assert "Ny gangveg langs Strandvegen" not in text   # the innkalling's items are in the innkalling
    assert root.findtext("a:mappe/a:referanseEksternNoekkel/m:noekkel", namespaces=N) == f"moete:{meeting.uid}"
    assert root.findtext("a:registrering/a:referanseForelderMappe/m:referanseEksternNoekkel/m:noekkel",
                         namespaces=N) == f"moete:{meeting.uid}"
    assert root.findtext(".//a:dokumentobjekt/a:sjekksum", namespaces=N) == added.document.checksum
    for path in ("a:registrering/a:skjerming", "a:registrering/a:dokumentbeskrivelse/a:skjerming"):
        assert root.findtext(f"{path}/a:tilgangsrestriksjon/m:kode", namespaces=N) == "UO"
        assert root.findtext(f"{path}/a:skjermingshjemmel", namespaces=N) == (
            "Koml. § 11-5 tredje ledd bokstav a (personvern)")
    assert root.find("a:registrering/a:dokumentbeskrivelse/a:skjerming", N) is not None
    # The simulator's failure modes, once for this kind: it waits for the innkalling (which made the møtemappe),
    # then the archive is down (retried, kept), slow (waited for), and answers once.
    assert deliver(added) == services.RETRY and added.attempts == 0 and "Venter på at arkivet" in added.last_error
    deliver(notice)
    archive.process()
    assert deliver(notice) == services.DONE and notice.state == ArchiveMessageState.ARCHIVED
    archive.down()
    assert deliver(added) == services.RETRY and added.state == ArchiveMessageState.PENDING and added.attempts == 1
    archive.up()
    archive.slow(1)
    assert deliver(added) == services.RETRY and added.state == ArchiveMessageState.SENT
    assert archive.process() == 0 and deliver(added) == services.RETRY
    assert archive.process() == 1 and deliver(added) == services.DONE
    assert added.state == ArchiveMessageState.ARCHIVED and added.journalpost_label
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert f"Tilleggsinnkalling {extra.label}" in page and added.journalpost_label in page
    # A second tilleggsinnkalling the archive rejects: marked, the reason shown to the fagleder, never resent.
    other = meeting_services.agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title="Orientering")
    supplementary_notice(client, fagleder, meeting)
    refused = ArchiveMessage.objects.get(kind=K.TILLEGGSINNKALLING, idempotency_key__endswith=f":{other.pk}")
    valid(refused)
    assert refused.depends_on == notice and refused.document != added.document
    assert valid(refused).find("a:registrering/a:skjerming", N) is None   # this batch has no closed item
    archive.rejecting = True
    deliver(refused)
    archive.process()
    assert deliver(refused) == services.DONE and refused.state == ArchiveMessageState.REJECTED
    assert deliver(refused) == services.DONE and refused.attempts == 1
    archive.rejecting = False
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Avvist av arkivet" in page and "Arkivet avviste meldingen" in page
    assert archive.archived_count == 4   # saksmappe, saksframlegg, innkalling, the first tilleggsinnkalling

    # 6. The meeting is held, the case decided, the protokoll approved by the fagleder: the protokoll goes to the
    #    møtemappe after the notice, the særutskrift to the case's saksmappe by the archive's own systemID.
    meeting_took_place(Meeting.objects.get(pk=meeting.pk))
    decide_in_meeting(Case.objects.get(pk=case.pk), actor=fagleder, text="Vedtatt som innstilt.", agenda_item=item)
    meeting_services.meeting_hold(actor=fagleder, meeting=Meeting.objects.get(pk=meeting.pk))
    meeting_services.minutes_draft(actor=fagleder, meeting=Meeting.objects.get(pk=meeting.pk))
    meeting_action(client, fagleder, meeting, {"transition": "approve_minutes", "approval_label": "Kommunestyret"})
    minutes = ArchiveMessage.objects.get(kind=K.PROTOKOLL)
    extract = ArchiveMessage.objects.get(kind=K.SAERUTSKRIFT)
    valid(minutes)
    assert minutes.depends_on == notice
    root = valid(extract)
    assert extract.case == case and extract.depends_on is None and extract.label == f"Særutskrift {item.label}"
    assert root.findtext("a:registrering/a:referanseForelderMappe/m:systemID", namespaces=N) == (
        folder.archive_folder_id)

    # 7. Delivered; each document has its journalpost number, shown on the staff pages.
    deliver_round(archive)
    deliver_round(archive)
    assert set(ArchiveMessage.objects.exclude(pk=refused.pk).values_list("state", flat=True)) == {
        ArchiveMessageState.ARCHIVED}
    numbers = {m.kind: m.journalpost_label
               for m in ArchiveMessage.objects.exclude(kind=K.SAKSMAPPE).exclude(pk=refused.pk)}
    assert len(set(numbers.values())) == 5 and all(numbers.values())
    client.force_login(fagleder)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Arkivets saksnummer: <strong>26/5001</strong>" in page
    for kind in (K.SAKSFRAMLEGG, K.SAERUTSKRIFT):
        assert numbers[kind] in page
    assert "Arkivert" in page
    # Where the documents are offered, each shows its journalpost (one lookup: archive.selectors.journalposts).
    assert f"Journalpost i arkivet: <strong>{numbers[K.SAKSFRAMLEGG]}</strong>" in page
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert numbers[K.INNKALLING] in page and numbers[K.PROTOKOLL] in page
    for kind in (K.INNKALLING, K.PROTOKOLL):
        assert f"Journalpost i arkivet: <strong>{numbers[kind]}</strong>" in page
    page = client.get(reverse("documents:meeting", args=[meeting.pk])).content.decode()
    for kind in (K.INNKALLING, K.PROTOKOLL):
        assert f"Journalpost i arkivet: <strong>{numbers[kind]}</strong>" in page
    assert f"<td>{numbers[K.SAERUTSKRIFT]}</td>" in page
    listed = client.get(reverse("api-document-list", args=["saksframlegg", case.pk])).json()
    archived = ArchiveMessage.objects.get(kind=K.SAKSFRAMLEGG).document_id
    assert {d["id"]: d["journalpost"] for d in listed}[archived] == numbers[K.SAKSFRAMLEGG]
    assert archive.archived_count == 6   # saksmappe, saksframlegg, innkalling, tilleggsinnkalling, protokoll and
    #                                      særutskrift: once each


def test_the_arkivsaksnummer_cannot_be_typed_once_the_archive_gives_it(
        client, archive, kommunestyret, unit, saksbehandler, kommunedirektor, other_saksbehandler, admin_user):
    # The staff form: a Norwegian message, nothing created.
    r = create_case(client, saksbehandler, kommunestyret, unit, arkivsaksnummer="26/1234")
    assert r.status_code == 200
    assert "Arkivsaksnummeret tildeles av kommunens arkiv" in r.content.decode()
    assert not Case.objects.exists() and not ArchiveMessage.objects.exists()
    # The API: JSON 400, nothing created.
    r = client.post("/api/cases/", {"arkivsaksnummer": "26/1234", "title": "Sak", "organization": "kommunestyret"},
                    content_type="application/json")
    assert r.status_code == 400 and "tildeles av kommunens arkiv" in r.content.decode()
    assert not Case.objects.exists()
    # An exempt case through the API, without a number: created, its saksmappe screened with the public title.
    r = client.post("/api/cases/", {"title": "Oppsigelse av ansatt ved sjukeheimen", "organization": "kommunestyret",
                                    "exempt": True, "exempt_basis": "offl13_fvl13_1", "public_title": "Personalsak",
                                    **COMPLETE_PAPER}, content_type="application/json")
    assert r.status_code == 201, r.content
    case = Case.objects.get()
    mappe = valid(ArchiveMessage.objects.get(case=case)).find("a:mappe", N)
    assert mappe.findtext("a:tittel", namespaces=N) == "Oppsigelse av ansatt ved sjukeheimen"
    assert mappe.findtext("a:offentligTittel", namespaces=N) == "Personalsak"
    assert mappe.findtext("a:skjerming/a:tilgangsrestriksjon/m:kode", namespaces=N) == "13"
    assert mappe.findtext("a:skjerming/a:skjermingshjemmel", namespaces=N).startswith("Offl. § 13")
    # Neither PATCH nor the edit form may type it later; an unchanged value is fine.
    r = client.patch(f"/api/cases/{case.pk}/", {"arkivsaksnummer": "26/77"}, content_type="application/json")
    assert r.status_code == 400 and "tildeles av kommunens arkiv" in r.content.decode()
    r = client.patch(f"/api/cases/{case.pk}/", {"arkivsaksnummer": "", "summary": "Kort."},
                     content_type="application/json")
    assert r.status_code == 200, r.content
    r = client.post(reverse("cases:edit", args=[case.pk]), {
        "arkivsaksnummer": "26/77", "title": case.title, "organization": kommunestyret.pk, "exempt": "on",
        "exempt_basis": "offl13_fvl13_1", "public_title": "Personalsak"})
    assert r.status_code == 200 and "tildeles av kommunens arkiv" in r.content.decode()
    case.refresh_from_db()
    assert case.arkivsaksnummer == ""
    # Its saksframlegg, at the kommunedirektør's approval: screened with the hjemmel, public title outward.
    step(client, saksbehandler, case, "submit")
    step(client, kommunedirektor, case, "approve")
    reg = valid(ArchiveMessage.objects.get(case=case, kind=K.SAKSFRAMLEGG)).find("a:registrering", N)
    assert reg.findtext("a:tittel", namespaces=N) == "Saksframlegg: Oppsigelse av ansatt ved sjukeheimen"
    assert reg.findtext("a:offentligTittel", namespaces=N) == "Saksframlegg: Personalsak"
    for path in ("a:skjerming", "a:dokumentbeskrivelse/a:skjerming"):
        assert reg.findtext(f"{path}/a:tilgangsrestriksjon/m:kode", namespaces=N) == "13"
        assert reg.findtext(f"{path}/a:skjermingshjemmel", namespaces=N).startswith("Offl. § 13")
    # The admin shows it read-only.
    client.force_login(admin_user)
    page = client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    assert 'name="arkivsaksnummer"' not in page
    # Another saksbehandler sees the archive section by labels, never the exempt title (nor the archive's reasons).
    client.force_login(other_saksbehandler)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Saksmappe" in page and "Saksframlegg" in page and "Venter på sending" in page
    assert "Oppsigelse av ansatt" not in page


def test_without_an_archive_connection_the_number_is_typed_by_hand(
        client, settings, kommunestyret, unit, saksbehandler):
    settings.SAKSGANG_ARCHIVE_EXCHANGE_DIR = ""
    r = create_case(client, saksbehandler, kommunestyret, unit)
    assert r.status_code == 200 and "This field is required" not in r.content.decode()
    assert "Dette feltet er påkrevd" in r.content.decode() and not Case.objects.exists()
    r = client.post("/api/cases/", {"title": "Sak", "organization": "kommunestyret"},
                    content_type="application/json")
    assert r.status_code == 400 and "Skriv arkivsaksnummeret" in r.content.decode()
    r = create_case(client, saksbehandler, kommunestyret, unit, arkivsaksnummer="26/1234")
    assert r.status_code == 302
    assert Case.objects.get().arkivsaksnummer == "26/1234" and not ArchiveMessage.objects.exists()
    r = create_case(client, saksbehandler, kommunestyret, unit, arkivsaksnummer="26/1234")
    assert "Det finnes allerede en sak med dette arkivsaksnummeret" in r.content.decode()


def test_a_refused_saksmappe_holds_back_its_documents_and_the_fagleder_sees_why(
        client, archive, kommunestyret, unit, saksbehandler, kommunedirektor, fagleder):
    create_case(client, saksbehandler, kommunestyret, unit)
    case = Case.objects.get()
    step(client, saksbehandler, case, "submit")
    step(client, kommunedirektor, case, "approve")
    archive.rejecting = True
    deliver_round(archive)
    folder = ArchiveMessage.objects.get(kind=K.SAKSMAPPE)
    paper = ArchiveMessage.objects.get(kind=K.SAKSFRAMLEGG)
    assert folder.state == ArchiveMessageState.REJECTED
    assert paper.state == ArchiveMessageState.PENDING and paper.attempts == 0   # never sent into nothing
    assert "arkivet avviste saksmappe" in paper.last_error
    client.force_login(fagleder)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Avvist av arkivet" in page and "Arkivet avviste meldingen: Arkivet avviser meldingen." in page
    assert "venter på svar fra arkivet" in page


def test_the_archive_refuses_a_registrering_for_a_mappe_it_does_not_have_and_never_files_one_twice(archive):
    """Why the outbox sends the saksmappe first, and why a resend under a new message id files nothing twice."""
    exchange = FilesystemExchange(archive.root)
    folder_xml = (b'<?xml version="1.0" encoding="utf-8"?><arkivmelding xmlns="%s" xmlns:m="%s" xmlns:xsi="%s">'
                  b'<system>Saksgang</system><antallFiler>0</antallFiler><mappe xsi:type="saksmappe">'
                  b'<tittel>Sak</tittel><referanseEksternNoekkel><m:fagsystem>Saksgang</m:fagsystem>'
                  b'<m:noekkel>sak:1</m:noekkel></referanseEksternNoekkel></mappe></arkivmelding>'
                  % (fiks.NS.encode(), fiks.MDK.encode(), fiks.XSI.encode()))
    reg_xml = (b'<?xml version="1.0" encoding="utf-8"?><arkivmelding xmlns="%s" xmlns:m="%s" xmlns:xsi="%s">'
               b'<system>Saksgang</system><antallFiler>0</antallFiler><registrering xsi:type="journalpost">'
               b'<referanseForelderMappe><m:referanseEksternNoekkel><m:fagsystem>Saksgang</m:fagsystem>'
               b'<m:noekkel>sak:1</m:noekkel></m:referanseEksternNoekkel></referanseForelderMappe>'
               b'<tittel>Notat</tittel><referanseEksternNoekkel><m:fagsystem>Saksgang</m:fagsystem>'
               b'<m:noekkel>notat:1</m:noekkel></referanseEksternNoekkel>'
               b'<journalposttype><m:kode>X</m:kode></journalposttype></registrering></arkivmelding>'
               % (fiks.NS.encode(), fiks.MDK.encode(), fiks.XSI.encode()))
    assert not fiks.validation_errors(folder_xml) and not fiks.validation_errors(reg_xml)
    exchange.send(message_id="reg-1", message_type=fiks.MESSAGE_TYPE, xml=reg_xml, files={})
    archive.process()
    refused = fiks.parse_receipt(*vars(exchange.receipt("reg-1")).values())
    assert not refused.ok and "Fant ikke mappen med ekstern nøkkel sak:1" in refused.error
    exchange.send(message_id="mappe-1", message_type=fiks.MESSAGE_TYPE, xml=folder_xml, files={})
    archive.process()
    first = fiks.parse_receipt(*vars(exchange.receipt("mappe-1")).values())
    assert first.ok and (first.saksaar, first.sakssekvensnummer) == (2026, 5001)
    exchange.send(message_id="reg-2", message_type=fiks.MESSAGE_TYPE, xml=reg_xml, files={})
    exchange.send(message_id="reg-3", message_type=fiks.MESSAGE_TYPE, xml=reg_xml, files={})  # same registrering
    archive.process()
    two, three = (fiks.parse_receipt(*vars(exchange.receipt(i)).values()) for i in ("reg-2", "reg-3"))
    assert two.ok and two.journalpost_label == three.journalpost_label == "2026/000001"
    assert ArchiveSimulator(archive.root).next_number == 2   # filed once, and the count survives a restart


def admin_case_form(client) -> dict:
    """The admin's add form for a case as the page gives it (its fields, the inline's management form)."""
    r = client.get(reverse("admin:cases_case_add"))
    assert r.status_code == 200
    data = {}
    for formset in r.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
    return data


def test_a_case_created_in_the_admin_asks_the_archive_for_its_saksmappe(client, archive, admin_user, unit,
                                                                        saksbehandler):
    client.force_login(admin_user)
    # With an archive connected, the add form has no arkivsaksnummer to type: the archive gives it.
    page = client.get(reverse("admin:cases_case_add")).content.decode()
    assert 'name="title"' in page and 'name="arkivsaksnummer"' not in page
    # A number posted anyway is not taken; the case is made with the saksmappe request in the same step.
    r = client.post(reverse("admin:cases_case_add"), {
        **admin_case_form(client), "arkivsaksnummer": "26/4242", "title": "Reguleringsplan for Nordhaugen",
        "case_officer": saksbehandler.pk, "responsible_unit": unit.pk})
    assert r.status_code == 302, r.context["adminform"].form.errors if r.context else r
    case = Case.objects.get()
    assert case.arkivsaksnummer == ""
    folder = ArchiveMessage.objects.get()
    assert folder.kind == K.SAKSMAPPE and folder.case == case and folder.state == ArchiveMessageState.PENDING
    mappe = valid(folder).find("a:mappe", N)
    assert mappe.findtext("a:tittel", namespaces=N) == "Reguleringsplan for Nordhaugen"
    assert mappe.findtext("a:saksansvarlig/m:identifikator", namespaces=N) == saksbehandler.username
    assert mappe.findtext("a:administrativEnhet/m:navn", namespaces=N) == "Kommunalteknikk"
    # The receipt numbers it; the change page shows that number read-only, and a typed change is not taken.
    deliver_round(archive)
    case.refresh_from_db()
    assert case.arkivsaksnummer == "26/5001"
    page = client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    assert 'name="arkivsaksnummer"' not in page and "26/5001" in page
    r = client.post(reverse("admin:cases_case_change", args=[case.pk]), {
        **admin_case_form(client), "arkivsaksnummer": "26/1", "title": case.title,
        "case_officer": saksbehandler.pk, "responsible_unit": unit.pk})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.arkivsaksnummer == "26/5001" and ArchiveMessage.objects.count() == 1
