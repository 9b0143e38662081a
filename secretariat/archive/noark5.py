"""The Noark 5 extract (arkivuttrekk) of one body's meetings in a period: `arkivstruktur.xml` plus the files.

Structure (Noark 5 `arkivstruktur.xsd`, copied in `reference/noark5/`):

    arkiv > arkivskaper, arkivdel > mappe xsi:type="moetemappe"            one per meeting in the period
          > registrering xsi:type="moeteregistrering"                      innkalling, each saksframlegg, protokoll
          > dokumentbeskrivelse > dokumentobjekt                           the .docx with SHA256 and size

The archive holds everything: the extract carries the internal (complete) documents, never the public versions,
and marks what is not public with `skjerming` (tilgangsrestriksjon, skjermingshjemmel). Which content is exempt or
closed is asked of `secretariat.access`; the markings themselves (the archive's codes) live only here, in
`case_paper_skjerming` and `meeting_document_skjerming`.

Identifiers are stable: a meeting's systemID is its calendar UID, everything below it is a UUID5 derived from
that, so exporting the same period twice gives the same ids (and the same files, the documents being the stored
`GeneratedDocument`s of `document_templates.registry`).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from lxml import etree

from document_templates import registry
from secretariat import access
from secretariat.cases.exemptions import ExemptionBasis
from secretariat.meetings import selectors as meeting_selectors
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.organizations.models import Body, Organization

NS = "http://www.arkivverket.no/standarder/noark5/arkivstruktur"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_DIR = Path(settings.BASE_DIR) / "reference" / "noark5"
SCHEMA_FILE = SCHEMA_DIR / "arkivstruktur.xsd"
FILES_DIR = "dokumenter"
SYSTEM = "Saksgang"
SECRETARIAT = "Politisk sekretariat"
# PRONOM id of Office Open XML word processing (.docx): the format the generated documents are stored in.
DOCX_FORMAT = "fmt/412"
DOCX_FORMAT_DETAILS = "Office Open XML (.docx)"


class ExportError(Exception):
    """The extract cannot be made; ``message`` is Norwegian and safe to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Skjerming:
    tilgangsrestriksjon: str
    skjermingshjemmel: str
    skjerming_metadata: tuple[str, ...]
    skjerming_dokument: str


@dataclass
class Extract:
    xml: bytes
    files: dict[str, bytes] = field(default_factory=dict)   # relative path -> content
    meetings: int = 0
    registrations: int = 0


# --- the archive's markings (one home) ---------------------------------------------------------------------------


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def exemption_code(basis: str) -> str:
    """tilgangsrestriksjon for an exempt case: the offentleglova section, as archives code it ("13", "25" …)."""
    match = re.match(r"offl(\d+)", basis or "")
    return match.group(1) if match else "UO"


def exemption_hjemmel(basis: str) -> str:
    return _capitalised(dict(ExemptionBasis.choices).get(basis, basis) or "Offentleglova")


# koml. § 11-5: a closed item's content is not public, though no offentleglova section exempts the paper. The
# archive marks it "UO" (unntatt offentlighet) with the kommuneloven ground as its hjemmel.
CLOSED_CODE = "UO"


def _closed_label(item: AgendaItem) -> str:
    return _capitalised(item.get_closed_basis_display() or "koml. § 11-5")


def case_paper_skjerming(case, items: list[AgendaItem]) -> Skjerming | None:
    """The skjerming of a case paper in a meeting's extract: an exempt case (offl.) and/or a closed item
    (koml. § 11-5). None when the paper is public."""
    parts: list[str] = []
    code = ""
    if access.is_exempt(case):
        code = exemption_code(case.exempt_basis)
        parts.append(exemption_hjemmel(case.exempt_basis))
    for item in items:
        if access.is_closed(item):
            code = code or CLOSED_CODE
            label = _closed_label(item)
            if label not in parts:
                parts.append(label)
    if not parts:
        return None
    # An exempt case's title is screened (the public title is offentligTittel); a closed item's title is public.
    metadata = ("tittel",) if access.is_exempt(case) else ("ingen",)
    return Skjerming(code, "; ".join(parts), metadata, "Hele dokumentet")


def meeting_document_skjerming(items: list[AgendaItem]) -> Skjerming | None:
    """The innkalling and protokoll hold every item: screened in part when any item is exempt or closed."""
    codes: list[str] = []
    parts: list[str] = []
    any_exempt = False
    for item in items:
        case = item.consultation.case if item.consultation_id else None
        marking = case_paper_skjerming(case, [item]) if case is not None else None
        if marking is None and case is None and access.item_is_exempt(item):
            # An item with no case that carries its own exemption (a reported delegated decision, RS): screened by
            # its own hjemmel, and its title with it, as an exempt case's.
            marking = Skjerming(exemption_code(item.exempt_basis), exemption_hjemmel(item.exempt_basis), ("tittel",),
                                "Hele dokumentet")
        if marking is None and access.is_closed(item):
            label = _closed_label(item)
            marking = Skjerming(CLOSED_CODE, label, ("ingen",), "Hele dokumentet")
        if marking is None:
            continue
        any_exempt = any_exempt or access.is_exempt(case) or (case is None and access.item_is_exempt(item))
        if marking.tilgangsrestriksjon not in codes:
            codes.append(marking.tilgangsrestriksjon)
        for part in marking.skjermingshjemmel.split("; "):
            if part not in parts:
                parts.append(part)
    if not parts:
        return None
    code = codes[0] if len(codes) == 1 else CLOSED_CODE
    return Skjerming(code, "; ".join(parts), ("tittel",) if any_exempt else ("ingen",), "Deler av dokumentet")


# --- building -----------------------------------------------------------------------------------------------------


def parse_date(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ExportError(f"Ugyldig dato for {name}: «{value}». Skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2026-01-31.") from None


def organization_by_slug(slug: str) -> Organization:
    org = Organization.objects.filter(slug=slug).select_related("body").first()
    if org is None:
        known = ", ".join(Organization.objects.order_by("slug").values_list("slug", flat=True)) or "(ingen)"
        raise ExportError(f"Fant ikke organet «{slug}». Kjente organer: {known}.")
    return org


def meetings_in_period(organization: Organization, start: dt.date, end: dt.date) -> list[Meeting]:
    return list(
        Meeting.objects.filter(organization=organization, start__date__gte=start, start__date__lte=end)
        .order_by("start", "pk")
    )


def meeting_number(meeting: Meeting) -> str:
    """møtenummer: the meeting's number in its body's year, e.g. "3/2026"."""
    year = timezone.localtime(meeting.start).year
    n = Meeting.objects.filter(organization_id=meeting.organization_id, start__year=year).filter(
        start__lt=meeting.start).count() + Meeting.objects.filter(
        organization_id=meeting.organization_id, start=meeting.start, pk__lte=meeting.pk).count()
    return f"{n}/{year}"


def _iso(value: dt.datetime | None) -> str:
    value = value or timezone.now()
    return timezone.localtime(value).isoformat(timespec="seconds")


def _uuid(base: uuid.UUID, name: str) -> str:
    return str(uuid.uuid5(base, name))


class _Writer:
    def __init__(self, now: dt.datetime):
        self.now = _iso(now)
        self.files: dict[str, bytes] = {}
        self._names: dict[str, str] = {}     # checksum -> relative path
        self.registrations = 0

    def el(self, parent, name: str, text=None, **attrs):
        node = etree.SubElement(parent, f"{{{NS}}}{name}", **attrs)
        if text is not None:
            node.text = str(text)
        return node

    def file_path(self, doc) -> str:
        if doc.checksum in self._names:
            return self._names[doc.checksum]
        name = f"{FILES_DIR}/{doc.filename}"
        if name in self.files:
            stem, dot, ext = doc.filename.rpartition(".")
            name = f"{FILES_DIR}/{stem}-{doc.pk}.{ext}" if dot else f"{FILES_DIR}/{doc.filename}-{doc.pk}"
        self.files[name] = bytes(doc.content)
        self._names[doc.checksum] = name
        return name

    def skjerming(self, parent, marking: Skjerming | None) -> None:
        if marking is None:
            return
        node = self.el(parent, "skjerming")
        self.el(node, "tilgangsrestriksjon", marking.tilgangsrestriksjon)
        self.el(node, "skjermingshjemmel", marking.skjermingshjemmel)
        for value in marking.skjerming_metadata:
            self.el(node, "skjermingMetadata", value)
        self.el(node, "skjermingDokument", marking.skjerming_dokument)

    def registrering(self, mappe, *, system_id: str, doc, title: str, public_title: str, registrering_id: str,
                     kind: str, marking: Skjerming | None, moetesakstype: str, status: str, unit: str,
                     officer: str, description: str = "") -> None:
        reg = self.el(mappe, "registrering", **{f"{{{XSI}}}type": "moeteregistrering"})
        self.el(reg, "systemID", system_id)
        self.el(reg, "opprettetDato", _iso(doc.created_at))
        self.el(reg, "opprettetAv", SYSTEM)
        self.el(reg, "arkivertDato", self.now)
        self.el(reg, "arkivertAv", SYSTEM)
        self.skjerming(reg, marking)
        desc = self.el(reg, "dokumentbeskrivelse")
        self.el(desc, "systemID", _uuid(uuid.UUID(system_id), "dokumentbeskrivelse"))
        self.el(desc, "dokumenttype", kind)
        self.el(desc, "dokumentstatus", "Dokumentet er ferdigstilt")
        self.el(desc, "tittel", title)
        self.el(desc, "opprettetDato", _iso(doc.created_at))
        self.el(desc, "opprettetAv", SYSTEM)
        self.el(desc, "tilknyttetRegistreringSom", "Hoveddokument")
        self.el(desc, "dokumentnummer", 1)
        self.el(desc, "tilknyttetDato", _iso(doc.created_at))
        self.el(desc, "tilknyttetAv", SYSTEM)
        self.skjerming(desc, marking)
        obj = self.el(desc, "dokumentobjekt")
        self.el(obj, "systemID", _uuid(uuid.UUID(system_id), f"dokumentobjekt:{doc.checksum}"))
        self.el(obj, "versjonsnummer", 1)
        self.el(obj, "variantformat", "Produksjonsformat")
        self.el(obj, "format", DOCX_FORMAT)
        self.el(obj, "formatDetaljer", DOCX_FORMAT_DETAILS)
        self.el(obj, "opprettetDato", _iso(doc.created_at))
        self.el(obj, "opprettetAv", SYSTEM)
        self.el(obj, "referanseDokumentfil", self.file_path(doc))
        self.el(obj, "sjekksum", doc.checksum)
        self.el(obj, "sjekksumAlgoritme", "SHA256")
        self.el(obj, "filstoerrelse", doc.size)
        self.el(reg, "registreringsID", registrering_id)
        self.el(reg, "tittel", title)
        if public_title:
            self.el(reg, "offentligTittel", public_title)
        if description:
            self.el(reg, "beskrivelse", description)
        self.el(reg, "moeteregistreringstype", kind)
        if moetesakstype:
            self.el(reg, "moetesakstype", moetesakstype)
        if status:
            self.el(reg, "moeteregistreringsstatus", status)
        self.el(reg, "administrativEnhet", unit)
        self.el(reg, "saksbehandler", officer)
        self.registrations += 1


def _participants(meeting: Meeting) -> list[tuple[str, str]]:
    """(name, funksjon): who took part when attendance was recorded, else who was called (koml. § 11-3)."""
    chair = meeting_selectors.chair_of(meeting)
    chair_name = chair.person.name if chair else ""
    data = meeting_selectors.minutes_data(meeting, public=False)
    present = data.get("attendance", {}).get("present") or []
    rows: list[tuple[str, str]] = []
    if present:
        for p in present:
            role = f"Varamedlem for {p['substitute_for']}" if p["substitute_for"] else p["role"]
            rows.append((p["name"], role))
    else:
        rows += [(m["name"], m["role"]) for m in data["members"]]
        rows += [(s["name"], f"Varamedlem for {s['substitute_for']}") for s in data["substitutes_called"]]
    return [(name, f"{role}, møteleder" if name == chair_name else role) for name, role in rows]


def _moetemappe(w: _Writer, arkivdel, meeting: Meeting, previous: Meeting | None, following: Meeting | None) -> None:
    organization = meeting.organization
    base = meeting.uid
    number = meeting_number(meeting)
    items = list(meeting.agenda_items.select_related("consultation__case__case_officer",
                                                     "consultation__case__responsible_unit").order_by("position"))
    title = f"Møte i {organization.name} {timezone.localtime(meeting.start):%d.%m.%Y}"
    mappe = w.el(arkivdel, "mappe", **{f"{{{XSI}}}type": "moetemappe"})
    w.el(mappe, "systemID", str(base))
    w.el(mappe, "mappeID", f"{organization.slug}-{number}")
    w.el(mappe, "tittel", title)
    w.el(mappe, "offentligTittel", title)
    w.el(mappe, "opprettetDato", _iso(meeting.created_at))
    w.el(mappe, "opprettetAv", SYSTEM)
    minutes_approved_at = getattr(getattr(meeting, "minutes", None), "approved_at", None) if hasattr(
        meeting, "minutes") else None
    w.el(mappe, "avsluttetDato", _iso(minutes_approved_at or meeting.end or meeting.start))
    w.el(mappe, "avsluttetAv", SYSTEM)

    meeting_marking = meeting_document_skjerming(items)
    if access.agenda_is_public(meeting):  # the notice has gone out (koml. § 11-3)
        doc = registry.generate("innkalling", meeting, public=False)
        w.registrering(mappe, system_id=_uuid(base, "innkalling"), doc=doc, title=f"Møteinnkalling {title}",
                       public_title=f"Møteinnkalling {title}", registrering_id=f"{number} innkalling",
                       kind="Møteinnkalling", marking=meeting_marking, moetesakstype="", status="Sendt",
                       unit=SECRETARIAT, officer=SECRETARIAT)
    item_rows = {row["id"]: row for row in meeting_selectors.notice_data(meeting, public=False)["items"]}
    for item in items:
        case = item.consultation.case if item.consultation_id else None
        if case is None:
            continue  # an orientering without a case has no saksframlegg of its own
        doc = registry.generate("saksframlegg", case, public=False)
        row = item_rows.get(item.pk, {})
        public_title = access.agenda_item_public_title(item)
        w.registrering(
            mappe, system_id=_uuid(base, f"saksframlegg:{item.pk}"), doc=doc, title=case.title,
            public_title=public_title, registrering_id=item.label, kind="Saksframlegg",
            marking=case_paper_skjerming(case, [item]), moetesakstype=item.get_kind_display(),
            status=row.get("outcome_label") or "Til behandling",
            unit=case.responsible_unit.name if case.responsible_unit else SECRETARIAT,
            officer=case.case_officer.get_full_name() or case.case_officer.get_username(),
            description=f"Arkivsak {case.arkivsaksnummer}",
        )
    if registry.get_kind("protokoll").is_frozen(meeting):
        doc = registry.generate("protokoll", meeting, public=False)
        w.registrering(mappe, system_id=_uuid(base, "protokoll"), doc=doc, title=f"Møteprotokoll {title}",
                       public_title=f"Møteprotokoll {title}", registrering_id=f"{number} protokoll",
                       kind="Møteprotokoll", marking=meeting_marking, moetesakstype="", status="Godkjent",
                       unit=SECRETARIAT, officer=SECRETARIAT,
                       description=getattr(meeting.minutes, "approval_label", "") or "")

    w.el(mappe, "moetenummer", number)
    w.el(mappe, "utvalg", organization.name)
    w.el(mappe, "moetedato", timezone.localtime(meeting.start).date().isoformat())
    place = meeting.location or ("Fjernmøte" if meeting.is_remote else "")
    if place:
        w.el(mappe, "moetested", place)
    if previous is not None:
        w.el(mappe, "referanseForrigeMoete", str(previous.uid))
    if following is not None:
        w.el(mappe, "referanseNesteMoete", str(following.uid))
    for name, role in _participants(meeting):
        participant = w.el(mappe, "moetedeltaker")
        w.el(participant, "moetedeltakerNavn", name)
        if role:
            w.el(participant, "moetedeltakerFunksjon", role)


def build_extract(*, organization: Organization, start: dt.date, end: dt.date,
                  now: dt.datetime | None = None) -> Extract:
    if start > end:
        raise ExportError(f"Fra-datoen ({start:%d.%m.%Y}) er etter til-datoen ({end:%d.%m.%Y}).")
    now = now or timezone.now()
    w = _Writer(now)
    body = organization.body or Body.current()
    base = uuid.uuid5(uuid.NAMESPACE_URL, f"saksgang:noark5:{organization.slug}:{start}:{end}")
    root = etree.Element(f"{{{NS}}}arkiv", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} arkivstruktur.xsd")
    w.el(root, "systemID", str(base))
    w.el(root, "tittel", f"{body.name if body else 'Kommunen'} – politiske møter")
    w.el(root, "beskrivelse", f"Uttrekk fra {SYSTEM}: møtene i {organization.name} "
                              f"{start:%d.%m.%Y}–{end:%d.%m.%Y}.")
    w.el(root, "arkivstatus", "Avsluttet")
    w.el(root, "opprettetDato", w.now)
    w.el(root, "opprettetAv", SYSTEM)
    w.el(root, "avsluttetDato", w.now)
    w.el(root, "avsluttetAv", SYSTEM)
    creator = w.el(root, "arkivskaper")
    w.el(creator, "arkivskaperID", (body.kommunenummer if body and body.kommunenummer else organization.slug))
    w.el(creator, "arkivskaperNavn", body.name if body else organization.name)
    arkivdel = w.el(root, "arkivdel")
    w.el(arkivdel, "systemID", _uuid(base, "arkivdel"))
    w.el(arkivdel, "tittel", f"Møter i {organization.name} {start:%d.%m.%Y}–{end:%d.%m.%Y}")
    w.el(arkivdel, "arkivdelstatus", "Avsluttet periode")
    w.el(arkivdel, "opprettetDato", w.now)
    w.el(arkivdel, "opprettetAv", SYSTEM)
    w.el(arkivdel, "avsluttetDato", w.now)
    w.el(arkivdel, "avsluttetAv", SYSTEM)
    w.el(arkivdel, "arkivperiodeStartDato", start.isoformat())
    w.el(arkivdel, "arkivperiodeSluttDato", end.isoformat())
    meetings = meetings_in_period(organization, start, end)
    for i, meeting in enumerate(meetings):
        _moetemappe(w, arkivdel, meeting, meetings[i - 1] if i else None,
                    meetings[i + 1] if i + 1 < len(meetings) else None)
    xml = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return Extract(xml=xml, files=w.files, meetings=len(meetings), registrations=w.registrations)


_SCHEMA: etree.XMLSchema | None = None


def schema() -> etree.XMLSchema:
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))
    return _SCHEMA


def validation_errors(xml: bytes) -> list[str]:
    """Errors against `arkivstruktur.xsd` (empty when valid)."""
    s = schema()
    if s.validate(etree.fromstring(xml)):
        return []
    return [f"linje {e.line}: {e.message}" for e in s.error_log]


def write_extract(extract: Extract, out: Path) -> None:
    for relative, content in extract.files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    (out / "arkivstruktur.xml").write_bytes(extract.xml)


def export_noark5(*, organization_slug: str, start: str, end: str, out: str | Path) -> Extract:
    """Check the input, build the extract, validate it against the XSD, then write it to an empty folder."""
    organization = organization_by_slug(organization_slug)
    start_date, end_date = parse_date(start, "--from"), parse_date(end, "--to")
    if start_date > end_date:
        raise ExportError(f"Fra-datoen ({start_date:%d.%m.%Y}) er etter til-datoen ({end_date:%d.%m.%Y}).")
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(f"Mappen {out} finnes og er ikke tom. Velg en ny eller tom mappe for uttrekket.")
    extract = build_extract(organization=organization, start=start_date, end=end_date)
    errors = validation_errors(extract.xml)
    if errors:
        raise ExportError("Uttrekket er ikke gyldig mot arkivstruktur.xsd:\n" + "\n".join(errors[:20]))
    try:
        out.mkdir(parents=True, exist_ok=True)
        write_extract(extract, out)
    except OSError as exc:
        raise ExportError(f"Kunne ikke skrive uttrekket til {out}: {exc}") from None
    return extract
