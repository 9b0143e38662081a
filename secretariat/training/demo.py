"""Demo data: folkevalgtopplæring for the term (a plan for its first months), one course day in November 2026 the
demo member attended, and one ahead to register for (in the members' calendar feeds). Idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import Audience, Course, Registration, TrainingSession

COURSES = [
    # title, audience, organization slug, description, sessions: (date, hour, hours, place)
    ("Folkevalgtopplæring del 1: Kommunen som organisasjon", Audience.ALL, None,
     "Kommuneloven, roller og ansvar, saksgangen fra saksframlegg til vedtak, habilitet og taushetsplikt.",
     [("term+14", 9, 6, "Kommunestyresalen")]),
    ("Nye folkevalgte: Slik fungerer Saksgang og møtene", Audience.NEW, None,
     "For deg som er ny: sakspapirer, forfall og vara, godtgjøring og personlig møtekalender.",
     [("term+21", 17, 3, "Møterom Fjorden")]),
    ("Økonomiopplæring for formannskapet", Audience.BODY, "formannskapet",
     "Budsjett og økonomiplan, handlingsregler og rapportering.",
     [("2026-11-05", 9, 6, "Formannskapssalen"), ("today+21", 9, 6, "Formannskapssalen")]),
]


def _day(spec: str, ctx) -> dt.date:
    if spec.startswith("term+"):
        return ctx.term.start_date + dt.timedelta(days=int(spec[5:]))
    if spec.startswith("today+"):
        return ctx.today + dt.timedelta(days=int(spec[6:]))
    return dt.date.fromisoformat(spec)


def seed(ctx) -> None:
    for title, audience, slug, description, sessions in COURSES:
        organization = ctx.organizations.get(slug) if slug else None
        course, created = Course.objects.get_or_create(
            term=ctx.term, title=title,
            defaults={"audience": audience, "organization": organization, "description": description})
        if not created:
            continue
        for spec, hour, hours, place in sessions:
            start = timezone.make_aware(dt.datetime.combine(_day(spec, ctx), dt.time(hour)))
            TrainingSession.objects.create(course=course, start=start, end=start + dt.timedelta(hours=hours),
                                           location=place)
    _seed_attendance(ctx)


def _seed_attendance(ctx) -> None:
    """The demo member attended the November course day (it pays tapt arbeidsinntekt, no møtegodtgjøring)."""
    user = ctx.users.get("folkevalgt")
    person = getattr(user, "person", None)
    session = TrainingSession.objects.filter(course__title__startswith="Økonomiopplæring",
                                             start__date=dt.date(2026, 11, 5)).first()
    if person is None or session is None or session.start > timezone.now():
        return
    Registration.objects.get_or_create(session=session, person=person, defaults={"attended": True})
