"""Plain data for the protokoll/møtebok (koml. § 11-4), and the frozen snapshot of approved minutes."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from secretariat import access

from ..models import Meeting
from ._common import attendances_for, has_related, local_dt
from .chair import Chair, chairs_for_items
from .notice import notice_data
from .people import party_label
from .presence import met_for, met_for_lines, quorum


def minutes_data(meeting: Meeting, *, public: bool, user=None) -> dict:
    """Plain data for the protokoll/møtebok (koml. § 11-4): everything in notice_data, plus

      attendance: {present: [{name, party, role, substitute_for, arrived_before, left_before, only_items}],
                   absent: [{name, party, reason ("" when public), items: [labels], substitute (who met for
                             them, from met_for)}],
                   met_for: [{name, party, for, for_id, items: [labels] (empty = the whole meeting)}]  – «Møtte for»,
                            per item, from absences, recusal substitutes and attendances (see `met_for`),
                   met_for_lines: [str]  – the same as protokoll lines, one per substitute}
      quorum: {present, seats, ok}
      items[]: also chair (who led the item: name, "" when the item's content is not shown) and chair_role
      remarks: [{item (label or ""), by, text}]  – protokolltilførsler
      minutes: {approved, approved_at, approved_by_label, signers: [names]}
    Once the minutes are approved, the frozen snapshot taken at approval is returned (never rebuilt): the
    internal one for `user=None` (complete) or a user who sees everything, else the public one.
    """
    viewer = access.audience(public=public, user=user)
    minutes = getattr(meeting, "minutes", None) if has_related(meeting, "minutes") else None
    if minutes is not None and minutes.approved and minutes.snapshot:
        snap = minutes.snapshot.get("internal" if access.sees_everything(viewer) else "public")
        if snap and viewer is not None and not access.sees_everything(viewer) and minutes.snapshot.get("internal"):
            return _older_met_for(_frozen_for(meeting, viewer, _revive(snap), _revive(minutes.snapshot["internal"])))
        if snap:
            return _older_met_for(_revive(snap))
    return build_minutes_data(meeting, public=public, user=user)


def _older_met_for(data: dict) -> dict:
    """Minutes frozen before «Møtte for» was recorded per item: the lines are read from what they stored (the
    attendance's «for»), never rebuilt from today's data."""
    att = data.get("attendance")
    if att is not None and "met_for" not in att:
        att["met_for"] = [{"name": p["name"], "party": p["party"], "for": p["substitute_for"], "for_id": None,
                           "items": p.get("only_items", [])} for p in att.get("present", []) if p.get("substitute_for")]
        att["met_for_lines"] = met_for_lines(att["met_for"])
    return data


def _frozen_for(meeting: Meeting, viewer, public: dict, internal: dict) -> dict:
    """Approved minutes for one user: the public copy, with the frozen internal version of each item the user
    may read in full (e.g. a closed item for the members of the body). Recusal grounds stay with the
    secretariat."""
    objects = meeting.agenda_items.select_related("consultation__case", "meeting")
    allowed = {i.pk for i in objects if access.can_view_agenda_item_content(viewer, i)}
    full = {i["id"]: i for i in internal["items"]}
    items = []
    for row in public["items"]:
        if row["id"] in allowed and row["id"] in full:
            row = {**full[row["id"]], "recusals": [{**r, "grounds": ""} for r in full[row["id"]]["recusals"]]}
        items.append(row)
    labels = {i["label"] for i in items if i["id"] in allowed}
    public["items"] = items
    public["remarks"] = [r for r in internal["remarks"] if not r["item"] or r["item"] in labels]
    return public


def build_minutes_data(meeting: Meeting, *, public: bool, user=None) -> dict:
    data = notice_data(meeting, public=public, user=user)
    viewer = access.audience(public=public, user=user)
    public = not access.sees_everything(viewer)  # absence reasons: for the secretariat only
    present = []
    attendances = attendances_for(meeting)
    met = met_for(meeting, attendances)
    for a in attendances:
        present.append({
            "name": a.membership.person.name, "party": party_label(a.membership),
            "role": a.membership.get_role_display(),
            "substitute_for": a.substitute_for.person.name if a.substitute_for else "",
            "arrived_before": a.arrived_before.label if a.arrived_before else "",
            "left_before": a.left_before.label if a.left_before else "",
            "only_items": [i.label for i in a.only_items.all()],
        })
    absent = []
    for ab in meeting.absences.select_related("membership__person__party", "membership__electoral_list",
                                              "substitute__person").prefetch_related("items"):
        absent.append({
            "name": ab.membership.person.name, "party": party_label(ab.membership),
            "reason": "" if public else ab.reason, "items": [i.label for i in ab.items.all()],
            # who actually met for this member, from the one record (not whoever was once called)
            "substitute": ", ".join(dict.fromkeys(r["name"] for r in met if r["for_id"] == ab.membership_id)),
        })
    chairs = chairs_for_items(meeting, list(meeting.agenda_items.all()), attendances)
    for row in data["items"]:
        # Who led each item (koml. § 11-2); for an item the viewer may not read in full, nothing (it would tell
        # of a recusal).
        chair = chairs[row["id"]] if row["content_shown"] else Chair(None)
        row["chair"] = chair.membership.person.name if chair.membership else ""
        row["chair_role"] = chair.role
    q = quorum(meeting, attendances=attendances)
    minutes = meeting.minutes if has_related(meeting, "minutes") else None
    data["attendance"] = {"present": present, "absent": absent, "met_for": met, "met_for_lines": met_for_lines(met)}
    data["quorum"] = {"present": q.present, "seats": q.seats, "ok": q.ok}
    labels = {i["id"]: i["label"] for i in data["items"]}
    shown = {i["id"] for i in data["items"] if i["content_shown"]}
    draft_ok = access.can_view_minutes(viewer, meeting)
    data["remarks"] = [
        {"item": labels.get(r.agenda_item_id, ""), "by": r.by, "text": r.text}
        for r in meeting.remarks.all() if draft_ok and (r.agenda_item_id is None or r.agenda_item_id in shown)
    ]
    data["minutes"] = {
        "approved": bool(minutes and minutes.approved),
        "approved_at": local_dt(minutes.approved_at) if minutes else None,
        "approved_by_label": minutes.approval_label if minutes else "",
        "signers": [p.name for p in minutes.signers.all()] if minutes else [],
    }
    return data


# JSON snapshots: datetimes and dates are stored as tagged strings and revived on read.

def freeze(value):
    if isinstance(value, dt.datetime):
        return {"__dt__": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__d__": value.isoformat()}
    if isinstance(value, dict):
        return {k: freeze(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [freeze(v) for v in value]
    return value


def _revive(value):
    if isinstance(value, dict):
        if set(value) == {"__dt__"}:
            return timezone.localtime(dt.datetime.fromisoformat(value["__dt__"]))
        if set(value) == {"__d__"}:
            return dt.date.fromisoformat(value["__d__"])
        return {k: _revive(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(v) for v in value]
    return value
