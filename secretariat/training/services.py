"""Writes for folkevalgtopplæring: courses, sessions, materials (the secretariat), registration (the member herself)
and attendance (the secretariat). Each write is audited in its own transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from document_templates.attachments import upload_errors
from secretariat import access
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed, TransitionForbidden

from . import selectors
from .models import Audience, Course, Material, Registration, TrainingSession
from .signals import attendance_recorded


def require_secretariat(actor) -> None:
    if not access.is_secretariat(actor):
        raise TransitionForbidden("Bare politisk sekretariat kan planlegge opplæringen og føre oppmøte.")


def course_create(*, actor, data: dict) -> Course:
    require_secretariat(actor)
    course = Course(**data)
    if course.audience == Audience.BODY and not course.organization_id:
        raise ValidationError({"organization": "Velg organet kurset er for."})
    if course.audience != Audience.BODY:
        course.organization = None
    course.full_clean()
    with transaction.atomic():
        course.save()
        audit(course, actor=actor, action=AuditAction.CREATED, action_label="Kurs opprettet", comment=course.title)
    return course


def session_add(*, actor, course: Course, start, end, location: str) -> TrainingSession:
    require_secretariat(actor)
    if end <= start:
        raise ValidationError({"end": "Slutten må komme etter starten."})
    session = TrainingSession(course=course, start=start, end=end, location=location)
    session.full_clean()
    with transaction.atomic():
        session.save()
        audit(course, actor=actor, action=AuditAction.TRAINING_SESSION_ADDED, action_label="Kursdag lagt til",
              changes={"start": f"{timezone.localtime(start):%d.%m.%Y %H:%M}", "sted": location})
    return session


def material_add(*, actor, course: Course, title: str, upload) -> Material:
    require_secretariat(actor)
    errors = upload_errors(upload)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        material = Material.objects.create(course=course, title=title.strip() or upload.name, file=upload,
                                           uploaded_by=actor)
        audit(course, actor=actor, action=AuditAction.TRAINING_MATERIAL_ADDED, action_label="Kursmateriell lagt til",
              comment=material.title)
    return material


def _person_of(actor):
    person = getattr(actor, "person", None) if getattr(actor, "is_authenticated", False) else None
    if person is None or not access.is_folkevalgt(actor):
        raise TransitionForbidden("Bare folkevalgte kan melde seg på opplæring.")
    return person


def registration_add(*, actor, session: TrainingSession) -> Registration:
    person = _person_of(actor)
    if session.start <= timezone.now():
        raise GuardFailed("Kurset har startet; påmeldingen er stengt.")
    if not selectors.is_invited(person, session):
        raise GuardFailed(f"Kurset er for {session.course.audience_label.lower()}, og du er ikke invitert.")
    if Registration.objects.filter(session=session, person=person).exists():
        raise GuardFailed("Du er allerede påmeldt.")
    with transaction.atomic():
        registration = Registration.objects.create(session=session, person=person)
        audit(session.course, actor=actor, action=AuditAction.TRAINING_REGISTERED, action_label="Påmeldt",
              changes={"person": person.name, "kursdag": f"{timezone.localtime(session.start):%d.%m.%Y}"})
    return registration


def registration_cancel(*, actor, session: TrainingSession) -> None:
    person = _person_of(actor)
    registration = Registration.objects.filter(session=session, person=person).first()
    if registration is None:
        raise GuardFailed("Du er ikke påmeldt.")
    if session.start <= timezone.now():
        raise GuardFailed("Kurset har startet; meld forfall til politisk sekretariat.")
    with transaction.atomic():
        registration.delete()
        audit(session.course, actor=actor, action=AuditAction.TRAINING_UNREGISTERED, action_label="Avmeldt",
              changes={"person": person.name, "kursdag": f"{timezone.localtime(session.start):%d.%m.%Y}"})


def attendance_set(*, actor, session: TrainingSession, persons) -> int:
    """Who attended: exactly `persons` (registered or invited). Attendance at training pays tapt arbeidsinntekt
    (and møtegodtgjøring only where the forskrift says so): `attendance_recorded` lets the godtgjøring app make the
    drafts in this same transaction."""
    require_secretariat(actor)
    if session.start > timezone.now():
        raise GuardFailed("Oppmøte føres når kurset har startet.")
    persons = list(persons)
    allowed = set(selectors.invitees(session).values_list("pk", flat=True)) | set(
        session.registrations.values_list("person_id", flat=True))
    outsiders = [p.name for p in persons if p.pk not in allowed]
    if outsiders:
        raise GuardFailed(f"Ikke invitert eller påmeldt: {', '.join(outsiders)}.", field="persons")
    with transaction.atomic():
        ids = {p.pk for p in persons}
        for person in persons:
            Registration.objects.get_or_create(session=session, person=person)
        session.registrations.update(attended=False)
        session.registrations.filter(person_id__in=ids).update(attended=True)
        audit(session.course, actor=actor, action=AuditAction.ATTENDANCE, action_label="Oppmøte på kurs",
              changes={"kursdag": f"{timezone.localtime(session.start):%d.%m.%Y}",
                       "møtte": sorted(p.name for p in persons)})
        attendance_recorded.send(sender=TrainingSession, session=session)
    return len(ids)
