"""Reads about folkevalgtopplæring: who is invited to a session, a person's sessions, the plan for the term."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from secretariat.organizations.models import LegislativeTerm, Membership, Person

from .models import Audience, Course, Registration, TrainingSession

# The plan for the start of the term: most of the training comes in the first months (DOMAIN.md §7b).
PLAN_MONTHS = 6


def audience_memberships(course: Course, day: dt.date) -> QuerySet[Membership]:
    """The memberships (members and substitutes) the course is for, on the day of a session."""
    memberships = Membership.objects.filter(term=course.term).active_on(day)
    if course.audience == Audience.BODY:
        memberships = memberships.filter(organization_id=course.organization_id)
    elif course.audience == Audience.NEW:
        # New: no membership in any earlier term.
        earlier = Membership.objects.filter(term__start_date__lt=course.term.start_date).values("person_id")
        memberships = memberships.exclude(person_id__in=earlier)
    return memberships


def invitees(session: TrainingSession) -> QuerySet[Person]:
    ids = audience_memberships(session.course, session.day).values("person_id")
    return Person.objects.filter(pk__in=ids).order_by("family_name", "given_name")


def is_invited(person: Person, session: TrainingSession) -> bool:
    return audience_memberships(session.course, session.day).filter(person=person).exists()


def sessions_for_person(person: Person) -> list[TrainingSession]:
    """Sessions the person is invited to or registered for, in date order."""
    sessions = TrainingSession.objects.select_related("course", "course__term", "course__organization")
    registered = set(Registration.objects.filter(person=person).values_list("session_id", flat=True))
    terms = set(Membership.objects.filter(person=person).values_list("term_id", flat=True))
    return [s for s in sessions.filter(course__term_id__in=terms) if s.pk in registered or is_invited(person, s)] + [
        s for s in sessions.filter(pk__in=registered).exclude(course__term_id__in=terms)]


def registration_of(person: Person | None, session: TrainingSession) -> Registration | None:
    if person is None:
        return None
    return Registration.objects.filter(person=person, session=session).first()


def attended_sessions(person: Person) -> QuerySet[TrainingSession]:
    return TrainingSession.objects.filter(registrations__person=person, registrations__attended=True)


def has_attended(person: Person, session: TrainingSession) -> bool:
    return Registration.objects.filter(person=person, session=session, attended=True).exists()


def courses_list() -> QuerySet[Course]:
    return Course.objects.select_related("term", "organization").prefetch_related("sessions")


def term_plan(term: LegislativeTerm | None = None) -> dict:
    """The sessions of the first PLAN_MONTHS months of the term, by month: the opplæringsplan."""
    term = term or LegislativeTerm.current() or LegislativeTerm.objects.order_by("-start_date").first()
    if term is None:
        return {"term": None, "months": []}
    start = term.start_date
    end_month = start.month + PLAN_MONTHS
    until = dt.date(start.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    sessions = (TrainingSession.objects.filter(course__term=term, start__date__gte=start, start__date__lt=until)
                .select_related("course", "course__organization"))
    months: dict[str, list] = {}
    for session in sessions:
        months.setdefault(f"{timezone.localtime(session.start):%Y-%m}", []).append(session)
    return {"term": term, "until": until, "months": sorted(months.items())}
