"""Deadlines of a round (DOMAIN.md §3, settings with these defaults), the election date the records give, the
warnings on both, and the clock of the public display (dl. § 68)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from secretariat.meetings.models import AgendaItem, Decision
from workflows.appointment import display_days
from workflows.meeting import MEETING_WORKFLOW

from ..models import AppointmentRound, RoundKind
from ._common import S

DEFAULT_DEADLINES = {
    # (month, day) in the year after the municipal election, i.e. the year before the period starts.
    "pool_sizes": (3, 1),  # dl. § 64: the courts give the pool sizes by 1 March
    "meddommere_election": (7, 1),  # (check) election by 1 July
    "meddommere_lists": (9, 15),  # (check) the lists reach the courts (Domstoladministrasjonen) by 15 September
    "forliksrad_election": (10, 15),  # dl. § 57: forliksråd elected by 15 October
}


def deadline_setting(name: str) -> tuple[int, int]:
    configured = getattr(settings, "SAKSGANG_APPOINTMENT_DEADLINES", {}) or {}
    return tuple(configured.get(name, DEFAULT_DEADLINES[name]))


def default_deadlines(kind: str, period_start: dt.date) -> dict:
    year = period_start.year - 1
    pool_month, pool_day = deadline_setting("pool_sizes")
    key = "forliksrad_election" if kind == RoundKind.FORLIKSRAD else "meddommere_election"
    month, day = deadline_setting(key)
    return {
        "pool_sizes_deadline": dt.date(year, pool_month, pool_day) if kind == RoundKind.MEDDOMMERE else None,
        "election_deadline": dt.date(year, month, day),
    }


def election_year(round_: AppointmentRound) -> int:
    """Kommunestyret elects meddommere and forliksråd in the year before the new period begins (dl. §§ 57, 66)."""
    return round_.period_start.year - 1


def round_election_date(round_: AppointmentRound) -> dt.date | None:
    """When kommunestyret elects, as far as the records say: the date of its decision on the round's case, else the
    date of the (not cancelled) meeting of the electing body that has the case on its agenda."""
    if round_.case_id is None or round_.electing_organization_id is None:
        return None
    decision = (Decision.objects.filter(consultation__case_id=round_.case_id,
                                        consultation__organization_id=round_.electing_organization_id)
                .order_by("decided_at").first())
    if decision is not None:
        return timezone.localtime(decision.decided_at).date()
    item = (AgendaItem.objects.filter(consultation__case_id=round_.case_id,
                                      meeting__organization_id=round_.electing_organization_id)
            .exclude(meeting__state__in=MEETING_WORKFLOW.states_with("cancelled"))
            .select_related("meeting").order_by("meeting__start").first())
    return timezone.localtime(item.meeting.start).date() if item is not None else None


def round_deadline_warnings(*, round: AppointmentRound, today: dt.date | None = None) -> list[dict]:
    """Deadlines with a level: 'passed' (red), 'soon' (within the warning window), 'ok', 'done'; and 'wrong' (with
    a `message`) when kommunestyret's election is dated outside the statutory window: in the year before the period
    begins, by the election deadline (dl. §§ 57, 66). Warnings, never refusals: the secretariat decides."""
    today = today or timezone.localdate()
    window = int(getattr(settings, "SAKSGANG_APPOINTMENT_WARNING_DAYS", 30))
    rows = []

    def add(label, day, done):
        if day is None:
            return
        if done:
            level = "done"
        elif day < today:
            level = "passed"
        elif (day - today).days <= window:
            level = "soon"
        else:
            level = "ok"
        rows.append({"label": label, "date": day, "level": level, "days_left": (day - today).days})

    order = list(S.values)
    reached = order.index(round.state)
    if round.kind == RoundKind.MEDDOMMERE:
        has_sizes = round.pools.filter(size__gt=0).exists()
        add("Domstolene gir antall meddommere", round.pool_sizes_deadline, has_sizes)
    add("Frist for forslag fra innbyggerne", round.call_deadline, reached >= order.index(S.FORSLAG_MOTTATT))
    add("Kommunestyret velger", round.election_deadline, reached >= order.index(S.VALGT))
    if round.display_end:
        add("Offentlig ettersyn slutter (tidligste valgdato)", round.display_end, reached >= order.index(S.VALGT))
    if round.kind == RoundKind.MEDDOMMERE and round.period_start:
        month, day = deadline_setting("meddommere_lists")
        add("Listene sendes til domstolene", dt.date(election_year(round), month, day),
            reached >= order.index(S.MELDT))
    rows.extend(_election_timing(round))
    return rows


def _election_timing(round_: AppointmentRound) -> list[dict]:
    """A meddommervalg (or forliksrådsvalg) dated months before its window, or after its deadline, is flagged."""
    if round_.kind not in (RoundKind.MEDDOMMERE, RoundKind.FORLIKSRAD) or not round_.period_start:
        return []
    elected_on = round_election_date(round_)
    if elected_on is None:
        return []
    year = election_year(round_)
    law = "dl. § 57" if round_.kind == RoundKind.FORLIKSRAD else "dl. §§ 64–66"
    message = ""
    if elected_on.year < year:
        message = (f"Kommunestyret velger {elected_on:%d.%m.%Y}, men valget for perioden som begynner "
                   f"{round_.period_start:%d.%m.%Y} skal holdes i {year}, året før perioden"
                   + (", etter at domstolene har gitt antallet innen 1. mars" if round_.kind == RoundKind.MEDDOMMERE
                      else "") + f" ({law}).")
    elif round_.election_deadline and elected_on > round_.election_deadline:
        message = (f"Kommunestyret velger {elected_on:%d.%m.%Y}, etter fristen {round_.election_deadline:%d.%m.%Y} "
                   f"({law}).")
    elif round_.display_end and elected_on < round_.display_end:
        message = (f"Kommunestyret velger {elected_on:%d.%m.%Y}, før forslaget har ligget ute til offentlig "
                   f"ettersyn i minst {display_days()} dager (til {round_.display_end:%d.%m.%Y}, dl. § 68).")
    if not message:
        return []
    return [{"label": "Valgdatoen", "date": elected_on, "level": "wrong", "days_left": 0, "message": message}]


def round_display_status(round: AppointmentRound, today: dt.date | None = None) -> dict | None:
    """The 2-week clock of dl. § 68, for the page."""
    if not round.display_start:
        return None
    today = today or timezone.localdate()
    left = (round.display_end - today).days
    return {"start": round.display_start, "end": round.display_end, "days_left": max(left, 0),
            "over": left <= 0}
