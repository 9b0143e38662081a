"""export_noark5: one body's meetings as a Noark 5 extract (arkivstruktur.xml + the files), issue 14 part 3.

The world is the public-portal scenario (a past meeting with a public and a closed item, minutes approved; an
upcoming meeting with a public and an exempt case), plus a leader so the participants have a function.
The XML is checked against the Noark 5 XSD read here with lxml, independently of the exporter's own check,
and the files are read back from disk.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from lxml import etree

from document_templates.models import GeneratedDocument
from secretariat.organizations.models import MembershipRole
from tests.factories import MembershipFactory, PersonFactory, TermFactory
from tests.secretariat.innsyn.scenario import MARKER, SECRETS, approve_minutes, build_portal

N = {"n": "http://www.arkivverket.no/standarder/noark5/arkivstruktur"}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
XSD = Path(settings.BASE_DIR) / "reference" / "noark5" / "arkivstruktur.xsd"


@pytest.fixture
def world(kommunestyret, body, saksbehandler, fagleder, kommunedirektor):
    leader = PersonFactory(given_name="Liv", family_name="Ledersen")
    MembershipFactory(person=leader, organization=kommunestyret, term=TermFactory(body=body),
                      role=MembershipRole.LEADER)
    portal = build_portal(organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                          kommunedirektor=kommunedirektor)
    approve_minutes(portal.past_meeting, fagleder=fagleder)
    return portal


def export(tmp_path, *, start="2000-01-01", end="2100-12-31", slug="kommunestyret") -> tuple[Path, etree._Element]:
    out = tmp_path / "uttrekk"
    call_command("export_noark5", "--organization", slug, "--from", start, "--to", end, "--out", str(out))
    return out, etree.parse(str(out / "arkivstruktur.xml")).getroot()


def text(node, path: str) -> str | None:
    found = node.find(path, N)
    return found.text if found is not None else None


def registration(root, registrering_id: str):
    for reg in root.iterfind(".//n:registrering", N):
        if text(reg, "n:registreringsID") == registrering_id:
            return reg
    raise AssertionError(f"no registrering {registrering_id}")


def docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return z.read("word/document.xml").decode()


def test_the_extract_validates_against_the_noark5_schema(world, tmp_path):
    _out, root = export(tmp_path)
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(root), schema.error_log
    assert root.tag == f"{{{N['n']}}}arkiv"


def test_every_checksum_and_size_matches_its_file_and_every_file_is_described(world, tmp_path):
    out, root = export(tmp_path)
    described = set()
    for obj in root.iterfind(".//n:dokumentobjekt", N):
        path = out / text(obj, "n:referanseDokumentfil")
        content = path.read_bytes()
        assert text(obj, "n:sjekksumAlgoritme") == "SHA256"
        assert text(obj, "n:sjekksum") == hashlib.sha256(content).hexdigest()
        assert int(text(obj, "n:filstoerrelse")) == len(content)
        assert text(obj, "n:format") == "fmt/412"
        described.add(path)
    on_disk = {p for p in (out / "dokumenter").iterdir()}
    assert on_disk == described and len(on_disk) == 7  # 2 notices, 4 case papers, 1 protokoll


def test_one_meeting_folder_per_meeting_with_number_body_date_place_and_neighbours(world, tmp_path):
    _out, root = export(tmp_path)
    folders = root.findall(".//n:mappe", N)
    assert [f.get(XSI_TYPE) for f in folders] == ["moetemappe", "moetemappe"]
    past, upcoming = folders
    year = world.past_meeting.start.year
    assert text(past, "n:systemID") == str(world.past_meeting.uid)
    assert text(past, "n:moetenummer") == f"1/{year}"
    assert text(past, "n:utvalg") == "Kommunestyret"
    assert text(past, "n:moetedato") == world.past_meeting.start.date().isoformat()
    assert text(past, "n:moetested") == "Kommunestyresalen"
    assert past.find("n:referanseForrigeMoete", N) is None
    assert text(past, "n:referanseNesteMoete") == text(upcoming, "n:systemID")
    assert text(upcoming, "n:referanseForrigeMoete") == text(past, "n:systemID")
    assert upcoming.find("n:referanseNesteMoete", N) is None


def test_participants_carry_their_function(world, tmp_path):
    _out, root = export(tmp_path)
    past, upcoming = root.findall(".//n:mappe", N)
    held = {text(p, "n:moetedeltakerNavn"): text(p, "n:moetedeltakerFunksjon")
            for p in past.findall("n:moetedeltaker", N)}
    assert held["Liv Ledersen"] == "Leder, møteleder"   # registered present, and chairs the meeting
    assert len(held) == world.past_meeting.attendances.count()
    called = {text(p, "n:moetedeltakerNavn"): text(p, "n:moetedeltakerFunksjon")
              for p in upcoming.findall("n:moetedeltaker", N)}
    assert called == {"Liv Ledersen": "Leder, møteleder"}  # not held yet: who is called


def test_registrations_for_notice_case_papers_and_approved_minutes(world, tmp_path):
    _out, root = export(tmp_path)
    past, upcoming = root.findall(".//n:mappe", N)

    def kinds(folder):
        return [(r.get(XSI_TYPE), text(r, "n:moeteregistreringstype"), text(r, "n:moetesakstype"),
                 text(r, "n:moeteregistreringsstatus")) for r in folder.findall("n:registrering", N)]

    assert kinds(past) == [
        ("moeteregistrering", "Møteinnkalling", None, "Sendt"),
        ("moeteregistrering", "Saksframlegg", "Politisk sak", "Vedtatt"),
        ("moeteregistrering", "Saksframlegg", "Politisk sak", "Vedtatt"),
        ("moeteregistrering", "Møteprotokoll", None, "Godkjent"),
    ]
    # The upcoming meeting's minutes are not approved: no protokoll goes to the archive.
    assert [k[1] for k in kinds(upcoming)] == ["Møteinnkalling", "Saksframlegg", "Saksframlegg"]
    public = registration(root, world.public_item.label)
    assert text(public, "n:tittel") == "Ny barnehage på Nordneset"
    assert text(public, "n:beskrivelse") == f"Arkivsak {world.public.arkivsaksnummer}"


def test_an_exempt_case_is_marked_with_its_hjemmel_and_keeps_its_real_title_and_content(world, tmp_path):
    out, root = export(tmp_path)
    item = world.exempt.current_consultation.agenda_items.get()
    reg = registration(root, item.label)
    assert text(reg, "n:tittel") == SECRETS["exempt_title"]
    assert text(reg, "n:offentligTittel") == "Personalsak"
    for skjerming in (reg.find("n:skjerming", N), reg.find("n:dokumentbeskrivelse/n:skjerming", N)):
        assert text(skjerming, "n:tilgangsrestriksjon") == "13"
        assert text(skjerming, "n:skjermingshjemmel").startswith("Offl. § 13 jf. fvl. § 13")
        assert text(skjerming, "n:skjermingMetadata") == "tittel"
        assert text(skjerming, "n:skjermingDokument") == "Hele dokumentet"
    # The archive holds everything: the internal paper, with the exempt content, not the public version.
    content = (out / text(reg, ".//n:referanseDokumentfil")).read_bytes()
    assert SECRETS["exempt_summary"] in docx_text(content)
    stored = GeneratedDocument.objects.get(checksum=hashlib.sha256(content).hexdigest())
    assert stored.public is False and stored.kind == "saksframlegg"


def test_a_closed_item_is_marked_with_the_kommuneloven_ground(world, tmp_path):
    out, root = export(tmp_path)
    reg = registration(root, world.closed_item.label)
    skjerming = reg.find("n:skjerming", N)
    assert text(skjerming, "n:tilgangsrestriksjon") == "UO"
    assert text(skjerming, "n:skjermingshjemmel") == (
        "Koml. § 11-5 tredje ledd bokstav b (tungtveiende offentlige interesser)")
    assert text(reg, "n:offentligTittel") == "Salg av tomt på Sjøkanten"   # a closed item's title is public
    # The notice and the minutes of that meeting are screened in part; the public case paper not at all.
    past = root.findall(".//n:mappe", N)[0]
    for kind in ("Møteinnkalling", "Møteprotokoll"):
        reg = next(r for r in past.findall("n:registrering", N) if text(r, "n:moeteregistreringstype") == kind)
        assert text(reg, "n:skjerming/n:skjermingDokument") == "Deler av dokumentet"
        assert "Koml. § 11-5 tredje ledd bokstav b" in text(reg, "n:skjerming/n:skjermingshjemmel")
    protokoll = (out / text(reg, ".//n:referanseDokumentfil")).read_bytes()
    assert SECRETS["closed_decision"] in docx_text(protokoll)   # internal minutes, closed content included
    assert registration(root, world.public_item.label).find("n:skjerming", N) is None
    assert MARKER in (out / "arkivstruktur.xml").read_text()  # the real titles are there, marked


def test_the_period_selects_the_meetings(world, tmp_path):
    day = world.past_meeting.start.date().isoformat()
    _out, root = export(tmp_path, start=day, end=day)
    assert [text(f, "n:systemID") for f in root.findall(".//n:mappe", N)] == [str(world.past_meeting.uid)]


def test_exporting_twice_gives_the_same_ids_and_files(world, tmp_path):
    out1, root1 = export(tmp_path / "a")
    out2, root2 = export(tmp_path / "b")
    ids = [e.text for e in root1.iterfind(".//n:mappe//n:systemID", N)]
    assert ids == [e.text for e in root2.iterfind(".//n:mappe//n:systemID", N)] and len(set(ids)) == len(ids)
    assert {p.name: p.read_bytes() for p in (out1 / "dokumenter").iterdir()} == {
        p.name: p.read_bytes() for p in (out2 / "dokumenter").iterdir()}


@pytest.mark.parametrize(("args", "message"), [
    (["--organization", "finnes-ikke", "--from", "2026-01-01", "--to", "2026-12-31"], "Fant ikke organet «finnes-ikke»"),
    (["--organization", "kommunestyret", "--from", "31.01.2026", "--to", "2026-12-31"], "Ugyldig dato for --from"),
    (["--organization", "kommunestyret", "--from", "2026-01-01", "--to", "2026-02-30"], "Ugyldig dato for --to"),
    (["--organization", "kommunestyret", "--from", "2026-12-31", "--to", "2026-01-01"], "er etter til-datoen"),
])
def test_bad_input_is_refused_with_a_norwegian_message_and_writes_nothing(kommunestyret, tmp_path, args, message):
    out = tmp_path / "uttrekk"
    with pytest.raises(CommandError, match=message):
        call_command("export_noark5", *args, "--out", str(out))
    assert not out.exists()


def test_a_folder_that_is_not_empty_is_refused(kommunestyret, tmp_path):
    out = tmp_path / "uttrekk"
    out.mkdir()
    (out / "gammelt.txt").write_text("fra før")
    with pytest.raises(CommandError, match="finnes og er ikke tom"):
        call_command("export_noark5", "--organization", "kommunestyret", "--from", "2026-01-01",
                     "--to", "2026-12-31", "--out", str(out))
    assert [p.name for p in out.iterdir()] == ["gammelt.txt"]


def test_the_command_exits_non_zero_on_bad_input(kommunestyret, tmp_path, capsys):
    from django.core.management import ManagementUtility

    argv = ["manage.py", "export_noark5", "--organization", "finnes-ikke", "--from", "2026-01-01",
            "--to", "2026-12-31", "--out", str(tmp_path / "u")]
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(argv).execute()
    assert exit_info.value.code == 1
    assert "Fant ikke organet «finnes-ikke»" in capsys.readouterr().err


def test_an_exempt_item_without_a_case_screens_the_notice_and_the_minutes(world, kommunestyret, fagleder, tmp_path):
    """A reported delegated decision (RS, no case) that is exempt carries its own hjemmel: the meeting's notice and
    minutes, which hold it, are screened in part by that hjemmel even when no item is closed or case exempt."""
    import datetime as dt

    from django.utils import timezone

    from secretariat.archive.noark5 import exemption_hjemmel, meeting_document_skjerming
    from secretariat.delegations.services import delegated_decision_register, delegated_decisions_report
    from secretariat.meetings.models import AgendaItem

    meeting = world.upcoming_meeting
    today = timezone.localdate()
    delegated_decision_register(actor=fagleder, data={
        "decided_on": today - dt.timedelta(days=3), "decided_by": "Kommunedirektøren",
        "authority": "Delegeringsreglementet pkt. 3.1", "title": "Forhandlinger med grunneier om tomtekjøp",
        "arkivsaksnummer": "26/4712", "exempt": True, "exempt_basis": "offl23_1",
        "public_title": "Forhandlinger om tomtekjøp", "report_to": kommunestyret})
    delegated_decisions_report(actor=fagleder, meeting=meeting, period_start=today - dt.timedelta(days=30),
                               period_end=today)
    items = list(AgendaItem.objects.filter(meeting=meeting).select_related("consultation__case"))
    reported = next(i for i in items if i.consultation_id is None and i.exempt_basis)
    marking = meeting_document_skjerming(items)
    assert marking is not None
    assert marking.skjerming_dokument == "Deler av dokumentet"
    parts = marking.skjermingshjemmel.split("; ")
    assert exemption_hjemmel(reported.exempt_basis) in parts
    assert "Offl. § 23 første ledd" in parts
    assert not reported.closed  # offl. § 23 does not require a closed meeting (koml. § 11-5 (2)): no closed marking
    assert marking.skjerming_metadata == ("tittel",)
