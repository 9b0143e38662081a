"""The meeting plan (møteplan) as a document kind, for kommunestyret's decision.

`render("moteplan", plan)` / `python manage.py render_document moteplan PLAN_ID --out plan.docx`.
"""

from __future__ import annotations

from document_templates.builder import DocBuilder
from document_templates.context import kommune_context, long_date
from document_templates.registry import DocumentKind, register

from .models import MeetingPlan

LABELS = {
    "nb": {"title": "Møteplan", "organ": "Organ", "year": "År", "status": "Status", "count": "Antall møter",
           "meetings": "Møter", "date": "Dato", "time": "Kl.", "place": "Sted", "skipped": "Datoer som er hoppet over",
           "reason": "Grunn", "proposal": "Forslag til vedtak",
           "decision": "{organ} vedtar møteplanen for {year} slik den går fram av oversikten."},
    "nn": {"title": "Møteplan", "organ": "Organ", "year": "År", "status": "Status", "count": "Tal på møte",
           "meetings": "Møte", "date": "Dato", "time": "Kl.", "place": "Stad", "skipped": "Datoar som er hoppa over",
           "reason": "Grunn", "proposal": "Framlegg til vedtak",
           "decision": "{organ} vedtek møteplanen for {year} slik han går fram av oversikta."},
}


def build_context(plan: MeetingPlan, *, public: bool, maalform: str) -> dict:
    t = LABELS[maalform]
    dates = list(plan.dates.order_by("date", "start_time"))
    rows = [{"date": long_date(d.date, maalform), "time": f"{d.start_time:%H:%M}", "place": d.location}
            for d in dates if not d.skipped_reason]
    skipped = [{"date": long_date(d.date, maalform), "reason": d.skipped_reason} for d in dates if d.skipped_reason]
    organ = plan.organization.name
    return {
        "kommune": kommune_context(),
        "plan": {
            "title": f"{t['title']} {plan.year} – {organ}",
            "organization": organ,
            "year": str(plan.year),
            "status": plan.get_state_display(),
            "count": str(len(rows)),
            "rows": rows,
            "skipped": skipped,
            "decision": t["decision"].format(organ="Kommunestyret", year=plan.year),
        },
    }


def sample_context(maalform: str) -> dict:
    return {
        "kommune": kommune_context(sample=True),
        "plan": {"title": "Møteplan 2027 – Formannskapet", "organization": "Formannskapet", "year": "2027",
                 "status": "Utkast", "count": "1",
                 "rows": [{"date": "tirsdag 12. januar 2027", "time": "18:00", "place": "Kommunestyresalen"}],
                 "skipped": [{"date": "mandag 17. mai 2027", "reason": "Helligdag: Grunnlovsdag"}],
                 "decision": "Kommunestyret vedtar møteplanen for 2027 slik den går fram av oversikten."},
    }


def default_template(maalform: str) -> bytes:
    t = LABELS[maalform]
    b = DocBuilder(title=t["title"])
    b.heading("{{ plan.title }}", level=1)
    b.field_table([(t["organ"], "plan.organization"), (t["year"], "plan.year"), (t["status"], "plan.status"),
                   (t["count"], "plan.count")])
    b.heading(t["meetings"], level=2)
    b.loop_table("r", "plan.rows", [(t["date"], "r.date"), (t["time"], "r.time"), (t["place"], "r.place")])
    b.heading(t["skipped"], level=2)
    b.loop_table("s", "plan.skipped", [(t["date"], "s.date"), (t["reason"], "s.reason")])
    b.heading(t["proposal"], level=2)
    b.paragraph("{{ plan.decision }}")
    return b.to_bytes()


register(DocumentKind(name="moteplan", label="Møteplan", model=MeetingPlan, build_context=build_context,
                      default_template=default_template, sample_context=sample_context,
                      filename=lambda plan: f"moteplan-{plan.organization.slug}-{plan.year}"))
