"""The wedding report (vielsesrapport) as a document kind: a period, optionally one officiant, with counts."""

from __future__ import annotations

from document_templates.builder import DocBuilder
from document_templates.context import kommune_context, long_date, short_date
from document_templates.registry import DocumentKind, register

from .models import WeddingReport
from .selectors import report_data

LABELS = {
    "nb": {"title": "Vielsesrapport", "period": "Periode", "officiant": "Vigsler", "all": "Alle vigslere",
           "count": "Gjennomførte vielser", "reported": "Meldt til Skatteetaten",
           "awaiting": "Venter på melding til Skatteetaten", "overdue": "Av disse med passert frist (3 dager)",
           "late": "Meldt etter fristen", "planned": "Bekreftet, ikke gjennomført", "cancelled": "Avlyst",
           "list": "Vielser i perioden", "date": "Dato", "couple": "Brudepar", "place": "Sted", "status": "Status",
           "per_officiant": "Per vigsler", "per_place": "Per sted", "per_month": "Per måned", "number": "Antall",
           "made": "Laget"},
    "nn": {"title": "Vigselsrapport", "period": "Periode", "officiant": "Vigslar", "all": "Alle vigslarar",
           "count": "Gjennomførte vigslar", "reported": "Melde til Skatteetaten",
           "awaiting": "Ventar på melding til Skatteetaten", "overdue": "Av desse med passert frist (3 dagar)",
           "late": "Melde etter fristen", "planned": "Stadfesta, ikkje gjennomført", "cancelled": "Avlyst",
           "list": "Vigslar i perioden", "date": "Dato", "couple": "Brudepar", "place": "Stad", "status": "Status",
           "per_officiant": "Per vigslar", "per_place": "Per stad", "per_month": "Per månad", "number": "Tal",
           "made": "Laga"},
}


def build_context(report: WeddingReport, *, public: bool, maalform: str) -> dict:
    data = report_data(report)
    t = LABELS[maalform]
    rows = [{"date": short_date(w.date), "time": f"{w.start_time:%H:%M}", "couple": w.couple, "place": w.place.name,
             "officiant": w.officiant.person.name if w.officiant else "", "status": w.get_state_display()}
            for w in data["weddings"]]
    if public:  # the couples' names are personal data: a public version carries counts only
        rows = [{**r, "couple": ""} for r in rows]
    return {
        "kommune": kommune_context(),
        "report": {
            "title": t["title"],
            "period": f"{short_date(report.period_start)}–{short_date(report.period_end)}",
            "officiant": report.officiant.person.name if report.officiant_id else t["all"],
            "made": long_date(report.created_at, maalform),
            "counts": [
                {"label": t["count"], "value": str(data["count"])},
                {"label": t["reported"], "value": str(data["reported"])},
                {"label": t["awaiting"], "value": str(data["awaiting_notice"])},
                {"label": t["overdue"], "value": str(data["overdue_notice"])},
                {"label": t["late"], "value": str(data["reported_late"])},
                {"label": t["planned"], "value": str(data["planned"])},
                {"label": t["cancelled"], "value": str(data["cancelled"])},
            ],
            "rows": rows,
            "by_officiant": [{"label": k, "value": str(v)} for k, v in data["by_officiant"]],
            "by_month": [{"label": k, "value": str(v)} for k, v in data["by_month"]],
        },
    }


def sample_context(maalform: str) -> dict:
    t = LABELS[maalform]
    return {
        "kommune": kommune_context(sample=True),
        "report": {
            "title": t["title"], "period": "01.01.2026–31.12.2026", "officiant": t["all"], "made": "1. januar 2027",
            "counts": [{"label": t["count"], "value": "2"}],
            "rows": [{"date": "12.06.2026", "time": "12:00", "couple": "Kari og Ola", "place": "Rådhuset",
                      "officiant": "Ordfører", "status": "Meldt til Skatteetaten"}],
            "by_officiant": [{"label": "Ordfører", "value": "2"}],
            "by_month": [{"label": "2026-06", "value": "2"}],
        },
    }


def default_template(maalform: str) -> bytes:
    t = LABELS[maalform]
    b = DocBuilder(title=t["title"])
    b.heading("{{ report.title }}", level=1)
    b.field_table([(t["period"], "report.period"), (t["officiant"], "report.officiant"), (t["made"], "report.made")])
    b.loop_table("c", "report.counts", [("", "c.label"), (t["number"], "c.value")])
    b.heading(t["per_officiant"], level=2)
    b.loop_table("o", "report.by_officiant", [(t["officiant"], "o.label"), (t["number"], "o.value")])
    b.heading(t["per_month"], level=2)
    b.loop_table("m", "report.by_month", [("", "m.label"), (t["number"], "m.value")])
    b.heading(t["list"], level=2)
    b.loop_table("r", "report.rows", [(t["date"], "r.date"), ("Kl.", "r.time"), (t["couple"], "r.couple"),
                                      (t["place"], "r.place"), (t["officiant"], "r.officiant"),
                                      (t["status"], "r.status")])
    return b.to_bytes()


register(DocumentKind(
    name="vielsesrapport", label="Vielsesrapport", model=WeddingReport, build_context=build_context,
    default_template=default_template, sample_context=sample_context,
    filename=lambda report: f"vielsesrapport-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}",
))
