"""Invitations to training in each invited person's personal calendar feed (calendars.personal registry)."""

from __future__ import annotations

from django.conf import settings

from . import selectors
from .models import TrainingSession


def session_event_data(session: TrainingSession) -> dict:
    course = session.course
    return {
        "uid": f"training-{session.uid}@saksgang",
        "summary": f"Opplæring: {course.title}",
        "start": session.start,
        "end": session.end,
        "location": session.location,
        "description": f"Folkevalgtopplæring for {course.audience_label.lower()}. Meld deg på i Saksgang.",
        "url": f"{settings.SAKSGANG_BASE_URL}/intern/opplaering/{course.pk}/",
        "sequence": session.sequence,
        "status": "CONFIRMED",
        "last_modified": session.updated_at,
    }


def training_invitations(person) -> list[dict]:
    return [session_event_data(s) for s in selectors.sessions_for_person(person)]
