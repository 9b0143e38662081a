"""Årsoppgave over godtgjøring: what one person was paid in one year, from the exported months (a document kind,
so the kommune may upload its own template; `render_document godtgjoringsoppgave ID`)."""

from __future__ import annotations

from decimal import Decimal

from document_templates.builder import DocBuilder
from document_templates.context import kommune_context, long_date
from document_templates.registry import DocumentKind, register

from .models import AnnualSummary
from .selectors import annual_data

LABELS = {
    "nb": {"title": "Årsoppgave over godtgjøring", "person": "Folkevalgt", "year": "År", "made": "Laget",
           "totals": "Sum per type", "kind": "Type", "amount": "Beløp (kr)", "lines": "Utbetalinger",
           "month": "Måned", "text": "Gjelder", "total": "Sum utbetalt", "none": "Ingen utbetalinger i året."},
    "nn": {"title": "Årsoppgåve over godtgjering", "person": "Folkevald", "year": "År", "made": "Laga",
           "totals": "Sum per type", "kind": "Type", "amount": "Beløp (kr)", "lines": "Utbetalingar",
           "month": "Månad", "text": "Gjeld", "total": "Sum utbetalt", "none": "Ingen utbetalingar i året."},
}


def kr(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", " ").replace(".", ",")


def build_context(summary: AnnualSummary, *, public: bool, maalform: str) -> dict:
    from django.utils import timezone

    data = annual_data(summary.person, summary.year)
    t = LABELS[maalform]
    return {
        "kommune": kommune_context(),
        "summary": {
            "title": t["title"], "person": summary.person.name, "year": str(summary.year),
            "made": long_date(timezone.localdate(), maalform),
            "totals": [{"kind": k, "amount": kr(v)} for k, v in data["totals"]],
            "rows": [{"month": r["month"], "kind": r["kind"], "text": r["text"], "amount": kr(r["amount"])}
                     for r in data["rows"]],
            "total": f"{t['total']}: {kr(data['total'])} kr" if data["rows"] else t["none"],
        },
    }


def sample_context(maalform: str) -> dict:
    t = LABELS[maalform]
    return {"kommune": kommune_context(sample=True), "summary": {
        "title": t["title"], "person": "Kari Nordmann", "year": "2026", "made": "1. januar 2027",
        "totals": [{"kind": "Møtegodtgjøring", "amount": "1 800,00"}],
        "rows": [{"month": "11.2026", "kind": "Møtegodtgjøring", "text": "Formannskapet 12.11.2026",
                  "amount": "1 800,00"}],
        "total": f"{t['total']}: 1 800,00 kr"}}


def default_template(maalform: str) -> bytes:
    t = LABELS[maalform]
    b = DocBuilder(title=t["title"])
    b.heading("{{ summary.title }} {{ summary.year }}", level=1)
    b.field_table([(t["person"], "summary.person"), (t["year"], "summary.year"), (t["made"], "summary.made")])
    b.heading(t["totals"], level=2)
    b.loop_table("s", "summary.totals", [(t["kind"], "s.kind"), (t["amount"], "s.amount")])
    b.paragraph("{{ summary.total }}", bold=True)
    b.heading(t["lines"], level=2)
    b.loop_table("r", "summary.rows", [(t["month"], "r.month"), (t["kind"], "r.kind"), (t["text"], "r.text"),
                                       (t["amount"], "r.amount")])
    return b.to_bytes()


register(DocumentKind(
    name="godtgjoringsoppgave", label="Årsoppgave over godtgjøring", model=AnnualSummary, build_context=build_context,
    default_template=default_template, sample_context=sample_context,
    # Personal: no public version (secretariat.access lets staff have other apps' kinds; the members' own page
    # serves the person herself).
    public_allowed=lambda summary: False,
    filename=lambda summary: f"godtgjoring-{summary.year}-{summary.person.family_name.lower()}",
))
