"""OParl 1.1 objects built from Saksgang's public data.

Every function takes a model instance (or the public item data of `secretariat.meetings.selectors`) and returns the
OParl object as a dict. Ids are absolute URLs under SAKSGANG_BASE_URL. Nothing here decides what is public: the
querysets come from `secretariat.access` and the meeting/item content from the public selectors.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from secretariat import access
from secretariat.meetings import selectors as meeting_selectors
from secretariat.organizations.models import MembershipRole

SCHEMA = "https://schema.oparl.org/1.1/"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"  # NLOD-compatible; the kommune may change it
PRODUCT = "https://github.com/saksgang/saksgang"
EXT = "saksgang:"  # prefix of the extension fields (README, "OParl")


def base() -> str:
    return settings.SAKSGANG_BASE_URL.rstrip("/")


def url(name: str, *args) -> str:
    return base() + reverse(f"oparl:{name}", args=args)


def web(name: str, *args) -> str:
    return base() + reverse(name, args=args)


def iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _clean(data: dict) -> dict:
    """OParl: a property without a value is left out (never null, never an empty string)."""
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def _stamps(obj) -> dict:
    created = getattr(obj, "created_at", None)
    modified = getattr(obj, "updated_at", None) or created
    return {"created": iso(created), "modified": iso(modified)}


def deleted(kind: str, type_name: str, tombstone) -> dict:
    return _clean({"id": url(kind, tombstone.object_id), "type": SCHEMA + type_name, **tombstone.required,
                   "deleted": True,
                   "created": iso(tombstone.created_at), "modified": iso(tombstone.deleted_at)})


# --- system and body --------------------------------------------------------------------------------------------


def system(body_model) -> dict:
    first = body_model.objects.order_by("pk").first()
    return _clean({
        "id": url("system"), "type": SCHEMA + "System", "oparlVersion": "https://schema.oparl.org/1.1/",
        "license": LICENSE, "body": url("body_list"), "name": f"Saksgang – {first.name}" if first else "Saksgang",
        "contactEmail": getattr(first, "email", ""), "website": web("innsyn:index"), "product": PRODUCT,
        "web": web("innsyn:index"),
    })


def legislative_term(term) -> dict:
    return _clean({"id": url("legislativeterm", term.pk), "type": SCHEMA + "LegislativeTerm",
                   "body": url("body", term.body_id), "name": term.name, "startDate": iso(term.start_date),
                   "endDate": iso(term.end_date), "license": LICENSE, **_stamps(term)})


def body(b) -> dict:
    pk = b.pk
    return _clean({
        "id": url("body", pk), "type": SCHEMA + "Body", "system": url("system"), "name": b.name,
        "shortName": b.name.replace(" kommune", ""), "website": b.website, "license": LICENSE,
        "contactEmail": b.email, "classification": "Kommune",
        "organization": url("organization_list", pk), "person": url("person_list", pk),
        "meeting": url("meeting_list", pk), "paper": url("paper_list", pk),
        "legislativeTerm": [legislative_term(t) for t in b.terms.order_by("start_date")],
        "agendaItem": url("agendaitem_list", pk), "consultation": url("consultation_list", pk),
        "file": url("file_list", pk), "locationList": url("location_list", pk),
        "legislativeTermList": url("legislativeterm_list", pk), "membership": url("membership_list", pk),
        "web": web("innsyn:index"), EXT + "kommunenummer": b.kommunenummer, **_stamps(b),
    })


# --- organizations, people, memberships -------------------------------------------------------------------------


def organization(org) -> dict:
    return _clean({
        "id": url("organization", org.pk), "type": SCHEMA + "Organization", "body": url("body", org.body_id),
        "name": org.name, "shortName": org.short_name,
        "membership": [url("membership", m.pk) for m in org.memberships.order_by("pk")],
        "meeting": url("organization_meetings", org.pk), "organizationType": "Gremium",
        "classification": org.get_organization_type_display(), "license": LICENSE,
        EXT + "antallMedlemmer": org.seats or None, **_stamps(org),
    })


def membership(m) -> dict:
    return _clean({
        "id": url("membership", m.pk), "type": SCHEMA + "Membership", "person": url("person", m.person_id),
        "organization": url("organization", m.organization_id), "role": m.get_role_display(),
        "votingRight": m.role != MembershipRole.SUBSTITUTE, "startDate": iso(m.start_date),
        "endDate": iso(m.end_date), "license": LICENSE,
        EXT + "valgliste": m.electoral_list.name if m.electoral_list_id else None,
        EXT + "varaNummer": m.substitute_order if m.role == MembershipRole.SUBSTITUTE else None,
        **_stamps(m),
    })


def person(p, body_id: int) -> dict:
    email = access.public_person_email(p)
    party = p.party.abbreviation if p.party_id else None
    return _clean({
        "id": url("person", p.pk), "type": SCHEMA + "Person", "body": url("body", body_id), "name": p.name,
        "familyName": p.family_name, "givenName": p.given_name, "email": [email] if email else [],
        "membership": [membership(m) for m in p.memberships.select_related("electoral_list").order_by("pk")],
        "license": LICENSE, EXT + "parti": party, **_stamps(p),
    })


# --- meetings and their agenda ------------------------------------------------------------------------------------


def location(meeting) -> dict:
    return _clean({"id": url("location", meeting.pk), "type": SCHEMA + "Location",
                   "description": meeting.location or ("Fjernmøte" if meeting.is_remote else "Ikke bestemt"),
                   "meetings": [url("meeting", meeting.pk)], "license": LICENSE, **_stamps(meeting)})


def file_ref(kind: str, obj_id: int, name: str, *, meeting=None, paper=None, item=None) -> dict:
    """An embedded File: what it is and where it is; its checksums are on the File object itself."""
    return _clean({
        "id": url("file", kind, obj_id), "type": SCHEMA + "File", "name": name,
        "fileName": f"{kind}-{obj_id}.docx",
        "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "accessUrl": web("innsyn:document", kind, obj_id, "docx"),
        "downloadUrl": web("innsyn:document", kind, obj_id, "docx"),
        "derivativeFile": [], "meeting": [url("meeting", meeting)] if meeting else [],
        "paper": [url("paper", paper)] if paper else [], "agendaItem": [url("agendaitem", item)] if item else [],
        "license": LICENSE,
    })


def file(kind: str, obj_id: int, doc, *, name: str, meeting=None, paper=None, item=None) -> dict:
    content = bytes(doc.content)
    return _clean({
        **file_ref(kind, obj_id, name, meeting=meeting, paper=paper, item=item),
        "fileName": doc.filename, "size": len(content), "date": iso(timezone.localtime(doc.created_at).date()),
        "sha1Checksum": hashlib.sha1(content, usedforsecurity=False).hexdigest(),
        "sha512Checksum": hashlib.sha512(content).hexdigest(),
        EXT + "sha256Checksum": doc.checksum,
        "created": iso(doc.created_at), "modified": iso(doc.created_at),
    })


def public_meeting_data(meeting) -> dict:
    """The public data of a meeting's agenda: the approved minutes once they are public, else the notice."""
    if access.minutes_are_public(meeting):
        return meeting_selectors.minutes_data(meeting, public=True)
    return meeting_selectors.notice_data(meeting, public=True)


def agenda_item(row: dict, item, meeting) -> dict:
    """`row` is the public item data of `selectors.notice_data(meeting, public=True)` (or the minutes')."""
    video = None
    if row.get("content_shown") and row.get("video_offset_seconds") is not None and meeting.video_url:
        video = {"url": meeting.video_url, "startSekunder": row["video_offset_seconds"]}
    votes = [{"forslag": v["proposal"], "fremmetAv": v["proposal_by"], "for": v["for_count"],
              "mot": v["against_count"], "blanke": v["blank_count"], "vedtatt": v["adopted"],
              "resultat": v["result_label"],
              "perParti": [{"parti": p["party"], "for": p["for_count"], "mot": p["against_count"],
                            "blanke": p["blank_count"]} for p in v["by_party"]]}
             for v in row.get("votes", [])]
    return _clean({
        "id": url("agendaitem", item.pk), "type": SCHEMA + "AgendaItem", "meeting": url("meeting", meeting.pk),
        "number": row["label"], "order": row["position"], "name": row["title"], "public": not row["closed"],
        "consultation": url("consultation", item.consultation_id) if item.consultation_id and row.get("case_id")
        else None,
        "result": row.get("outcome_label"), "resolutionText": row.get("decision_text"),
        "resolutionFile": file_ref("saerutskrift", item.pk, f"Særutskrift {row['label']}", meeting=meeting.pk,
                                   item=item.pk) if row.get("decision_text") else None,
        "license": LICENSE, "web": web("innsyn:meeting", meeting.pk) + f"#sak-{item.pk}",
        EXT + "lukket": row["closed"] or None, EXT + "lukkingshjemmel": row.get("closed_basis_label"),
        EXT + "unntattOffentlighet": row.get("exempt_marking"),
        EXT + "kortFortalt": row.get("summary"), EXT + "innstilling": row.get("recommendation"),
        EXT + "avstemninger": votes if not row["closed"] else [],
        EXT + "avstemningTekst": row.get("vote_summary"),
        EXT + "video": video, EXT + "vedtakstype": row.get("decision_kind"),
        **_stamps(item),
    })


def meeting(m, *, with_items: bool = True) -> dict:
    agenda_public = access.agenda_is_public(m)
    items = []
    if with_items and agenda_public:
        data = public_meeting_data(m)
        objects = {i.pk: i for i in m.agenda_items.all()}
        items = [agenda_item(row, objects[row["id"]], m) for row in data["items"] if row["id"] in objects]
    participants = []
    if access.minutes_are_public(m):
        participants = sorted({url("person", pid) for pid in
                               m.attendances.values_list("membership__person_id", flat=True)})
    return _clean({
        "id": url("meeting", m.pk), "type": SCHEMA + "Meeting", "name": m.title or f"Møte i {m.organization.name}",
        "meetingState": m.get_state_display(), "cancelled": m.is_cancelled, "start": iso(m.start),
        "end": iso(m.end), "location": location(m), "organization": [url("organization", m.organization_id)],
        "participant": participants,
        "invitation": file_ref("innkalling", m.pk, "Møteinnkalling med saksliste", meeting=m.pk)
        if agenda_public else None,
        "resultsProtocol": file_ref("protokoll", m.pk, "Protokoll", meeting=m.pk)
        if access.minutes_are_public(m) else None,
        "agendaItem": items, "license": LICENSE, "web": web("innsyn:meeting", m.pk),
        EXT + "fjernmote": m.is_remote or None, EXT + "video": m.video_url if agenda_public else None,
        **_stamps(m),
    })


# --- papers (cases) and consultations -------------------------------------------------------------------------------


def consultation(c, published_items: dict) -> dict:
    """`published_items`: consultation id -> its published agenda item (or absent)."""
    item = published_items.get(c.pk)
    return _clean({
        "id": url("consultation", c.pk), "type": SCHEMA + "Consultation", "paper": url("paper", c.case_id),
        "agendaItem": url("agendaitem", item.pk) if item else None,
        "meeting": url("meeting", item.meeting_id) if item else None,
        "organization": [url("organization", c.organization_id)], "authoritative": c.authoritative,
        "role": "Vedtak" if c.authoritative else "Innstilling", "license": LICENSE, **_stamps(c),
    })


def paper(case, published_items: dict, *, body_id: int) -> dict:
    summary = access.public_summary(case)
    content_public = access.case_content_is_public(case)
    return _clean({
        "id": url("paper", case.pk), "type": SCHEMA + "Paper", "body": url("body", body_id),
        "name": access.public_case_title(case), "reference": case.arkivsaksnummer,
        "date": iso(timezone.localtime(case.created_at).date()), "paperType": "Politisk sak",
        "mainFile": file_ref("saksframlegg", case.pk, "Saksframlegg", paper=case.pk) if content_public else None,
        "consultation": [consultation(c, published_items) for c in case.consultations.order_by("sequence")],
        "license": LICENSE, "web": web("innsyn:case", case.pk),
        EXT + "kortFortalt": summary, EXT + "unntattOffentlighet": case.exempt_marking if access.is_exempt(case) else None,
        EXT + "status": case.get_state_display(),
        **_stamps(case),
    })
