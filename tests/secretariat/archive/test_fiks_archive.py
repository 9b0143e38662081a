"""Fiks Arkiv messages (issue 14 part 2): approving a protokoll puts a valid arkivmelding in the archive outbox,
in the approval's transaction; a task delivers it through the folder exchange to an archive simulator on the other
side, which checks each message against the XSD and answers with a kvittering. Down, slow and rejecting archives:
retries, no duplicates, nothing lost. Receipts store the archive's journalpost numbers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from document_templates import registry
from secretariat.archive import fiks, services
from secretariat.archive.models import ArchiveMessage, ArchiveMessageKind, ArchiveMessageState
from secretariat.archive.simulator import ArchiveSimulator
from secretariat.archive.tasks import backoff
from secretariat.archive.transport import FilesystemExchange
from tests.secretariat.innsyn.scenario import approve_minutes, build_portal

XSD = Path(settings.BASE_DIR) / "reference" / "fiks-arkiv-v1" / f"{fiks.MESSAGE_TYPE}.xsd"
A = {"a": fiks.NS}


@pytest.fixture
def archive(settings, tmp_path) -> ArchiveSimulator:
    simulator = ArchiveSimulator(tmp_path / "arkiv")
    settings.SAKSGANG_ARCHIVE_EXCHANGE_DIR = str(tmp_path / "arkiv")
    return simulator


@pytest.fixture
def portal(kommunestyret, saksbehandler, fagleder, kommunedirektor):
    return build_portal(organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                        kommunedirektor=kommunedirektor)


@pytest.fixture
def message(portal, archive, fagleder) -> ArchiveMessage:
    # The portal's cases were numbered by hand before the archive was connected (`portal` comes first): their
    # særutskrifter go to their saksmappe by that saksnummer (test_fiks_case_archive.py has the newer path).
    approve_minutes(portal.past_meeting, fagleder=fagleder)
    return ArchiveMessage.objects.get(kind=ArchiveMessageKind.PROTOKOLL)


def deliver(message: ArchiveMessage) -> str:
    result = services.archive_message_deliver(pk=message.pk)
    message.refresh_from_db()
    return result


def test_approving_the_minutes_puts_a_valid_arkivmelding_in_the_outbox(message, portal):
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    root = etree.fromstring(message.xml.encode())
    assert schema.validate(root), schema.error_log
    assert message.state == ArchiveMessageState.PENDING
    assert message.idempotency_key == f"protokoll:{portal.past_meeting.uid}"
    # The file is the internal approved protokoll, the very document the meeting serves from now on.
    doc = message.document
    assert doc.kind == "protokoll" and doc.public is False
    assert registry.generate("protokoll", portal.past_meeting, public=False).pk == doc.pk
    assert root.findtext(".//a:dokumentobjekt/a:sjekksum", namespaces=A) == hashlib.sha256(
        bytes(doc.content)).hexdigest()
    assert int(root.findtext(".//a:dokumentobjekt/a:filstoerrelse", namespaces=A)) == len(bytes(doc.content))
    # A closed item in the meeting: the protokoll is screened, with the kommuneloven ground.
    assert root.findtext("a:registrering/a:skjerming/a:skjermingshjemmel", namespaces=A).startswith(
        "Koml. § 11-5 tredje ledd bokstav b")
    assert root.findtext("a:mappe/a:utvalg/m:navn", namespaces={**A, "m": fiks.MDK}) == "Kommunestyret"
    # Each decided item's særutskrift goes to its case's saksmappe; these cases were numbered by hand before the
    # archive was connected, so by that saksnummer (valid against the XSD too).
    extracts = ArchiveMessage.objects.filter(kind=ArchiveMessageKind.SAERUTSKRIFT)
    assert extracts.count() == 2
    for extract in extracts:
        reg = etree.fromstring(extract.xml.encode())
        assert schema.validate(reg), schema.error_log
        year, sequence = extract.case.arkivsaksnummer.split("/")
        number = reg.find("a:registrering/a:referanseForelderMappe/m:saksnummer", {**A, "m": fiks.MDK})
        assert [c.text for c in number] == [f"20{year}", sequence]
        assert extract.depends_on is None and extract.document.kind == "saerutskrift"
    # The closed item's særutskrift is screened with the kommuneloven ground; the open one is not.
    grounds = sorted(etree.fromstring(e.xml.encode()).findtext("a:registrering/a:skjerming/a:skjermingshjemmel",
                                                              namespaces=A) or "" for e in extracts)
    assert grounds[0] == "" and grounds[1].startswith("Koml. § 11-5 tredje ledd bokstav b")


def test_the_receipt_stores_the_archives_journalpost_number(message, archive):
    assert deliver(message) == services.RETRY and message.state == ArchiveMessageState.SENT  # no receipt yet
    assert archive.process() == 1
    assert deliver(message) == services.DONE
    assert message.state == ArchiveMessageState.ARCHIVED
    assert (message.journal_year, message.journal_sequence, message.journalpost_number) == (2026, 1, 1)
    assert message.archive_folder_id
    assert services.journalpost_for(message.document) == "2026/000001"


def test_an_archive_that_is_down_gets_the_message_when_it_is_back(message, archive):
    archive.down()
    assert deliver(message) == services.RETRY
    assert message.state == ArchiveMessageState.PENDING and message.attempts == 1
    assert "finnes ikke" in message.last_error
    archive.up()
    assert deliver(message) == services.RETRY and message.state == ArchiveMessageState.SENT
    archive.process()
    assert deliver(message) == services.DONE and message.state == ArchiveMessageState.ARCHIVED
    assert archive.archived_count == 1   # only the protokoll was delivered here


def test_a_slow_archive_is_waited_for(message, archive):
    archive.slow(2)
    deliver(message)
    assert archive.process() == 0 and deliver(message) == services.RETRY
    assert message.state == ArchiveMessageState.SENT
    assert archive.process() == 0 and archive.process() == 1
    assert deliver(message) == services.DONE and message.state == ArchiveMessageState.ARCHIVED


def test_a_resend_never_archives_twice(message, archive):
    deliver(message)
    archive.process()
    # The worker died after handing the message over, before it saved that it had: it sends again.
    ArchiveMessage.objects.filter(pk=message.pk).update(state=ArchiveMessageState.PENDING)
    for path in (archive.receipts).iterdir():
        path.unlink()
    deliver(message)
    archive.process()
    assert deliver(message) == services.DONE
    assert archive.archived_count == 1 and message.journal_sequence == 1
    assert (archive.inbox.parent / "arkivert" / str(message.message_id)).is_dir()
    # Delivering an archived message again does nothing.
    assert deliver(message) == services.DONE and archive.process() == 0


def test_a_rejecting_archive_marks_the_message_and_stops(message, archive):
    archive.rejecting = True
    deliver(message)
    archive.process()
    assert deliver(message) == services.DONE
    assert message.state == ArchiveMessageState.REJECTED
    assert message.last_error.startswith("Arkivet avviste meldingen")
    assert deliver(message) == services.DONE and message.attempts == 1


def test_the_simulator_refuses_a_message_that_breaks_the_schema(archive):
    exchange = FilesystemExchange(archive.root)
    exchange.send(message_id="ugyldig-1", message_type=fiks.MESSAGE_TYPE,
                  xml=b'<arkivmelding xmlns="%s"><system>x</system></arkivmelding>' % fiks.NS.encode(), files={})
    assert archive.process() == 1
    incoming = exchange.receipt("ugyldig-1")
    assert incoming.message_type == fiks.REJECTED_TYPE
    receipt = fiks.parse_receipt(incoming.message_type, incoming.xml)
    assert not receipt.ok and "ikke gyldig mot XSD" in receipt.error
    assert archive.archived_count == 0


def test_a_crash_between_commit_and_send_is_recovered_from_the_outbox(message, archive):
    # The approval committed, but its task never ran (the callbacks of this test's transaction do not run).
    assert message.state == ArchiveMessageState.PENDING and message.attempts == 0
    waiting = ArchiveMessage.objects.count()   # the protokoll and the særutskrifter
    assert waiting > 1
    assert services.archive_deliver_pending() == waiting   # beat, every five minutes (tasks run in-process here)
    message.refresh_from_db()
    assert message.state == ArchiveMessageState.SENT
    archive.process()
    services.archive_deliver_pending()
    message.refresh_from_db()
    assert message.state == ArchiveMessageState.ARCHIVED


def test_the_task_is_queued_after_the_approval_commits(portal, archive, fagleder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        approve_minutes(portal.past_meeting, fagleder=fagleder)
    message = ArchiveMessage.objects.get(kind=ArchiveMessageKind.PROTOKOLL)
    assert message.state == ArchiveMessageState.SENT and message.attempts == 1
    assert (archive.inbox / str(message.message_id) / "arkivmelding.xml").read_text() == message.xml


def test_without_an_archive_connection_nothing_is_queued(settings, portal, fagleder):
    settings.SAKSGANG_ARCHIVE_EXCHANGE_DIR = ""
    approve_minutes(portal.past_meeting, fagleder=fagleder)
    assert not ArchiveMessage.objects.exists()


def test_the_backoff_grows_and_is_capped():
    assert [backoff(n) for n in range(4)] == [30, 60, 120, 240]
    assert backoff(20) == 3600


def wait_for(predicate, timeout=60.0):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_retries_while_the_archive_is_down_and_delivers_once_it_is_back(
        settings, tmp_path, celery_worker, kommunestyret, saksbehandler, fagleder, kommunedirektor):
    settings.SAKSGANG_ARCHIVE_RETRY_BASE_SECONDS = 0.2
    settings.SAKSGANG_ARCHIVE_RETRY_MAX_SECONDS = 1
    portal = build_portal(organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                          kommunedirektor=kommunedirektor)   # older cases, numbered by hand
    archive = ArchiveSimulator(tmp_path / "arkiv")
    settings.SAKSGANG_ARCHIVE_EXCHANGE_DIR = str(archive.root)
    archive.down()
    approve_minutes(portal.past_meeting, fagleder=fagleder)   # commits: the outbox hands the task to Redis
    # The worker tried, failed against the missing inbox, and tries again with backoff.
    assert wait_for(lambda: ArchiveMessage.objects.filter(attempts__gte=2, kind="protokoll").exists())
    assert ArchiveMessage.objects.get(kind="protokoll").state == ArchiveMessageState.PENDING
    archive.up()

    def archived():
        archive.process()
        return not ArchiveMessage.objects.exclude(state=ArchiveMessageState.ARCHIVED).exists()

    assert wait_for(archived)
    numbers = list(ArchiveMessage.objects.values_list("journal_sequence", flat=True))
    assert sorted(numbers) == list(range(1, len(numbers) + 1))   # each filed once
    assert archive.archived_count == len(numbers)


def test_the_demo_commands_deliver_and_read_the_receipt(message, archive, tmp_path):
    from django.core.management import call_command

    call_command("deliver_archive")
    call_command("archive_simulator", "--dir", str(archive.root), "--once")
    call_command("deliver_archive")
    message.refresh_from_db()
    assert message.state == ArchiveMessageState.ARCHIVED and message.journalpost_label.startswith("2026/")
    # The protokoll and each særutskrift: one journalpost each.
    labels = [m.journalpost_label for m in ArchiveMessage.objects.all()]
    assert len(set(labels)) == len(labels) and all(labels)
    # The simulator keeps its count between runs (its state is in the exchange folder).
    assert ArchiveSimulator(archive.root).next_number == ArchiveMessage.objects.count() + 1
