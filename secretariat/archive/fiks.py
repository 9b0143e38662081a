"""KS Fiks Arkiv V1 messages: the `arkivmelding` a fagsystem sends to the kommune's archive, and its receipt.

Every message is `no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett`:
- `case_folder_arkivmelding`: a saksmappe for a new case (tittel, offentligTittel, skjerming, saksansvarlig,
  administrativ enhet, our external key "sak:<id>"); the receipt carries the archive's saksnummer.
- `document_arkivmelding`: one journalpost with its file as dokumentobjekt (SHA256, size), skjerming from the same
  marking as the Noark 5 extract, the saksbehandler and unit as internal sender, in the case's saksmappe (by the
  archive's systemID once known, else our key) or in the meeting's møtemappe, which the message then carries too
  (found again by its key, the meeting's UID): `notice_arkivmelding`, `minutes_arkivmelding`.
The schemas are in `reference/fiks-arkiv-v1/` (ks-no/fiks-arkiv-specification).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from lxml import etree

from secretariat.meetings.models import Meeting

from .noark5 import meeting_document_skjerming, meeting_number

MESSAGE_TYPE = "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett"
RECEIPT_TYPE = "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.kvittering"
REJECTED_TYPE = "no.ks.fiks.arkiv.v1.feilmelding.ugyldigforespoersel"
NS = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1"
MDK = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1"  # children of its types
RECEIPT_NS = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/kvittering/v1"
REJECTED_NS = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/feil/ugyldigforespoersel/v1"
ERROR_NS = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/feil/feilmelding/v1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_DIR = Path(settings.BASE_DIR) / "reference" / "fiks-arkiv-v1"
SYSTEM = "Saksgang"


def _schema_file(message_type: str) -> Path:
    return SCHEMA_DIR / f"{message_type}.xsd"


_SCHEMAS: dict[str, etree.XMLSchema] = {}


def schema(message_type: str) -> etree.XMLSchema:
    if message_type not in _SCHEMAS:
        _SCHEMAS[message_type] = etree.XMLSchema(etree.parse(str(_schema_file(message_type))))
    return _SCHEMAS[message_type]


def validation_errors(xml: bytes, message_type: str = MESSAGE_TYPE) -> list[str]:
    s = schema(message_type)
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError as exc:
        return [f"ikke gyldig XML: {exc}"]
    if s.validate(root):
        return []
    return [f"linje {e.line}: {e.message}" for e in s.error_log]


def _iso(value: dt.datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _el(parent, name: str, text=None, ns: str = NS, **attrs):
    node = etree.SubElement(parent, f"{{{ns}}}{name}", **attrs)
    if text is not None:
        node.text = str(text)
    return node


def _kode(parent, name: str, code: str, description: str = "") -> None:
    node = _el(parent, name)
    _el(node, "kode", code, ns=MDK)
    if description:
        _el(node, "beskrivelse", description, ns=MDK)


def _external_key(parent, name: str, key: str) -> None:
    node = _el(parent, name)
    _el(node, "fagsystem", SYSTEM, ns=MDK)
    _el(node, "noekkel", key, ns=MDK)


def file_name(doc) -> str:
    """The file's name in the message (ASCII: the archive may not like æøå, see `referanseDokumentfil`)."""
    return f"{doc.checksum[:16]}.docx"


@dataclass(frozen=True)
class Person:
    """Who the secretariat's document is from: saksbehandler and administrative unit (korrespondansepart IA)."""

    name: str
    username: str = ""
    unit: str = ""


@dataclass(frozen=True)
class ParentRef:
    """Where a registrering goes: the archive's mappe systemID once its receipt has come, else our external key
    (the outbox delivers that mappe first), or an older case's hand-typed saksnummer."""

    system_id: str = ""
    external_key: str = ""
    saksaar: int | None = None
    sakssekvensnummer: int | None = None


@dataclass(frozen=True)
class Document:
    """One registrering with its file."""

    key: str                 # our external key for the registrering, e.g. "saksframlegg:12:345"
    title: str
    public_title: str        # offentligTittel: the one public title rule (secretariat.access)
    dokumenttype: tuple[str, str]
    journalposttype: tuple[str, str]
    marking: object | None   # noark5.Skjerming or None
    author: Person


def person(user, unit: str = "") -> Person:
    if user is None:
        return Person(name=SYSTEM, unit=unit)
    return Person(name=user.get_full_name() or user.get_username(), username=user.get_username(), unit=unit)


def _skjerming(parent, marking) -> None:
    if marking is None:
        return
    sk = _el(parent, "skjerming")
    _kode(sk, "tilgangsrestriksjon", marking.tilgangsrestriksjon)
    _el(sk, "skjermingshjemmel", marking.skjermingshjemmel)


def _ids(parent, name: str, navn: str, identifikator: str = "") -> None:
    node = _el(parent, name)
    _el(node, "navn", navn, ns=MDK)
    if identifikator:
        _el(node, "identifikator", identifikator, ns=MDK)


def _root(files: int):
    root = etree.Element(f"{{{NS}}}arkivmelding", nsmap={None: NS, "n5mdk": MDK, "xsi": XSI})
    _el(root, "system", SYSTEM)
    _el(root, "antallFiler", files)
    return root


def _done(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def case_folder_key(case) -> str:
    return f"sak:{case.pk}"


def meeting_folder_key(meeting: Meeting) -> str:
    return f"moete:{meeting.uid}"


def case_folder_arkivmelding(case, *, title: str, public_title: str, marking, officer: Person) -> bytes:
    """A saksmappe for a new case (no files): the archive answers with its saksnummer."""
    root = _root(0)
    mappe = _el(root, "mappe", **{f"{{{XSI}}}type": "saksmappe"})
    _el(mappe, "tittel", title)
    _el(mappe, "offentligTittel", public_title)
    _el(mappe, "opprettetDato", _iso(case.created_at))
    _el(mappe, "opprettetAv", officer.name)
    _skjerming(mappe, marking)
    _external_key(mappe, "referanseEksternNoekkel", case_folder_key(case))
    _el(mappe, "saksdato", timezone.localdate(case.created_at).isoformat())
    if officer.unit:
        _ids(mappe, "administrativEnhet", officer.unit)
    _ids(mappe, "saksansvarlig", officer.name, officer.username)
    _kode(mappe, "saksstatus", "B", "Under behandling")
    return _done(root)


def _meeting_folder(root, meeting: Meeting) -> None:
    organization = meeting.organization
    when = timezone.localtime(meeting.start)
    title = meeting_title(meeting)
    mappe = _el(root, "mappe", **{f"{{{XSI}}}type": "moetemappe"})
    _el(mappe, "tittel", title)
    _el(mappe, "offentligTittel", title)
    _external_key(mappe, "referanseEksternNoekkel", meeting_folder_key(meeting))
    _el(mappe, "moetenummer", meeting_number(meeting))
    utvalg = _el(mappe, "utvalg")
    _el(utvalg, "navn", organization.name, ns=MDK)
    _el(utvalg, "identifikator", organization.slug, ns=MDK)
    _el(mappe, "moetedato", when.date().isoformat())
    if meeting.location:
        _el(mappe, "moetested", meeting.location)


def meeting_title(meeting: Meeting) -> str:
    return f"Møte i {meeting.organization.name} {timezone.localtime(meeting.start):%d.%m.%Y}"


def document_arkivmelding(document: Document, doc, parent: ParentRef, *, meeting: Meeting | None = None) -> bytes:
    """A journalpost with one file (`doc`, a stored GeneratedDocument) in a saksmappe or a møtemappe. With
    `meeting`, the message also carries the møtemappe itself (created, or found again by its key)."""
    root = _root(1)
    if meeting is not None:
        _meeting_folder(root, meeting)
    reg = _el(root, "registrering", **{f"{{{XSI}}}type": "journalpost"})
    _el(reg, "systemID", str(uuid.uuid5(uuid.NAMESPACE_URL, f"saksgang:{document.key}")))
    _el(reg, "opprettetDato", _iso(doc.created_at))
    _el(reg, "opprettetAv", document.author.name)
    ref = _el(reg, "referanseForelderMappe")
    if parent.system_id:
        _el(ref, "systemID", parent.system_id, ns=MDK)
    elif parent.external_key:
        key = _el(ref, "referanseEksternNoekkel", ns=MDK)
        _el(key, "fagsystem", SYSTEM, ns=MDK)
        _el(key, "noekkel", parent.external_key, ns=MDK)
    else:
        number = _el(ref, "saksnummer", ns=MDK)
        _el(number, "saksaar", parent.saksaar, ns=MDK)
        _el(number, "sakssekvensnummer", parent.sakssekvensnummer, ns=MDK)
    _skjerming(reg, document.marking)
    desc = _el(reg, "dokumentbeskrivelse")
    _kode(desc, "dokumenttype", *document.dokumenttype)
    _kode(desc, "dokumentstatus", "F", "Ferdigstilt")
    _el(desc, "tittel", document.title)
    _kode(desc, "tilknyttetRegistreringSom", "H", "Hoveddokument")
    _el(desc, "dokumentnummer", 1)
    _skjerming(desc, document.marking)
    obj = _el(desc, "dokumentobjekt")
    _el(obj, "versjonsnummer", 1)
    _kode(obj, "variantformat", "P", "Produksjonsformat")
    _kode(obj, "format", "DOCX", "Office Open XML (.docx)")
    _el(obj, "mimeType", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    _el(obj, "filnavn", doc.filename)
    _el(obj, "referanseDokumentfil", file_name(doc))
    _el(obj, "sjekksum", doc.checksum)
    _el(obj, "sjekksumAlgoritme", "SHA256")
    _el(obj, "filstoerrelse", doc.size)
    _el(reg, "tittel", document.title)
    _el(reg, "offentligTittel", document.public_title)
    part = _el(reg, "korrespondansepart")
    _kode(part, "korrespondanseparttype", "IA", "Intern avsender")
    _el(part, "korrespondansepartNavn", document.author.name)
    if document.author.unit:
        _ids(part, "administrativEnhet", document.author.unit)
    _ids(part, "saksbehandler", document.author.name, document.author.username)
    _external_key(reg, "referanseEksternNoekkel", document.key)
    _kode(reg, "journalposttype", *document.journalposttype)
    _kode(reg, "journalstatus", "F", "Ferdigstilt fra saksbehandler")
    _el(reg, "dokumentetsDato", timezone.localdate(doc.created_at).isoformat())
    return _done(root)


INTERNAL = ("X", "Organinternt dokument uten oppfølging")
SECRETARIAT = "Politisk sekretariat"


def minutes_arkivmelding(meeting: Meeting, doc, *, actor=None) -> bytes:
    """The arkivmelding for an approved protokoll; `doc` is its stored internal GeneratedDocument."""
    items = list(meeting.agenda_items.select_related("consultation__case").order_by("position"))
    title = f"Møteprotokoll {meeting_title(meeting)}"
    document = Document(key=f"protokoll:{meeting.uid}", title=title, public_title=title,
                        dokumenttype=("PROT", "Møteprotokoll"), journalposttype=INTERNAL,
                        marking=meeting_document_skjerming(items), author=person(actor, SECRETARIAT))
    return document_arkivmelding(document, doc, ParentRef(external_key=meeting_folder_key(meeting)), meeting=meeting)


def notice_arkivmelding(meeting: Meeting, doc, *, actor=None) -> bytes:
    """The innkalling with its sakskart, when the notice is sent (koml. § 11-3)."""
    items = list(meeting.agenda_items.select_related("consultation__case").order_by("position"))
    title = f"Møteinnkalling med sakskart {meeting_title(meeting)}"
    document = Document(key=f"innkalling:{meeting.uid}", title=title, public_title=title,
                        dokumenttype=("INNK", "Møteinnkalling"), journalposttype=INTERNAL,
                        marking=meeting_document_skjerming(items), author=person(actor, SECRETARIAT))
    return document_arkivmelding(document, doc, ParentRef(external_key=meeting_folder_key(meeting)), meeting=meeting)


def supplementary_notice_arkivmelding(meeting: Meeting, doc, *, items, key: str, actor=None) -> bytes:
    """A tilleggsinnkalling with the sakskart of its own items (koml. § 11-3), its own journalpost in the
    møtemappe; screened by those items only."""
    title = f"Tilleggsinnkalling med sakskart {meeting_title(meeting)} ({', '.join(i.label for i in items)})"
    document = Document(key=key, title=title, public_title=title, dokumenttype=("INNK", "Møteinnkalling"),
                        journalposttype=INTERNAL, marking=meeting_document_skjerming(items),
                        author=person(actor, SECRETARIAT))
    return document_arkivmelding(document, doc, ParentRef(external_key=meeting_folder_key(meeting)), meeting=meeting)


# --- receipts -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Receipt:
    ok: bool
    mappe_system_id: str = ""
    journalaar: int | None = None
    journalsekvensnummer: int | None = None
    journalpostnummer: int | None = None
    saksaar: int | None = None
    sakssekvensnummer: int | None = None
    error: str = ""

    @property
    def journalpost_label(self) -> str:
        """"2026/000123" style, as archives print it; "" when none."""
        if self.journalaar is None or self.journalsekvensnummer is None:
            return ""
        return f"{self.journalaar}/{self.journalsekvensnummer:06d}"


def parse_receipt(message_type: str, xml: bytes) -> Receipt:
    """Read a kvittering (or an ugyldigforespoersel) after checking it against its schema."""
    errors = validation_errors(xml, message_type)
    if errors:
        return Receipt(ok=False, error="Kvitteringen fra arkivet er ikke gyldig: " + "; ".join(errors[:3]))
    root = etree.fromstring(xml)
    if message_type == REJECTED_TYPE:
        message = root.findtext(f"{{{ERROR_NS}}}feilmelding") or "ukjent feil"
        return Receipt(ok=False, error=f"Arkivet avviste meldingen: {message}")
    n = {"k": RECEIPT_NS}

    def number(path: str) -> int | None:
        value = root.findtext(path, namespaces=n)
        return int(value) if value else None

    return Receipt(
        ok=True,
        mappe_system_id=root.findtext("k:mappeKvittering/k:systemID", namespaces=n) or "",
        journalaar=number("k:registreringKvittering/k:journalaar"),
        journalsekvensnummer=number("k:registreringKvittering/k:journalsekvensnummer"),
        journalpostnummer=number("k:registreringKvittering/k:journalpostnummer"),
        saksaar=number("k:mappeKvittering/k:saksaar"),
        sakssekvensnummer=number("k:mappeKvittering/k:sakssekvensnummer"),
    )
