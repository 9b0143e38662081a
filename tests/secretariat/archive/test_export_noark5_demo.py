"""The demo and the archive (issue 14, Done when), in one test because seeding the demo is the costly part:
- export_noark5 of the demo kommune's kommunestyret validates;
- with an archive connection (as scripts/run.sh sets it) seeding works (its history predates the connection),
  creating a case and approving a protokoll put valid arkivmeldinger in the outbox, and the simulator's receipts set
  the arkivsaksnummer and the journalpost numbers, through the commands the README gives."""

import hashlib
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from lxml import etree

from secretariat.archive import fiks
from secretariat.archive.models import ArchiveMessage, ArchiveMessageKind, ArchiveMessageState
from secretariat.archive.simulator import ArchiveSimulator
from secretariat.cases.models import Case
from secretariat.meetings.models import Meeting
from workflows.meeting import MeetingState

N = {"n": "http://www.arkivverket.no/standarder/noark5/arkivstruktur"}


@pytest.mark.slow
def test_the_demo_extract_validates_and_new_records_are_filed_in_the_archive(db, client, settings, tmp_path):
    folder = tmp_path / "arkiv"
    settings.SAKSGANG_ARCHIVE_EXCHANGE_DIR = str(folder)   # as scripts/run.sh sets it
    call_command("seed_demo")
    out = tmp_path / "kommunestyret"
    started = time.monotonic()
    call_command("export_noark5", "--organization", "kommunestyret", "--from", "2000-01-01", "--to", "2100-12-31",
                 "--out", str(out))
    elapsed = time.monotonic() - started
    root = etree.parse(str(out / "arkivstruktur.xml")).getroot()
    schema = etree.XMLSchema(etree.parse(str(Path(django_settings.BASE_DIR) / "reference" / "noark5" / "arkivstruktur.xsd")))
    assert schema.validate(root), schema.error_log
    folders = root.findall(".//n:mappe", N)
    assert len(folders) >= 5
    objects = root.findall(".//n:dokumentobjekt", N)
    assert objects
    for obj in objects:
        content = (out / obj.find("n:referanseDokumentfil", N).text).read_bytes()
        assert obj.find("n:sjekksum", N).text == hashlib.sha256(content).hexdigest()
    assert root.findall(".//n:skjerming", N), "the demo has exempt and closed items; they must be marked"
    print(f"export_noark5 kommunestyret: {len(folders)} møter, {len(objects)} filer, {elapsed:.1f} s")

    # --- the archive ---
    assert not ArchiveMessage.objects.exists()
    User = Case._meta.get_field("case_officer").related_model

    client.force_login(User.objects.get(username="saksbehandler"))
    r = client.post(reverse("cases:create"), {"title": "Ny flytebrygge i Fjordvik havn",
                                              "organization": Case.objects.first().consultations.first()
                                              .organization.pk, "summary": "Kommunen bygger en flytebrygge."})
    assert r.status_code == 302, r.content.decode()[:1000]
    case = Case.objects.get(title="Ny flytebrygge i Fjordvik havn")

    # A meeting the demo has held: the fagleder drafts and approves its protokoll.
    meeting = Meeting.objects.filter(state=MeetingState.GJENNOMFORT).order_by("-start").first()
    client.force_login(User.objects.get(username="fagleder"))
    for data in ({"transition": "draft_minutes"},
                 {"transition": "approve_minutes", "approval_label": "Godkjent i neste møte"}):
        r = client.post(reverse("meetings:action", args=[meeting.pk, "transition"]), data, follow=True)
        errors = [str(m) for m in r.context["messages"] if m.level_tag == "error"]
        assert not errors, errors
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PROTOKOLL_GODKJENT
    minutes = ArchiveMessage.objects.get(kind=ArchiveMessageKind.PROTOKOLL, meeting=meeting)
    for message in ArchiveMessage.objects.all():
        assert fiks.validation_errors(message.xml.encode()) == [], message.idempotency_key

    # The archive beside the server (README: archive_simulator, then deliver_archive).
    call_command("deliver_archive")   # the archive is not there yet: the messages wait (exchange folder missing)
    assert ArchiveMessage.objects.filter(state=ArchiveMessageState.PENDING).count() == ArchiveMessage.objects.count()
    ArchiveSimulator(folder)
    for _ in range(2):
        call_command("deliver_archive")
        call_command("archive_simulator", "--dir", str(folder), "--once")
    call_command("deliver_archive")
    assert set(ArchiveMessage.objects.values_list("state", flat=True)) == {ArchiveMessageState.ARCHIVED}
    case.refresh_from_db()
    minutes.refresh_from_db()
    assert case.arkivsaksnummer == "26/5001"
    assert minutes.journalpost_label.startswith("2026/")
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert minutes.journalpost_label in page
