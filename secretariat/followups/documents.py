"""Oppfølgingsrapport (.docx) through the document registry, in bokmål and nynorsk.

`render_document oppfolgingsrapport ID --out x.docx` renders a FollowUpReport. The public version (the one
that goes on the body's agenda as an orienteringssak) shows exempt cases by public title only and no
exempt or closed content; selectors.report_entries decides that via secretariat.access.
"""

from __future__ import annotations

from django.utils import timezone

from document_templates.builder import DocBuilder
from document_templates.context import kommune_context, long_date, short_date, text
from document_templates.registry import DocumentKind, generate, register

from .models import FollowUpReport

LABELS = {
    "nb": {
        "title": "Oppfølgingsrapport", "page": "Side", "of": "av",
        "intro": ("Rapporten viser status for gjennomføringen av vedtakene i {organ} i perioden {start}–{end}, "
                  "og for eldre vedtak som fortsatt var under oppfølging i perioden. Kommunedirektøren skal sørge "
                  "for at vedtakene blir gjennomført uten ugrunnet opphold (kommuneloven § 13-1)."),
        "organ": "Organ", "periode": "Periode", "dato": "Dato", "antall": "Antall vedtak",
        "oversikt": "Oversikt", "detaljer": "Vedtakene og oppfølgingen", "vedtatt_dato": "Vedtatt",
        "sak": "Sak", "vedtak": "Vedtak", "oppfolging": "Oppfølging", "status": "Status",
        "siste": "Siste statusmelding", "vedtatt": "vedtatt", "frist": "frist",
        "public": "Offentlig versjon", "internal": "Intern versjon – kan inneholde opplysninger unntatt offentlighet",
        "forslag": "Forslag til vedtak: {organ} tar oppfølgingsrapporten til orientering.",
        "none": "Ingen vedtak å rapportere for perioden.",
    },
    "nn": {
        "title": "Oppfølgingsrapport", "page": "Side", "of": "av",
        "intro": ("Rapporten viser status for gjennomføringa av vedtaka i {organ} i perioden {start}–{end}, "
                  "og for eldre vedtak som framleis var under oppfølging i perioden. Kommunedirektøren skal sørgje "
                  "for at vedtaka blir gjennomførte utan ugrunna opphald (kommunelova § 13-1)."),
        "organ": "Organ", "periode": "Periode", "dato": "Dato", "antall": "Tal på vedtak",
        "oversikt": "Oversikt", "detaljer": "Vedtaka og oppfølginga", "vedtatt_dato": "Vedteke",
        "sak": "Sak", "vedtak": "Vedtak", "oppfolging": "Oppfølging", "status": "Status",
        "siste": "Siste statusmelding", "vedtatt": "vedteke", "frist": "frist",
        "public": "Offentleg versjon", "internal": "Intern versjon – kan innehalde opplysningar unnatekne offentlegheit",
        "forslag": "Forslag til vedtak: {organ} tek oppfølgingsrapporten til orientering.",
        "none": "Ingen vedtak å rapportere for perioden.",
    },
}


def _entry_context(e, t) -> dict:
    lines = "\n".join(
        f"• {line.description} ({line.unit}, {t['frist']} {line.deadline:%d.%m.%Y}): {line.status}"
        + (f" – {line.reason}" if line.reason else "")
        for line in e.lines if line.description
    )
    case = " ".join(part for part in (e.label, e.arkivsaksnummer) if part)
    return {
        "heading": f"{case} {e.title}",
        "case": f"{case} {e.title}\n{t['vedtatt']} {e.decided_at:%d.%m.%Y}",
        "title": e.title,
        "label": e.label,
        "arkivsaksnummer": e.arkivsaksnummer,
        "decided": short_date(e.decided_at),
        "text": text(e.text),
        "followups": text(lines),
        "has_followups": bool(lines),
        "status": e.status,
        "latest_note": text(f"{e.latest_note}\n({e.latest_note_date:%d.%m.%Y})" if e.latest_note else "–"),
        "exempt": e.exempt,
    }


def build_context(report: FollowUpReport, *, public: bool, maalform: str) -> dict:
    from .selectors import report_entries

    t = LABELS[maalform]
    entries = report_entries(report, public=public, maalform=maalform)
    organ = report.organization.name
    return {
        "kommune": kommune_context(),
        "report": {
            "title": f"{t['title']} – {organ}",
            "organization": organ,
            "period": f"{short_date(report.period_start)}–{short_date(report.period_end)}",
            "date": long_date(timezone.localdate(), maalform),
            "intro": t["intro"].format(organ=organ, start=short_date(report.period_start),
                                       end=short_date(report.period_end)),
            "version": t["public"] if public else t["internal"],
            "count": str(len(entries)),
            "proposal": t["forslag"].format(organ=organ),
            "empty": t["none"] if not entries else "",
        },
        "entries": [_entry_context(e, t) for e in entries],
    }


def sample_context(maalform: str) -> dict:
    t = LABELS[maalform]
    return {
        "kommune": kommune_context(sample=True),
        "report": {
            "title": f"{t['title']} – Kommunestyret", "organization": "Kommunestyret", "period": "01.01.2026–30.06.2026",
            "date": "1. juli 2026", "intro": t["intro"].format(organ="kommunestyret", start="01.01.2026",
                                                               end="30.06.2026"),
            "version": t["public"], "count": "1", "proposal": t["forslag"].format(organ="Kommunestyret"), "empty": "",
        },
        "entries": [{
            "heading": "PS 12/26 26/0701 Etablering av frisklivssentral",
            "case": "PS 12/26 26/0701 Etablering av frisklivssentral\nvedtatt 12.03.2026", "title": "Etablering av "
            "frisklivssentral", "label": "PS 12/26", "arkivsaksnummer": "26/0701", "decided": "12.03.2026",
            "text": text("Kommunestyret vedtar å etablere en frisklivssentral."),
            "has_followups": True,
            "followups": text("• Ansette to medarbeidere (Helse og omsorg, frist 01.09.2026): Pågår"),
            "status": "Pågår", "latest_note": text("Stillingene er lyst ut.\n(15.05.2026)"), "exempt": False,
        }],
    }


def default_template(maalform: str) -> bytes:
    t = LABELS[maalform]
    b = DocBuilder(title=t["title"], page_label=t["page"], of_label=t["of"])
    b.heading("{{ report.title }}", level=1)
    b.paragraph("{{ report.version }}", italic=True)
    b.field_table([(t["organ"], "report.organization"), (t["periode"], "report.period"), (t["dato"], "report.date"),
                   (t["antall"], "report.count")])
    b.paragraph("{{ report.intro }}")
    b.block_if("report.empty", lambda: b.paragraph("{{ report.empty }}"))
    b.heading(t["oversikt"], level=2)
    b.loop_table("e", "entries", [(t["sak"], "e.case"), (t["status"], "e.status")])
    b.heading(t["detaljer"], level=2)

    def one_decision():
        b.heading("{{ e.heading }}", level=3)
        b.field_table([(t["vedtatt_dato"], "e.decided"), (t["status"], "e.status"), (t["siste"], "e.latest_note")])
        b.paragraph("{{ e.text }}")
        b.block_if("e.has_followups", lambda: (b.paragraph(t["oppfolging"], bold=True), b.paragraph("{{ e.followups }}")))

    b.block_for("e", "entries", one_decision)
    b.paragraph("{{ report.proposal }}", bold=True)
    return b.to_bytes()


def filename(report: FollowUpReport) -> str:
    return f"oppfolgingsrapport-{report.organization.slug}-{report.period_end:%Y-%m-%d}"


register(DocumentKind(
    name="oppfolgingsrapport", label="Oppfølgingsrapport", model=FollowUpReport,
    build_context=build_context, default_template=default_template, sample_context=sample_context,
    filename=filename,
))


def render_report(report: FollowUpReport, *, public: bool, maalform: str | None = None, actor=None) -> bytes:
    """Generate (and store, with checksum and input version) the report's .docx; returns its bytes."""
    document = generate("oppfolgingsrapport", report, actor=actor, public=public, maalform=maalform)
    return bytes(document.content)
