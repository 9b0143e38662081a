"""KS Fiks Arkiv V1 messages: the `arkivmelding` a fagsystem sends to the kommune's archive, and its receipt.

`minutes_arkivmelding(meeting, doc)` builds `no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett` for an approved
protokoll: a møtemappe (found again by its external key, the meeting's UID) with one journalpost carrying the
internal protokoll as its dokumentobjekt (SHA256, size) and, when any item is exempt or closed, `skjerming` from
the same marking as the Noark 5 extract. The schemas are in `reference/fiks-arkiv-v1/` (ks-no/fiks-arkiv-specification).
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


def minutes_arkivmelding(meeting: Meeting, doc) -> bytes:
    """The arkivmelding for an approved protokoll; `doc` is its stored internal GeneratedDocument."""
    organization = meeting.organization
    items = list(meeting.agenda_items.select_related("consultation__case").order_by("position"))
    marking = meeting_document_skjerming(items)
    when = timezone.localtime(meeting.start)
    title = f"Møte i {organization.name} {when:%d.%m.%Y}"
    root = etree.Element(f"{{{NS}}}arkivmelding", nsmap={None: NS, "n5mdk": MDK, "xsi": XSI})
    _el(root, "system", SYSTEM)
    _el(root, "antallFiler", 1)
    mappe = _el(root, "mappe", **{f"{{{XSI}}}type": "moetemappe"})
    _el(mappe, "tittel", title)
    _el(mappe, "offentligTittel", title)
    _external_key(mappe, "referanseEksternNoekkel", f"moete:{meeting.uid}")
    _el(mappe, "moetenummer", meeting_number(meeting))
    utvalg = _el(mappe, "utvalg")
    _el(utvalg, "navn", organization.name, ns=MDK)
    _el(utvalg, "identifikator", organization.slug, ns=MDK)
    _el(mappe, "moetedato", when.date().isoformat())
    if meeting.location:
        _el(mappe, "moetested", meeting.location)

    reg = _el(root, "registrering", **{f"{{{XSI}}}type": "journalpost"})
    _el(reg, "systemID", str(uuid.uuid5(meeting.uid, "protokoll")))
    _el(reg, "opprettetDato", _iso(doc.created_at))
    _el(reg, "opprettetAv", SYSTEM)
    ref = _el(reg, "referanseForelderMappe")
    key = _el(ref, "referanseEksternNoekkel", ns=MDK)
    _el(key, "fagsystem", SYSTEM, ns=MDK)
    _el(key, "noekkel", f"moete:{meeting.uid}", ns=MDK)
    if marking is not None:
        sk = _el(reg, "skjerming")
        _kode(sk, "tilgangsrestriksjon", marking.tilgangsrestriksjon)
        _el(sk, "skjermingshjemmel", marking.skjermingshjemmel)
    desc = _el(reg, "dokumentbeskrivelse")
    _kode(desc, "dokumenttype", "PROT", "Møteprotokoll")
    _kode(desc, "dokumentstatus", "F", "Ferdigstilt")
    _el(desc, "tittel", f"Møteprotokoll {title}")
    _kode(desc, "tilknyttetRegistreringSom", "H", "Hoveddokument")
    _el(desc, "dokumentnummer", 1)
    if marking is not None:
        sk = _el(desc, "skjerming")
        _kode(sk, "tilgangsrestriksjon", marking.tilgangsrestriksjon)
        _el(sk, "skjermingshjemmel", marking.skjermingshjemmel)
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
    _el(reg, "tittel", f"Møteprotokoll {title}")
    _el(reg, "offentligTittel", f"Møteprotokoll {title}")
    _external_key(reg, "referanseEksternNoekkel", f"protokoll:{meeting.uid}")
    _kode(reg, "journalposttype", "X", "Organinternt dokument uten oppfølging")
    _kode(reg, "journalstatus", "F", "Ferdigstilt fra saksbehandler")
    _el(reg, "dokumentetsDato", timezone.localdate(doc.created_at).isoformat())
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


# --- receipts -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Receipt:
    ok: bool
    mappe_system_id: str = ""
    journalaar: int | None = None
    journalsekvensnummer: int | None = None
    journalpostnummer: int | None = None
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
    )
