"""OParl 1.1 endpoints: objects and paginated lists (`created_since`, `modified_since`, `modified_until`, `page`).

Every queryset is the public one from `secretariat.access`; an object the public may not see answers 404, exactly as
if it did not exist. Deleted objects answer `deleted: true` (and appear in the lists) from their tombstone.
"""

from __future__ import annotations

import datetime as dt
import math

from django.http import Http404, JsonResponse
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET

from document_templates import registry
from secretariat import access
from secretariat.cases.models import Case, Consultation
from secretariat.innsyn import documents as public_documents
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.organizations.models import Body, LegislativeTerm, Membership, Organization, Person

from . import objects
from .models import Tombstone

PAGE_SIZE = 50
JSON_TYPE = "application/json; charset=utf-8"


class BadFilter(Exception):
    pass


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = JSON_TYPE
    response["Access-Control-Allow-Origin"] = "*"  # open data: any web client may read it
    return response


def _error(message: str, status: int = 400) -> JsonResponse:
    return _json({"feil": message, "detail": message}, status=status)


def _when(request, name: str):
    raw = request.GET.get(name)
    if raw is None:
        return None
    value = parse_datetime(raw)
    if value is None:
        day = parse_date(raw)
        if day is not None:
            value = dt.datetime.combine(day, dt.time())
    if value is None:
        raise BadFilter(f"{name} må være et tidspunkt i ISO 8601, f.eks. 2026-01-31T12:00:00+01:00.")
    if value.tzinfo is None:
        from django.utils import timezone

        value = timezone.make_aware(value)
    return value


def _filtered(request, qs, *, created="created_at", modified="updated_at"):
    created_since, modified_since, modified_until = (_when(request, n) for n in
                                                     ("created_since", "modified_since", "modified_until"))
    if created_since:
        qs = qs.filter(**{f"{created}__gte": created_since})
    if modified_since:
        qs = qs.filter(**{f"{modified}__gte": modified_since})
    if modified_until:
        qs = qs.filter(**{f"{modified}__lte": modified_until})
    return qs


def _page_number(request) -> int:
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 1_000_000:
        raise BadFilter("page må være et helt tall fra 1.")
    return int(raw)


def _list(request, qs, build, *, tombstone_kind: str = "", type_name: str = "", body_id: int | None = None,
          created="created_at", modified="updated_at"):
    """One page of a list: live objects first (by id), then the deleted ones (by id), `links.next` to go on."""
    try:
        page = _page_number(request)
        qs = _filtered(request, qs, created=created, modified=modified).order_by("pk")
        stones = Tombstone.objects.none()
        if tombstone_kind:
            stones = Tombstone.objects.filter(kind=tombstone_kind)
            if body_id is not None:
                stones = stones.filter(body_id=body_id)
            stones = _filtered(request, stones, created="deleted_at", modified="deleted_at").order_by("object_id")
    except BadFilter as exc:
        return _error(str(exc))
    live, dead = qs.count(), stones.count()
    total = live + dead
    pages = max(1, math.ceil(total / PAGE_SIZE))
    start = (page - 1) * PAGE_SIZE
    data = [build(obj) for obj in qs[start:start + PAGE_SIZE]] if start < live else []
    if len(data) < PAGE_SIZE and start + len(data) < total:
        offset = max(0, start - live)
        data += [objects.deleted(tombstone_kind, type_name, t)
                 for t in stones[offset:offset + PAGE_SIZE - len(data)]]
    return _page(request, data, total=total, page=page, pages=pages)


def _page(request, data: list, *, total: int, page: int, pages: int) -> JsonResponse:
    """One page of a list with OParl's pagination object and links (first, prev, next, last)."""
    query = request.GET.copy()

    def link(n: int) -> str:
        query["page"] = str(n)
        return objects.base() + request.path + "?" + query.urlencode()

    links = {"first": link(1), "last": link(pages)}
    if page > 1:
        links["prev"] = link(page - 1)
    if page < pages:
        links["next"] = link(page + 1)
    return _json({"data": data, "pagination": {"totalElements": total, "elementsPerPage": PAGE_SIZE,
                                               "currentPage": page, "totalPages": pages}, "links": links})


def _object_or_tombstone(qs, pk: int, kind: str, type_name: str, build):
    obj = qs.filter(pk=pk).first()
    if obj is not None:
        return _json(build(obj))
    stone = Tombstone.objects.filter(kind=kind, object_id=pk).first()
    if stone is not None:
        return _json(objects.deleted(kind, type_name, stone))
    raise Http404("Finnes ikke i OParl (eller er ikke offentlig).")


# --- querysets: what the public may see -------------------------------------------------------------------------


def _bodies():
    return Body.objects.all()


def _organizations(body_id=None):
    qs = Organization.objects.select_related("body")
    return qs.filter(body_id=body_id) if body_id else qs


def _persons(body_id=None):
    """The people who hold or have held a seat (members and substitutes): folkevalgte are public persons."""
    qs = Person.objects.filter(memberships__isnull=False).select_related("party").distinct()
    if body_id:
        qs = qs.filter(memberships__organization__body_id=body_id)
    return qs


def _memberships(body_id=None):
    qs = Membership.objects.select_related("electoral_list")
    return qs.filter(organization__body_id=body_id) if body_id else qs


def _meetings(body_id=None):
    qs = Meeting.objects.select_related("organization")
    return qs.filter(organization__body_id=body_id) if body_id else qs


def _agenda_items(body_id=None):
    qs = access.public_agenda_items(AgendaItem.objects.select_related("meeting__organization", "consultation"))
    return qs.filter(organization__body_id=body_id) if body_id else qs


def _papers(body_id=None):
    qs = access.public_cases(Case.objects.all())
    if body_id:
        qs = qs.filter(consultations__organization__body_id=body_id).distinct()
    return qs


def _consultations(body_id=None):
    qs = Consultation.objects.filter(case__in=access.public_cases(Case.objects.all()))
    return qs.filter(organization__body_id=body_id) if body_id else qs


def _published_items(consultation_ids) -> dict:
    items = _agenda_items().filter(consultation_id__in=list(consultation_ids)).order_by("meeting__start")
    return {i.consultation_id: i for i in items}


def _body_of_case(case) -> int | None:
    c = case.consultations.select_related("organization").order_by("sequence").first()
    return c.organization.body_id if c else Body.objects.order_by("pk").values_list("pk", flat=True).first()


def _paper(case):
    return objects.paper(case, _published_items(case.consultations.values_list("pk", flat=True)),
                         body_id=_body_of_case(case))


def _consultation(c):
    return objects.consultation(c, _published_items([c.pk]))


def _person_body(p) -> int | None:
    m = p.memberships.select_related("organization").order_by("pk").first()
    return m.organization.body_id if m else None


def _agenda_item(item, meetings_data: dict | None = None):
    """One item from its meeting's public data; a list page passes `meetings_data` so each meeting's data is built
    once, not once per item."""
    meeting = item.meeting
    if meetings_data is None:
        meetings_data = {}
    if meeting.pk not in meetings_data:
        meetings_data[meeting.pk] = objects.public_meeting_data(meeting)
    data = meetings_data[meeting.pk]
    row = next((r for r in data["items"] if r["id"] == item.pk), None)
    if row is None:
        raise Http404("Saken er ikke offentlig.")
    return objects.agenda_item(row, item, meeting)


# --- endpoints ----------------------------------------------------------------------------------------------------


@require_GET
def system(request):
    return _json(objects.system(Body))


@require_GET
def body_list(request):
    return _list(request, _bodies(), objects.body)


@require_GET
def body(request, pk: int):
    return _object_or_tombstone(_bodies(), pk, "body", "Body", objects.body)


def _body_exists(pk: int):
    if not Body.objects.filter(pk=pk).exists():
        raise Http404("Kommunen finnes ikke.")


@require_GET
def organization_list(request, pk: int):
    _body_exists(pk)
    return _list(request, _organizations(pk), objects.organization, tombstone_kind="organization",
                 type_name="Organization", body_id=pk)


@require_GET
def organization(request, pk: int):
    return _object_or_tombstone(_organizations(), pk, "organization", "Organization", objects.organization)


@require_GET
def organization_meetings(request, pk: int):
    if not Organization.objects.filter(pk=pk).exists():
        raise Http404("Organet finnes ikke.")
    return _list(request, _meetings().filter(organization_id=pk), objects.meeting)


@require_GET
def person_list(request, pk: int):
    _body_exists(pk)
    return _list(request, _persons(pk), lambda p: objects.person(p, pk), tombstone_kind="person",
                 type_name="Person", body_id=pk)


@require_GET
def person(request, pk: int):
    return _object_or_tombstone(_persons(), pk, "person", "Person", lambda p: objects.person(p, _person_body(p)))


@require_GET
def membership_list(request, pk: int):
    _body_exists(pk)
    return _list(request, _memberships(pk), objects.membership, tombstone_kind="membership", type_name="Membership",
                 body_id=pk)


@require_GET
def membership(request, pk: int):
    return _object_or_tombstone(_memberships(), pk, "membership", "Membership", objects.membership)


@require_GET
def meeting_list(request, pk: int):
    _body_exists(pk)
    return _list(request, _meetings(pk), objects.meeting, tombstone_kind="meeting", type_name="Meeting", body_id=pk)


@require_GET
def meeting(request, pk: int):
    return _object_or_tombstone(_meetings(), pk, "meeting", "Meeting", objects.meeting)


@require_GET
def agendaitem_list(request, pk: int):
    _body_exists(pk)
    meetings_data: dict = {}
    return _list(request, _agenda_items(pk), lambda item: _agenda_item(item, meetings_data),
                 tombstone_kind="agendaitem", type_name="AgendaItem",
                 body_id=pk)


@require_GET
def agendaitem(request, pk: int):
    return _object_or_tombstone(_agenda_items(), pk, "agendaitem", "AgendaItem", _agenda_item)


@require_GET
def paper_list(request, pk: int):
    _body_exists(pk)
    return _list(request, _papers(pk), _paper)


@require_GET
def paper(request, pk: int):
    return _object_or_tombstone(_papers(), pk, "paper", "Paper", _paper)


@require_GET
def consultation_list(request, pk: int):
    _body_exists(pk)
    return _list(request, _consultations(pk), _consultation, tombstone_kind="consultation",
                 type_name="Consultation", body_id=pk)


@require_GET
def consultation(request, pk: int):
    return _object_or_tombstone(_consultations(), pk, "consultation", "Consultation", _consultation)


@require_GET
def legislativeterm_list(request, pk: int):
    _body_exists(pk)
    return _list(request, LegislativeTerm.objects.filter(body_id=pk), objects.legislative_term)


@require_GET
def legislativeterm(request, pk: int):
    return _object_or_tombstone(LegislativeTerm.objects.all(), pk, "legislativeterm", "LegislativeTerm",
                                objects.legislative_term)


@require_GET
def location_list(request, pk: int):
    _body_exists(pk)
    return _list(request, _meetings(pk), objects.location)


@require_GET
def location(request, pk: int):
    return _object_or_tombstone(_meetings(), pk, "location", "Location", objects.location)


# Files: the public documents, one per (kind, object), as the portal offers them.

FILE_KINDS = ("innkalling", "protokoll", "saksframlegg", "saerutskrift")


def _file_names(kind: str, obj) -> dict:
    if kind in ("innkalling", "protokoll"):
        return {"name": public_documents.KIND_LABELS[kind], "meeting": obj.pk}
    if kind == "saksframlegg":
        return {"name": "Saksframlegg", "paper": obj.pk}
    return {"name": f"Særutskrift {obj.label}", "meeting": obj.meeting_id, "item": obj.pk}


@require_GET
def file(request, kind: str, pk: int):
    if kind not in FILE_KINDS:
        raise Http404("Ukjent dokumenttype.")
    obj = public_documents.public_object(kind, pk)
    if obj is None:
        raise Http404("Dokumentet finnes ikke i offentlig versjon.")
    try:
        doc = registry.generate(kind, obj, public=True)
    except registry.DocumentError as exc:
        return _error(exc.message, status=503)
    return _json(objects.file(kind, pk, doc, **_file_names(kind, obj)))


@require_GET
def file_list(request, pk: int):
    """The public documents that exist now: each meeting's notice (and approved minutes) and each public paper.
    The list gives references; each File object (its id) has the size and checksums."""
    _body_exists(pk)
    try:
        page = _page_number(request)
    except BadFilter as exc:
        return _error(str(exc))
    refs = []
    for m in _meetings(pk).order_by("pk"):
        if access.agenda_is_public(m):
            refs.append(("innkalling", m.pk, {"name": "Møteinnkalling med saksliste", "meeting": m.pk}))
        if access.minutes_are_public(m):
            refs.append(("protokoll", m.pk, {"name": "Protokoll", "meeting": m.pk}))
    for case in _papers(pk).order_by("pk"):
        if access.case_content_is_public(case):
            refs.append(("saksframlegg", case.pk, {"name": "Saksframlegg", "paper": case.pk}))
    total = len(refs)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    chunk = refs[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    data = [objects.file_ref(kind, obj_id, **names) for kind, obj_id, names in chunk]
    return _page(request, data, total=total, page=page, pages=pages)
