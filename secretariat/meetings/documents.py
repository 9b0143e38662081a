"""Møteinnkalling with sakskart, protokoll (møtebok) and særutskrift, from the meetings selectors.

The data comes from ``secretariat.meetings.selectors.notice_data``/``minutes_data``, which already apply
the rules of ``secretariat.access`` (closed items and exempt cases keep only label, public title and marking;
a tilleggssak waits for its own notice); the case papers in the sakskart are built by
``case_paper.case_paper_context``, which asks ``secretariat.access`` too.
"""

from __future__ import annotations

from document_templates.builder import DocBuilder
from document_templates.context import clock, kommune_context, long_date, text
from document_templates.labels import (
    closed_basis_label,
    exemption_marking,
    labels,
    outcome_label,
    proposal_by,
    role_label,
    vote_result,
)
from document_templates.registry import DocumentKind, register
from secretariat import access
from secretariat.cases.documents import case_paper_context, sample_case_paper, write_case_paper
from secretariat.cases.models import Consultation
from workflows.meeting import MeetingState

from .models import AgendaItem, Meeting
from .selectors import met_for_lines, minutes_data, notice_data
from .services.notice import supplementary_batch

FROZEN_MEETING_STATES = frozenset({MeetingState.PROTOKOLL_GODKJENT, MeetingState.ARKIVERT})


def meeting_context(data: dict, maalform: str) -> dict:
    t = labels(maalform)
    m = data["meeting"]
    start, end = m["start"], m["end"]
    time = clock(start) + (f"–{clock(end)}" if end else "")
    location = m["location"]
    if m["is_remote"]:
        location = f"{t['fjernmote']}" + (f": {m['remote_link']}" if m["remote_link"] else "")
    return {"organization": m["organization"], "title": m["title"], "date": long_date(start, maalform),
            "time": time, "location": location, "chair": data.get("chair", "")}


def closed_marking(item: dict, maalform: str) -> str:
    if not item["closed"]:
        return ""
    basis = closed_basis_label(item.get("closed_basis", ""), item["closed_basis_label"], maalform)
    return f"{labels(maalform)['lukket']}, {basis or 'koml. § 11-5'}"


def _empty_case_paper(maalform: str) -> dict:
    return {
        "case": {"arkivsaksnummer": "", "utvalgssaksnummer": "", "title": "", "officer": "", "unit": "",
                 "exempt": False, "exempt_marking": "", "consultations": []},
        "paper": {key: text("") for key in ("summary", "background", "assessment", "economic_consequences",
                                            "recommendation")}
        | {"show_content": False, "withheld_note": "", "attachments": [], "version": 0},
    }


# -- spørsmål og interpellasjoner (after the saksliste, in the notice and the protokoll) ---------------

def questions_context(rows: list[dict], maalform: str) -> list[dict]:
    """The questions as `selectors.questions_data` gave them (access already applied): an exempt one keeps its
    label, asker and marking only."""
    t = labels(maalform)
    out = []
    for q in rows:
        shown = q.get("content_shown", True)  # minutes frozen before session 19 have no access keys
        out.append({"label": q.get("label") or q["kind_label"], "by": q["by"], "title": q["title"],
                    "text": text(q["text"]), "answer": text(q["answer"]), "has_answer": bool(q["answer"]),
                    "show_content": shown,
                    "withheld_note": "" if shown else (exemption_marking(q.get("exempt_marking", ""), maalform)
                                                       or t["sporsmal_withheld"])})
    return out


def sample_questions(maalform: str) -> list[dict]:
    return questions_context([{"label": "Interpellasjon 1", "by": "Per Hansen", "title": "Skolevegen på Neset",
                               "text": "Hva vil ordføreren gjøre?", "answer": "Saken følges opp.",
                               "content_shown": True, "exempt_marking": ""}], maalform)


def write_questions(b: DocBuilder, t: dict, *, answers: bool) -> None:
    """«Spørsmål og interpellasjoner» as a section of its own; in the protokoll with the answer."""
    def one():
        b.paragraph(f"{{{{ q.label }}}} {t['fra']} {{{{ q.by }}}}: {{{{ q.title }}}}", bold=True)

        def content():
            b.paragraph("{{ q.text }}")
            if answers:
                b.block_if("q.has_answer", lambda: (b.paragraph(f"{t['svar']}:", bold=True),
                                                    b.paragraph("{{ q.answer }}")))

        b.block_if("q.show_content", content, else_body=lambda: b.paragraph("{{ q.withheld_note }}", italic=True))

    b.block_if("questions", lambda: (b.heading(t["sporsmal_interpellasjoner"], level=2),
                                     b.block_for("q", "questions", one)))


# -- innkalling --------------------------------------------------------------------------------------

def notice_context(meeting, *, public: bool, maalform: str, only: set[int] | None = None) -> dict:
    t = labels(maalform)
    data = notice_data(meeting, public=public)
    if only is not None:  # a tilleggsinnkalling: the items of its own notice only
        data = {**data, "items": [row for row in data["items"] if row["id"] in only]}
    objects = {
        item.pk: item for item in AgendaItem.objects.filter(meeting=meeting).select_related(
            "consultation__case__paper", "consultation__case__case_officer", "consultation__case__responsible_unit",
        ).prefetch_related("consultation__case__attachments")
    }
    case_ids = {item.consultation.case_id for item in objects.values() if item.consultation_id}
    by_case: dict[int, list] = {}
    for consultation in (Consultation.objects.filter(case_id__in=case_ids).select_related("organization")
                         .prefetch_related("agenda_items__meeting").order_by("case_id", "sequence")):
        by_case.setdefault(consultation.case_id, []).append(consultation)
    items = []
    for row in data["items"]:
        obj = objects.get(row["id"])
        case = obj.consultation.case if obj is not None and obj.consultation_id else None
        paper = (case_paper_context(case, public=public, maalform=maalform, item=obj,
                                    consultations=by_case.get(case.pk, []))
                 if case is not None else _empty_case_paper(maalform))
        paper["case"]["title"] = row["title"]
        items.append({
            "label": row["label"], "title": row["title"], "closed": row["closed"],
            "closed_marking": closed_marking(row, maalform),
            "exempt_marking": exemption_marking(row["exempt_marking"], maalform),
            "supplementary": t["tilleggssak"] if row["is_supplementary"] else "",
            "has_case": case is not None, **paper,
        })
    return {
        "kommune": kommune_context(),
        "document": {"public": public, "version_note": t["public_version"] if public else ""},
        "meeting": meeting_context(data, maalform),
        "members": [{"name": m["name"], "party": m["party"], "role": role_label(m["role"], maalform)}
                    for m in data["members"]],
        "substitutes": called_substitutes(data),
        "items": items,
        "questions": questions_context(data["questions"], maalform),
    }


def called_substitutes(data: dict) -> list[dict]:
    """«Innkalte varamedlemmer»: each called-in substitute and whom she meets for (koml. § 7-10); nobody who
    has reported absence for the whole meeting (notice_data leaves them out)."""
    return [{"name": s["name"], "party": s["party"],
             "for": s["substitute_for"] + (f" ({', '.join(s['items'])})" if s["items"] else "")}
            for s in data.get("substitutes_called", [])]


def notice_sample_context(maalform: str) -> dict:
    paper = sample_case_paper(maalform)
    return {
        "kommune": kommune_context(sample=True),
        "document": {"public": False, "version_note": ""},
        "meeting": {"organization": "Formannskapet", "title": "Møte i formannskapet", "date": "torsdag 12. mars 2026",
                    "time": "18:00–21:00", "location": "Kommunestyresalen", "chair": "Kari Nordvik"},
        "members": [{"name": "Kari Nordvik", "party": "Ap", "role": role_label("Leder", maalform)}],
        "substitutes": [{"name": "Anne Lie", "party": "H", "for": "Per Hansen"}],
        "items": [{"label": "PS 12/26", "title": paper["case"]["title"], "closed": False, "closed_marking": "",
                   "exempt_marking": "", "supplementary": "", "has_case": True, **paper}],
        "questions": sample_questions(maalform),
    }


def _meeting_document(t: dict, title_key: str) -> DocBuilder:
    """The head both meeting documents share: title, the public version's note, the body, time and place."""
    b = DocBuilder(title=t[title_key], page_label=t["page"], of_label=t["of"])
    b.paragraph(t[title_key], bold=True, size=18)
    b.block_if("document.public", lambda: b.paragraph("{{ document.version_note }}", italic=True))
    b.heading("{{ meeting.organization }}", level=1)
    b.field_table([(t["tid"], "meeting.date }} {{ meeting.time"), (t["sted"], "meeting.location")])
    return b


def notice_template(maalform: str, title_key: str = "innkalling") -> bytes:
    t = labels(maalform)
    b = _meeting_document(t, title_key)
    b.paragraph(t["forfall"])
    b.heading(t["saksliste"], level=2)
    b.loop_table("item", "items", [(t["saksnr"], "item.label"), (t["tittel"], "item.title"),
                                   ("", "item.closed_marking }}{{ item.exempt_marking }} {{ item.supplementary")])
    b.block_if("members", lambda: (
        b.heading(t["innkalte"], level=2),
        b.loop_table("member", "members", [(t["navn"], "member.name"),
                                           (t["parti"], "member.party"), (t["rolle"], "member.role")]),
    ))
    b.block_if("substitutes", lambda: (
        b.heading(t["innkalte_vara"], level=2),
        b.loop_table("sub", "substitutes", [(t["navn"], "sub.name"), ("Parti", "sub.party"),
                                            (t["moter_for"], "sub.for")]),
    ))
    b.tag("{%p for item in items %}")
    b.page_break()
    b.paragraph(f"{t['sakskart']} – {{{{ item.label }}}}", bold=True)

    def with_case():
        write_case_paper(b, t, prefix="item.", heading_level=1)

    def without_case():
        b.heading("{{ item.title }}", level=1)

    b.block_if("item.has_case", with_case, else_body=without_case)
    b.block_if("item.closed_marking", lambda: b.paragraph("{{ item.closed_marking }}", bold=True))
    b.tag("{%p endfor %}")
    write_questions(b, t, answers=False)  # after the sakskart: spørsmål og interpellasjoner
    return b.to_bytes()


# -- tilleggsinnkalling -------------------------------------------------------------------------------

def supplementary_notice_context(meeting, *, public: bool, maalform: str) -> dict:
    return notice_context(meeting, public=public, maalform=maalform,
                          only={item.pk for item in supplementary_batch(meeting)})  # the notice service's rule


def supplementary_notice_template(maalform: str) -> bytes:
    return notice_template(maalform, "tilleggsinnkalling")


# -- protokoll ---------------------------------------------------------------------------------------

def _vote_lines(vote: dict, maalform: str) -> dict:
    t = labels(maalform)
    by = proposal_by(vote["proposal_by"], maalform)
    proposal = f"{t['forslag']} {vote['proposal']}" + (f" ({by})" if by else "")
    # The result in the document's målform, in the vote's own wording (Vote.result_text); approved minutes frozen
    # before that wording was stored fall back to the document side's (labels.vote_result).
    result = vote.get("result_label_nn") if maalform == "nn" else vote.get("result_label")
    line = f"{proposal}: {result or vote_result(vote, maalform)}"
    parties = [f"{p['party']}: {p['for_count']} for, {p['against_count']} mot"
               + (f", {p['blank_count']} blank" if p.get("blank_count") else "") for p in vote["by_party"]]
    named = [f"{n['name']} ({n['party']}): {n['vote']}" for n in vote["named"]]
    return {"line": line, "parties": parties, "named": named}


def _decision_part(row: dict, t: dict, maalform: str, organization: str) -> tuple[str, str]:
    """(heading, text) of what the body did with the item. A decision is «Vedtak (Formannskapet)», or, when the
    case goes on, «Innstilling til kommunestyret» (issue 13: an innstilling is not a vedtak). An item without a
    decision prints its outcome («Utsatt» with the reason, «Tatt til orientering»), never «Ikke behandlet»."""
    if row["decision_text"] or row.get("decision_kind"):
        if row.get("decision_kind") == "innstilling":
            to = row.get("recommended_to", "")
            heading = f"{t['innstilling_til']} {to[:1].lower() + to[1:]}" if to else t["innstilling_kort"]
        else:
            heading = f"{t['vedtak']} ({organization})" if organization else t["vedtak"]
        return heading, row["decision_text"] or t["withheld"]
    outcome = row.get("outcome", "")
    if outcome:
        comment = row.get("outcome_comment", "")
        return t["utfall"], outcome_label(outcome, maalform) + (f": {comment}" if comment else "") + \
            ("" if comment.endswith(".") else ".")
    return t["vedtak"], t["ingen_vedtak"]


def chair_line(row: dict, meeting_chair: str | None, maalform: str) -> str:
    """«Møteleder i saken: Henrik Fsk (nestleder)» when someone other than the meeting's møteleder led the item
    (koml. § 11-2: the nestleder, or a setteleder the body elected). Empty when the meeting's chair led it, when the
    item's content is not shown (its chair is then ""), for older frozen data without the key, and when the
    caller does not know the meeting's chair (None)."""
    chair = row.get("chair") or ""
    if meeting_chair is None or not chair or chair == meeting_chair:
        return ""
    t = labels(maalform)
    role = t.get(f"chair_{row.get('chair_role') or ''}", "")
    return f"{t['leda_av']}: {chair}" + (f" ({role})" if role else "")


def minutes_item(row: dict, *, public: bool, maalform: str, organization: str = "",
                 meeting_chair: str | None = None) -> dict:
    t = labels(maalform)
    hidden = not row.get("content_shown", not public)
    heading, decision = _decision_part(row, t, maalform, organization)
    votes = [_vote_lines(v, maalform) for v in row["votes"]]
    return {
        "led_by": chair_line(row, meeting_chair, maalform),
        "label": row["label"], "title": row["title"], "closed_marking": closed_marking(row, maalform),
        "exempt_marking": exemption_marking(row["exempt_marking"], maalform), "arkivsaksnummer": row["arkivsaksnummer"],
        "show_content": not hidden,
        "withheld_note": (t["closed_item"] if row["closed"] else t["withheld"]) if hidden else "",
        "recommendation_source": row["recommendation_source"], "recommendation": text(row["recommendation"]),
        # RS and OS items (and a case without one) have no innstilling: no «Innstilling ():» line.
        "has_recommendation": bool((row["recommendation"] or "").strip()),
        "proposals": [{"position": p["position"], "by": proposal_by(p["by"], maalform), "text": text(p["text"])}
                      for p in row["proposals"]],
        "votes": votes,
        "decision_heading": heading,
        "decision": text(decision),
        # The vote is printed once: the vote lines when there are votes, else «Enstemmig vedtatt».
        "vote_summary": "" if votes else (t["enstemmig"] if row["unanimous"] else ""),
        "outcome": outcome_label(row["outcome"], maalform) if row["outcome"] else "",
        "recusals": [f"{r['name']} ({r['party']})" + (f": {r['grounds']}" if r["grounds"] else "")
                     for r in row["recusals"]],
        "remarks": [{"by": r["by"], "text": text(r["text"])} for r in row["remarks"]],
        "speakers": ", ".join(row.get("speakers") or []),  # issue 16: only when the reglement asks for it
    }


def minutes_context(meeting, *, public: bool, maalform: str) -> dict:
    t = labels(maalform)
    data = minutes_data(meeting, public=public)
    att = data["attendance"]
    return {
        "kommune": kommune_context(),
        "document": {"public": public, "version_note": t["public_version"] if public else ""},
        "meeting": meeting_context(data, maalform),
        "present": [{"name": p["name"], "party": p["party"], "role": role_label(p["role"], maalform), "note": ""}
                    for p in att["present"]],
        "absent": [{"name": a["name"], "party": a["party"], "substitute": a["substitute"]} for a in att["absent"]],
        # «Møtte for», per item, from the one record (selectors.met_for); older frozen snapshots lack the key
        "met_for": att.get("met_for_lines") or met_for_lines(att.get("met_for", [])),
        "quorum": f"{data['quorum']['present']} / {data['quorum']['seats']}",
        "items": [minutes_item(row, public=public, maalform=maalform, organization=data["meeting"]["organization"],
                               meeting_chair=data.get("chair", ""))
                  for row in data["items"]],
        "remarks": [{"by": r["by"], "text": text(r["text"])} for r in data["remarks"] if not r["item"]],
        "questions": questions_context(data.get("questions", []), maalform),
        "approval": {"approved": data["minutes"]["approved"], "label": data["minutes"]["approved_by_label"],
                     "signers": ", ".join(data["minutes"]["signers"])},
    }


def _sample_minutes_item(maalform: str) -> dict:
    return {
        "led_by": "",
        "label": "PS 12/26", "title": "Ny barnehage", "closed_marking": "", "exempt_marking": "",
        "arkivsaksnummer": "26/1234", "show_content": True, "withheld_note": "",
        "recommendation_source": "Kommunedirektøren", "recommendation": text("Kommunen bygger ny barnehage."),
        "has_recommendation": True,
        "proposals": [{"position": 1, "by": "Sp", "text": text("Utsette saken.")}],
        "votes": [{"line": f"{labels(maalform)['forslag']} 1 (Sp): "
                           + vote_result({"adopted": False, "for_count": 3, "against_count": 6}, maalform),
                   "parties": ["Sp: 3 for, 0 mot"], "named": []}],
        "decision_heading": f"{labels(maalform)['vedtak']} (Formannskapet)",
        "decision": text("Kommunen bygger ny barnehage."), "vote_summary": "",
        "outcome": outcome_label("vedtatt", maalform), "recusals": [], "remarks": [],
        "speakers": "Kari Nordvik (Ap), Per Hansen (H)",
    }


def minutes_sample_context(maalform: str) -> dict:
    return {
        "kommune": kommune_context(sample=True),
        "document": {"public": False, "version_note": ""},
        "meeting": {"organization": "Formannskapet", "title": "Møte i formannskapet", "date": "torsdag 12. mars 2026",
                    "time": "18:00–21:00", "location": "Kommunestyresalen", "chair": "Kari Nordvik"},
        "present": [{"name": "Kari Nordvik", "party": "Ap", "role": role_label("Leder", maalform), "note": ""}],
        "absent": [{"name": "Per Hansen", "party": "H", "substitute": "Anne Lie"}],
        "met_for": ["Anne Lie (H) møtte for Per Hansen"],
        "quorum": "9 / 9",
        "items": [_sample_minutes_item(maalform)],
        "remarks": [],
        "questions": sample_questions(maalform),
        "approval": {"approved": True, "label": "Formannskapet 2.4.2026", "signers": "Kari Nordvik"},
    }


def write_minutes_item(b: DocBuilder, t: dict, var: str = "item") -> None:
    b.heading(f"{{{{ {var}.label }}}} {{{{ {var}.title }}}}", level=2)
    b.block_if(f"{var}.closed_marking", lambda: b.paragraph(f"{{{{ {var}.closed_marking }}}}", bold=True))
    b.block_if(f"{var}.exempt_marking", lambda: b.paragraph(f"{{{{ {var}.exempt_marking }}}}", bold=True))

    def content():
        b.block_if(f"{var}.led_by", lambda: b.paragraph(f"{{{{ {var}.led_by }}}}", italic=True))
        b.block_if(f"{var}.has_recommendation", lambda: (
            b.paragraph(f"{t['innstilling_kort']} ({{{{ {var}.recommendation_source }}}}):", bold=True),
            b.paragraph(f"{{{{ {var}.recommendation }}}}"),
        ))
        b.block_if(f"{var}.recusals", lambda: (
            b.paragraph(t["inhabil"], bold=True),
            b.block_for("r", f"{var}.recusals", lambda: b.paragraph("{{ r }}")),
        ))
        b.paragraph(t["behandling"], bold=True)
        b.block_for("p", f"{var}.proposals",
                    lambda: b.paragraph(f"{t['forslag']} {{{{ p.position }}}} ({{{{ p.by }}}}): {{{{ p.text }}}}"))
        b.block_if(f"{var}.speakers", lambda: b.paragraph(f"{t['hadde_ordet']}: {{{{ {var}.speakers }}}}"))
        b.paragraph(t["votering"], bold=True)
        b.block_for("v", f"{var}.votes", lambda: (
            b.paragraph("{{ v.line }}"),
            b.block_for("line", "v.parties", lambda: b.paragraph("    {{ line }}")),
            b.block_for("line", "v.named", lambda: b.paragraph("    {{ line }}")),
        ))
        b.block_if(f"{var}.vote_summary", lambda: b.paragraph(f"{{{{ {var}.vote_summary }}}}"))
        b.paragraph(f"{{{{ {var}.decision_heading }}}}:", bold=True)
        b.paragraph(f"{{{{ {var}.decision }}}}")
        b.block_for("r", f"{var}.remarks", lambda: (
            b.paragraph(f"{t['protokolltilforsel']} {t['fra']} {{{{ r.by }}}}:", bold=True),
            b.paragraph("{{ r.text }}"),
        ))

    b.block_if(f"{var}.show_content", content,
               else_body=lambda: b.paragraph(f"{{{{ {var}.withheld_note }}}}", italic=True))


def minutes_template(maalform: str) -> bytes:
    t = labels(maalform)
    b = _meeting_document(t, "protokoll")
    b.heading(t["til_stede"], level=2)
    b.loop_table("p", "present", [(t["navn"], "p.name"), (t["parti"], "p.party"),
                                  (t["rolle"], "p.role"), ("", "p.note")])
    b.heading(t["forfall_heading"], level=2)
    b.loop_table("a", "absent", [(t["navn"], "a.name"), (t["parti"], "a.party")])
    b.block_if("met_for", lambda: (
        b.heading(t["motte_for"], level=2),
        b.block_for("line", "met_for", lambda: b.paragraph("{{ line }}")),
    ))
    b.tag("{%p for item in items %}")
    write_minutes_item(b, t)
    b.tag("{%p endfor %}")
    write_questions(b, t, answers=True)  # spørsmål og interpellasjoner with their answers
    b.block_for("r", "remarks", lambda: (
        b.paragraph(f"{t['protokolltilforsel']} {t['fra']} {{{{ r.by }}}}:", bold=True),
        b.paragraph("{{ r.text }}"),
    ))
    b.block_if("approval.approved", lambda: b.paragraph("{{ approval.label }} {{ approval.signers }}", italic=True))
    return b.to_bytes()


# -- særutskrift -------------------------------------------------------------------------------------

def extract_context(item: AgendaItem, *, public: bool, maalform: str) -> dict:
    t = labels(maalform)
    data = minutes_data(item.meeting, public=public)
    row = next(r for r in data["items"] if r["id"] == item.pk)
    case = item.consultation.case if item.consultation_id else None
    officer = ""
    if case is not None:
        officer = case.case_officer.get_full_name() or case.case_officer.get_username()
    return {
        "kommune": kommune_context(),
        "document": {"public": public, "version_note": t["public_version"] if public else ""},
        "meeting": meeting_context(data, maalform),
        "item": minutes_item(row, public=public, maalform=maalform, organization=data["meeting"]["organization"],
                             meeting_chair=data.get("chair", "")),
        "case": {"arkivsaksnummer": row["arkivsaksnummer"], "officer": officer},
    }


def extract_sample_context(maalform: str) -> dict:
    ctx = minutes_sample_context(maalform)
    return {"kommune": ctx["kommune"], "document": ctx["document"], "meeting": ctx["meeting"],
            "item": _sample_minutes_item(maalform), "case": {"arkivsaksnummer": "26/1234", "officer": "Ola Bergstrøm"}}


def extract_template(maalform: str) -> bytes:
    t = labels(maalform)
    b = DocBuilder(title=t["saerutskrift"], page_label=t["page"], of_label=t["of"])
    b.paragraph(t["saerutskrift"], bold=True, size=18)
    b.block_if("document.public", lambda: b.paragraph("{{ document.version_note }}", italic=True))
    b.field_table([(t["arkivsaksnummer"], "case.arkivsaksnummer"), (t["saksbehandler"], "case.officer"),
                   (t["mote"], "meeting.organization }}, {{ meeting.date")])
    write_minutes_item(b, t)
    b.paragraph(t["rett_utskrift"], italic=True)
    return b.to_bytes()


def meeting_is_frozen(meeting) -> bool:
    return meeting.state in FROZEN_MEETING_STATES


def notice_is_public(meeting) -> bool:
    return access.document_is_public("innkalling", meeting)


def meeting_filename(prefix: str):
    def name(meeting) -> str:
        return f"{prefix}-{meeting.organization.slug}-{meeting.start:%Y-%m-%d}"

    return name


def extract_filename(item) -> str:
    return f"saerutskrift-{item.label.replace(' ', '-').replace('/', '-')}"


register(DocumentKind(
    name="innkalling", label="Møteinnkalling med sakskart", model=Meeting,
    build_context=notice_context, default_template=notice_template,
    sample_context=notice_sample_context, filename=meeting_filename("innkalling"),
    public_allowed=lambda meeting: access.document_is_public("innkalling", meeting),
))

register(DocumentKind(
    name="tilleggsinnkalling", label="Tilleggsinnkalling med sakskart", model=Meeting,
    build_context=supplementary_notice_context, default_template=supplementary_notice_template,
    sample_context=notice_sample_context, filename=meeting_filename("tilleggsinnkalling"),
    public_allowed=lambda meeting: access.document_is_public("tilleggsinnkalling", meeting),
))

register(DocumentKind(
    name="protokoll", label="Møteprotokoll", model=Meeting,
    build_context=minutes_context, default_template=minutes_template,
    sample_context=minutes_sample_context, filename=meeting_filename("protokoll"),
    is_frozen=meeting_is_frozen, public_allowed=lambda meeting: access.document_is_public("protokoll", meeting),
))

register(DocumentKind(
    name="saerutskrift", label="Særutskrift", model=AgendaItem,
    build_context=extract_context, default_template=extract_template,
    sample_context=extract_sample_context, filename=extract_filename,
    is_frozen=lambda item: meeting_is_frozen(item.meeting),
    public_allowed=lambda item: access.document_is_public("saerutskrift", item),
))
