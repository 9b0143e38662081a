"""The evaluation report after an election (valgevaluering): tasks done on time, late, open; notes for next time."""

from __future__ import annotations

from django.utils import timezone

from document_templates.builder import DocBuilder
from document_templates.context import kommune_context, long_date, short_date, text
from document_templates.registry import DocumentKind, register

from .models import ElectionProject, TaskStatus
from .selectors import evaluation_rows

LABELS = {
    "nb": {"title": "Evaluering av valget", "election_day": "Valgdag", "type": "Valg",
           "summary": "Oppsummering", "done": "Utført i tide", "done_late": "Utført for sent",
           "overdue": "Ikke utført, fristen er passert", "open": "Ikke utført, fristen er ikke passert",
           "task": "Oppgave", "due": "Frist", "done_on": "Utført", "responsible": "Ansvarlig", "note": "Merknad",
           "notes": "Erfaringer og notater til neste valg", "number": "Antall", "made": "Laget"},
    "nn": {"title": "Evaluering av valet", "election_day": "Valdag", "type": "Val",
           "summary": "Oppsummering", "done": "Utført i tide", "done_late": "Utført for seint",
           "overdue": "Ikkje utført, fristen er passert", "open": "Ikkje utført, fristen er ikkje passert",
           "task": "Oppgåve", "due": "Frist", "done_on": "Utført", "responsible": "Ansvarleg", "note": "Merknad",
           "notes": "Erfaringar og notat til neste val", "number": "Tal", "made": "Laga"},
}
ORDER = [TaskStatus.DONE, TaskStatus.DONE_LATE, TaskStatus.OVERDUE, TaskStatus.OPEN]


def build_context(project: ElectionProject, *, public: bool, maalform: str) -> dict:
    t = LABELS[maalform]
    groups = evaluation_rows(project)
    sections = []
    for status in ORDER:
        tasks = groups[status.value]
        sections.append({
            "title": t[status.value], "count": str(len(tasks)),
            "rows": [{"title": task.title, "due": short_date(task.due_on), "done_on": short_date(task.done_on),
                      "responsible": task.responsible_label, "note": task.note} for task in tasks],
        })
    return {
        "kommune": kommune_context(),
        "project": {"title": t["title"], "name": project.name, "type": project.get_election_type_display(),
                    "election_day": long_date(project.election_day, maalform),
                    "made": long_date(timezone.localdate(), maalform),
                    "counts": [{"label": s["title"], "value": s["count"]} for s in sections],
                    "sections": sections,
                    "notes": text(project.evaluation_notes or "–")},
    }


def sample_context(maalform: str) -> dict:
    t = LABELS[maalform]
    row = {"title": "Frist for listeforslag", "due": "31.03.2025", "done_on": "31.03.2025", "responsible": "Kari",
           "note": ""}
    return {
        "kommune": kommune_context(sample=True),
        "project": {"title": t["title"], "name": "Stortingsvalget 2025", "type": "Stortingsvalg",
                    "election_day": "måndag 8. september 2025", "made": "1. november 2025",
                    "counts": [{"label": t["done"], "value": "1"}],
                    "sections": [{"title": t["done"], "count": "1", "rows": [row]}],
                    "notes": text("Flere forhåndsstemmelokaler neste gang.")},
    }


def default_template(maalform: str) -> bytes:
    t = LABELS[maalform]
    b = DocBuilder(title=t["title"])
    b.heading("{{ project.title }}: {{ project.name }}", level=1)
    b.field_table([(t["type"], "project.type"), (t["election_day"], "project.election_day"),
                   (t["made"], "project.made")])
    b.heading(t["summary"], level=2)
    b.loop_table("c", "project.counts", [("", "c.label"), (t["number"], "c.value")])

    def section():
        b.heading("{{ s.title }} ({{ s.count }})", level=2)
        b.loop_table("r", "s.rows", [(t["task"], "r.title"), (t["due"], "r.due"), (t["done_on"], "r.done_on"),
                                     (t["responsible"], "r.responsible"), (t["note"], "r.note")])

    b.block_for("s", "project.sections", section)
    b.heading(t["notes"], level=2)
    b.paragraph("{{ project.notes }}")
    return b.to_bytes()


register(DocumentKind(
    name="valgevaluering", label="Evaluering av valg", model=ElectionProject, build_context=build_context,
    default_template=default_template, sample_context=sample_context,
    filename=lambda project: f"valgevaluering-{project.election_day:%Y}",
))
