"""Demo data: delegerte vedtak waiting to be reported to formannskapet (one exempt), and an interpellasjon on the
next formannskap meeting whose deadline has not passed. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import DelegatedDecision

DECISIONS = [
    # (arkivsak, days ago, decided by, authority, title, exempt basis, public title)
    ("26/2101", 12, "Kommunedirektøren", "Delegeringsreglementet pkt. 4.2, alkoholloven § 1-7",
     "Skjenkebevilling for Kafé Fjordgløtt", "", ""),
    ("26/2102", 8, "Virksomhetsleder plan og bygg", "Delegeringsreglementet pkt. 5.1, plan- og bygningsloven § 20-1",
     "Rammetillatelse for bolighus på Neset", "", ""),
    ("26/2103", 5, "Kommunedirektøren", "Delegeringsreglementet pkt. 3.3", "Tilskudd til Ola Nordmann etter brann",
     "offl13_fvl13_1", "Tilskudd til enkeltperson"),
]


def seed(ctx) -> None:
    fsk = ctx.organizations.get("formannskapet")
    if fsk is None:
        return
    for arkiv, days_ago, by, authority, title, basis, public_title in DECISIONS:
        if DelegatedDecision.objects.filter(arkivsaksnummer=arkiv).exists():
            continue
        decision = DelegatedDecision(
            decided_on=ctx.today - dt.timedelta(days=days_ago), decided_by=by, authority=authority, title=title,
            arkivsaksnummer=arkiv, exempt=bool(basis), exempt_basis=basis, public_title=public_title, report_to=fsk,
            registered_by=ctx.users["fagleder"])
        decision.full_clean()
        decision.save()
    _seed_question(ctx, fsk)


def _seed_question(ctx, fsk) -> None:
    from secretariat.meetings import services
    from secretariat.meetings.models import Meeting, QuestionKind

    soon = timezone.now() + dt.timedelta(days=fsk.interpellation_deadline_days + 1)
    meeting = (Meeting.objects.filter(organization=fsk, state__in=services.BEFORE_MEETING, start__gte=soon)
               .order_by("start").first())
    if meeting is None or meeting.questions.exists():
        return
    askers = services.question_askers(meeting)
    if not askers:
        return
    services.question_add(actor=ctx.users["fagleder"], meeting=meeting, asked_by=askers[-1],
                          kind=QuestionKind.INTERPELLATION, title="Trygg skoleveg på Neset",
                          text="Hva vil ordføreren gjøre for at barna på Neset får en trygg skoleveg før vinteren?")
