"""Saksframlegg: the case paper, kort fortalt first (DOMAIN.md §4–5)."""

from __future__ import annotations

from document_templates.builder import DocBuilder
from document_templates.context import kommune_context, short_date, text
from document_templates.labels import exemption_marking, labels
from document_templates.registry import DocumentKind, register
from secretariat import access

from .models import Case

SECTION_KEYS = ["summary", "background", "assessment", "economic_consequences", "recommendation"]


def consultations_context(case, consultations=None) -> list[dict]:
    """The case's way through the bodies; pass ``consultations`` when already fetched (the sakskart)."""
    if consultations is None:
        consultations = case.consultations.select_related("organization").prefetch_related("agenda_items__meeting")
    rows = []
    for consultation in consultations:
        items = list(consultation.agenda_items.all())
        item = items[-1] if items else None
        rows.append({
            "organization": consultation.organization.name,
            "meeting_date": short_date(item.meeting.start) if item else "",
            "number": item.label if item else "",
        })
    return rows


def utvalgssaksnummer(rows: list[dict], item=None) -> str:
    if item is not None:
        return item.label
    labels_ = [row["number"] for row in rows if row["number"]]
    return labels_[-1] if labels_ else ""


def case_paper_context(case, *, public: bool, maalform: str, item=None, consultations=None) -> dict:
    """``case`` and ``paper`` for one case; the innkalling repeats this per agenda item (sakskart)."""
    t = labels(maalform)
    paper = getattr(case, "paper", None)
    # The public version is built for the public, the internal one complete; secretariat.access decides what
    # each shows: an exempt case (or one treated behind closed doors) only its public title and the marking,
    # a partly exempt paper without its exempt sections, exempt attachments by a withheld note.
    viewer = access.audience(public=public)
    show_content = access.public_version_shows_case_content(case, item) if public else True
    hidden = access.withheld_sections(viewer, case)
    sections = {}
    for key in SECTION_KEYS:
        value = getattr(paper, key, "") if paper else ""
        if not show_content:
            value = ""
        elif key in hidden:
            value = t["section_withheld"]
        elif key == "recommendation" and not value.strip():
            value = t["no_recommendation"]
        sections[key] = text(value)
    attachments = []
    for number, attachment in enumerate(case.attachments.all(), start=1):
        title = attachment.title
        if not show_content or (public and not access.attachment_in_public_version(attachment, case)):
            title = t["attachment_withheld"]
        attachments.append({"number": number, "title": title})
    officer = case.case_officer
    rows = consultations_context(case, consultations)
    return {
        "case": {
            "arkivsaksnummer": case.arkivsaksnummer,
            "utvalgssaksnummer": utvalgssaksnummer(rows, item),
            "title": access.case_title_for(viewer, case),
            "officer": (officer.get_full_name() or officer.get_username()) if officer else "",
            "unit": str(case.responsible_unit or ""),
            "exempt": access.is_exempt(case),
            "exempt_marking": exemption_marking(case.exempt_marking, maalform),
            "consultations": rows,
        },
        "paper": {
            **sections,
            "show_content": show_content,
            "withheld_note": t["withheld"] if not show_content else "",
            "attachments": attachments,
            "version": paper.version if paper else 0,
        },
    }


def build_context(case, *, public: bool, maalform: str) -> dict:
    t = labels(maalform)
    return {
        "kommune": kommune_context(),
        "document": {"public": public, "version_note": t["public_version"] if public else ""},
        **case_paper_context(case, public=public, maalform=maalform),
    }


def sample_case_paper(maalform: str, *, exempt: bool = False) -> dict:
    return {
        "case": {
            "arkivsaksnummer": "26/1234", "utvalgssaksnummer": "PS 12/26", "title": "Ny barnehage i Fjordvik sentrum",
            "officer": "Ola Bergstrøm", "unit": "Oppvekst", "exempt": exempt,
            "exempt_marking": "Unntatt offentlighet, offl. § 13 jf. fvl. § 13 første ledd nr. 1" if exempt else "",
            "consultations": [{"organization": "Formannskapet", "meeting_date": "12.03.2026", "number": "PS 12/26"}],
        },
        "paper": {
            "summary": text("Kommunen trenger flere barnehageplasser. Vi foreslår å bygge en ny barnehage."),
            "background": text("Bakgrunn."), "assessment": text("Vurdering."),
            "economic_consequences": text("Kostnad 40 millioner kroner."),
            "recommendation": text("Kommunestyret vedtar å bygge en ny barnehage."),
            "show_content": True, "withheld_note": "",
            "attachments": [{"number": 1, "title": "Tegninger"}], "version": 1,
        },
    }


def sample_context(maalform: str) -> dict:
    return {"kommune": kommune_context(sample=True), "document": {"public": False, "version_note": ""},
            **sample_case_paper(maalform)}


def write_case_paper(b: DocBuilder, t: dict, *, prefix: str = "", heading_level: int = 1) -> None:
    """The paper body; ``prefix`` is the loop variable path for the sakskart (e.g. ``item.``)."""
    case, paper = f"{prefix}case", f"{prefix}paper"
    b.heading(f"{{{{ {case}.title }}}}", level=heading_level)
    b.block_if(f"{case}.exempt_marking", lambda: b.paragraph(f"{{{{ {case}.exempt_marking }}}}", bold=True))
    b.field_table([
        (t["arkivsaksnummer"], f"{case}.arkivsaksnummer"),
        (t["utvalgssaksnummer"], f"{case}.utvalgssaksnummer"),
        (t["saksbehandler"], f"{case}.officer"),
        (t["enhet"], f"{case}.unit"),
    ])

    def content():
        for key, label in (("summary", "kort_fortalt"), ("background", "bakgrunn"), ("assessment", "vurdering"),
                           ("economic_consequences", "okonomi"), ("recommendation", "innstilling")):
            b.heading(t[label], level=heading_level + 1)
            b.paragraph(f"{{{{ {paper}.{key} }}}}")

    def withheld():
        b.paragraph(f"{{{{ {paper}.withheld_note }}}}", italic=True)

    b.block_if(f"{paper}.show_content", content, else_body=withheld)
    b.heading(t["vedlegg"], level=heading_level + 1)
    b.block_for("attachment", f"{paper}.attachments",
                lambda: b.paragraph("{{ attachment.number }}. {{ attachment.title }}"))
    b.block_if(f"not {paper}.attachments", lambda: b.paragraph(t["ingen_vedlegg"]))


def default_template(maalform: str) -> bytes:
    t = labels(maalform)
    b = DocBuilder(title=t["saksframlegg"], page_label=t["page"], of_label=t["of"])
    b.paragraph(t["saksframlegg"], bold=True, size=18)
    b.block_if("document.public", lambda: b.paragraph("{{ document.version_note }}", italic=True))
    write_case_paper(b, t)
    b.heading(t["saksgang"], level=2)
    b.loop_table("row", "case.consultations",
                 [(t["utvalg"], "row.organization"), (t["motedato"], "row.meeting_date"),
                  (t["utvalgssaksnummer"], "row.number")])
    return b.to_bytes()


def input_version(case) -> str:
    return ""


def filename(case) -> str:
    return f"saksframlegg-{case.arkivsaksnummer.replace('/', '-') or f'sak-{case.pk}'}"


register(DocumentKind(
    name="saksframlegg", label="Saksframlegg", model=Case,
    build_context=build_context, default_template=default_template,
    sample_context=sample_context, filename=filename,
    public_allowed=lambda case: access.document_is_public("saksframlegg", case),
))
