"""The lists sent to the courts / statsforvalteren (document kind «oppnevning»), via the document registry.

`python manage.py render_document oppnevning <round id> --out liste.docx`. The internal version (for the courts)
has birth dates and addresses; the public version only names, birth years and the pool.
"""

from __future__ import annotations

from document_templates.builder import DocBuilder
from document_templates.context import kommune_context, short_date, text
from document_templates.registry import DocumentKind, register
from secretariat.access import appointment_proposal_is_public

from .models import AppointmentRound, Candidate, RoundKind
from .services import round_balance

LABELS = {
    "nb": {"title": "Oppnevning", "kind": "Type", "period": "Periode", "status": "Status", "to": "Sendes til",
           "elected": "Valgt av kommunestyret", "display": "Offentlig ettersyn", "case": "Sak",
           "name": "Navn", "born": "Født", "address": "Adresse", "occupation": "Stilling", "gender": "Kjønn",
           "summary": "Oppsummering", "pools": "Utvalg", "count": "Antall", "women": "Kvinner", "men": "Menn",
           "intro": "Kommunestyret har valgt disse for perioden"},
    "nn": {"title": "Oppnemning", "kind": "Type", "period": "Periode", "status": "Status", "to": "Blir sendt til",
           "elected": "Vald av kommunestyret", "display": "Offentleg ettersyn", "case": "Sak",
           "name": "Namn", "born": "Fødd", "address": "Adresse", "occupation": "Stilling", "gender": "Kjønn",
           "summary": "Oppsummering", "pools": "Utval", "count": "Tal", "women": "Kvinner", "men": "Menn",
           "intro": "Kommunestyret har valt desse for perioden"},
}


def _person_row(c: Candidate, *, public: bool) -> dict:
    address = ", ".join(x for x in (c.address, f"{c.postal_code} {c.postal_place}".strip()) if x)
    return {
        "name": c.name,
        "born": (str(c.birth_date.year) if c.birth_date else "") if public else short_date(c.birth_date),
        "address": "" if public else address,
        "occupation": "" if public else c.occupation_text,
        "gender": c.get_gender_display(),
    }


def build_context(round_: AppointmentRound, *, public: bool, maalform: str) -> dict:
    balance = round_balance(round=round_)
    pools = []
    for row in balance["pools"]:
        pool = row["pool"]
        people = pool.candidates.order_by("family_name", "given_name")
        pools.append({"label": pool.label, "size": str(pool.size), "women": str(row["women"]),
                      "men": str(row["men"]), "count": str(row["proposed"]),
                      "people": [_person_row(c, public=public) for c in people]})
    case = round_.case
    return {
        "kommune": kommune_context(),
        "labels": LABELS[maalform],
        "round": {
            "title": round_.title,
            "kind": round_.get_kind_display(),
            "period": f"{short_date(round_.period_start)}–{short_date(round_.period_end)}",
            "status": round_.get_state_display(),
            "reported_to": round_.reported_to or "",
            "display": (f"{short_date(round_.display_start)}–{short_date(round_.display_end)}"
                        if round_.display_start else ""),
            "case": case.arkivsaksnummer if case else "",
            "intro": text(f"{LABELS[maalform]['intro']} {short_date(round_.period_start)}–"
                          f"{short_date(round_.period_end)}."),
        },
        "pools": pools,
    }


def sample_context(maalform: str) -> dict:
    person = {"name": "Kari Nordmann", "born": "01.02.1970", "address": "Storgata 1, 5999 Fjordvik",
              "occupation": "Lærer", "gender": "Kvinne"}
    return {
        "kommune": kommune_context(sample=True),
        "labels": LABELS[maalform],
        "round": {"title": "Meddommere 2029–2032", "kind": "Meddommere", "period": "01.01.2029–31.12.2032",
                  "status": "Valgt", "reported_to": "Tingretten", "display": "01.04.2028–15.04.2028",
                  "case": "28/123", "intro": text("Kommunestyret har valgt disse.")},
        "pools": [{"label": "Tingretten – kvinner", "size": "1", "women": "1", "men": "0", "count": "1",
                   "people": [person]}],
    }


def default_template(maalform: str) -> bytes:
    t = LABELS[maalform]
    b = DocBuilder(title=t["title"])
    b.heading("{{ round.title }}", level=1)
    b.paragraph("{{ round.intro }}")
    b.field_table([(t["kind"], "round.kind"), (t["period"], "round.period"), (t["status"], "round.status"),
                   (t["display"], "round.display"), (t["case"], "round.case"), (t["to"], "round.reported_to")])
    b.heading(t["summary"], level=2)
    b.loop_table("p", "pools", [(t["pools"], "p.label"), (t["count"], "p.count"), (t["women"], "p.women"),
                                (t["men"], "p.men")])

    def pool_section():
        b.heading("{{ pool.label }}", level=2)
        b.loop_table("person", "pool.people", [(t["name"], "person.name"), (t["born"], "person.born"),
                                               (t["gender"], "person.gender"), (t["address"], "person.address"),
                                               (t["occupation"], "person.occupation")])

    b.block_for("pool", "pools", pool_section)
    return b.to_bytes()


def _input_version(round_: AppointmentRound) -> str:
    return ""  # hash of the context: any change to a name, pool or state makes a new version


register(DocumentKind(
    name="oppnevning", label="Oppnevning (liste til domstol/statsforvalter)", model=AppointmentRound,
    build_context=build_context, default_template=default_template, sample_context=sample_context,
    input_version=_input_version,
    public_allowed=appointment_proposal_is_public,  # dl. § 68: public from the start of the display
    filename=lambda r: f"oppnevning-{r.pk}-{'forliksrad' if r.kind == RoundKind.FORLIKSRAD else r.kind}",
))
