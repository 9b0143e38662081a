"""Writes for the calendars: personal feed tokens and the meeting plan (møteplan)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from secretariat import access
from secretariat.meetings.services import meeting_create
from secretariat.organizations.models import Organization, Person
from workflows.actions import AuditAction
from workflows.engine import audit

from . import planner
from .models import CalendarToken, MeetingPlan, PlannedMeeting, PlanRule, PlanState, SchoolHoliday

# --- personal feed tokens -------------------------------------------------------------------------


def can_manage_token(user, person: Person) -> bool:
    """A folkevalgt manages their own feed link; the secretariat (fagleder) anyone's."""
    if access.is_secretariat(user):
        return True
    return access.is_folkevalgt(user) and getattr(person, "user_id", None) == getattr(user, "pk", None)


def token_ensure(*, person: Person, actor=None) -> CalendarToken:
    """The person's active token, made if there is none."""
    existing = CalendarToken.objects.active().filter(person=person).order_by("-created_at").first()
    if existing:
        return existing
    with transaction.atomic():
        token = CalendarToken.objects.create(person=person, created_by=actor if getattr(actor, "pk", None) else None)
        audit(person, actor=actor, action=AuditAction.FEED_KEY_CREATED, action_label="Kalenderlenke opprettet")
    return token


def token_rotate(*, person: Person, actor) -> CalendarToken:
    """Revoke every active token of the person and make a new one (the old URL answers 404 from now on)."""
    if not can_manage_token(actor, person):
        raise PermissionDenied("Du kan bare lage ny kalenderlenke for deg selv.")
    with transaction.atomic():
        revoked = CalendarToken.objects.active().filter(person=person).update(revoked_at=timezone.now())
        token = CalendarToken.objects.create(person=person, created_by=actor)
        audit(person, actor=actor, action=AuditAction.FEED_KEY_ROTATED, action_label="Ny kalenderlenke",
              comment=f"{revoked} gammel lenke trukket tilbake" if revoked else "")
    return token


def token_revoke(*, person: Person, actor) -> int:
    if not can_manage_token(actor, person):
        raise PermissionDenied("Du kan bare trekke tilbake din egen kalenderlenke.")
    with transaction.atomic():
        revoked = CalendarToken.objects.active().filter(person=person).update(revoked_at=timezone.now())
        audit(person, actor=actor, action=AuditAction.FEED_KEY_REVOKED, action_label="Kalenderlenke trukket tilbake")
    return revoked


# --- school holidays (the plan generator skips them) ------------------------------------------------


def school_holiday_add(*, actor, body, name: str, start_date: dt.date, end_date: dt.date) -> SchoolHoliday:
    _require_fagleder(actor)
    holiday = SchoolHoliday(body=body, name=name.strip(), start_date=start_date, end_date=end_date)
    holiday.full_clean()
    with transaction.atomic():
        holiday.save()
        audit(holiday, actor=actor, action=AuditAction.SCHOOL_HOLIDAY_ADDED, action_label="Skoleferie lagt inn",
              comment=str(holiday))
    return holiday


def school_holiday_delete(*, actor, pk) -> None:
    _require_fagleder(actor)
    holiday = SchoolHoliday.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if holiday is None:
        return
    with transaction.atomic():
        audit(holiday, actor=actor, action=AuditAction.SCHOOL_HOLIDAY_REMOVED, action_label="Skoleferie fjernet",
              comment=str(holiday))
        holiday.delete()


# --- the meeting plan ------------------------------------------------------------------------------


def _require_fagleder(actor) -> None:
    access.require_secretariat(actor, "Bare politisk sekretariat kan lage og publisere møteplaner.")


def plan_generate(*, actor, organization: Organization, year: int, weekday: int, interval_weeks: int,
                  start_time: dt.time, first_date: dt.date | None = None, last_date: dt.date | None = None,
                  duration_minutes: int = 180, skip_dates=(), location: str = "",
                  skip_public_holidays: bool = True, skip_school_holidays: bool = True) -> MeetingPlan:
    """Draft a year's meeting plan for an organization from a rule (stored for next year too)."""
    _require_fagleder(actor)
    first_date = first_date or dt.date(year, 1, 1)
    last_date = last_date or dt.date(year, 12, 31)
    spec = planner.RuleSpec(weekday=weekday, interval_weeks=interval_weeks, start_time=start_time,
                            first_date=first_date, last_date=last_date, skip_dates=tuple(skip_dates),
                            skip_public_holidays=skip_public_holidays, skip_school_holidays=skip_school_holidays)
    planner.validate_rule(spec)
    if not duration_minutes or duration_minutes < 15:
        raise ValidationError({"duration_minutes": "Et møte må vare minst 15 minutter."})
    existing = MeetingPlan.objects.filter(organization=organization, year=year).first()
    if existing and not existing.is_draft:
        raise ValidationError({"year": f"Møteplanen for {organization} i {year} er allerede publisert."})
    school = SchoolHoliday.objects.filter(body=organization.body, end_date__gte=first_date, start_date__lte=last_date)
    dates = planner.generate_dates(spec, school)
    if not any(not d.skipped_reason for d in dates):
        raise ValidationError({"first_date": "Regelen gir ingen møtedatoer i perioden."})
    with transaction.atomic():
        rule = PlanRule.objects.create(
            organization=organization, weekday=weekday, interval_weeks=interval_weeks, start_time=start_time,
            duration_minutes=duration_minutes, first_date=first_date, last_date=last_date,
            skip_dates=[d.isoformat() for d in skip_dates], skip_public_holidays=skip_public_holidays,
            skip_school_holidays=skip_school_holidays, location=location,
        )
        if existing:  # regenerate a draft from the new rule
            existing.dates.all().delete()
            plan = existing
            plan.rule = rule
            plan.save(update_fields=["rule"])
        else:
            plan = MeetingPlan.objects.create(organization=organization, year=year, rule=rule, created_by=actor)
        PlannedMeeting.objects.bulk_create([
            PlannedMeeting(plan=plan, date=d.date, start_time=start_time, duration_minutes=duration_minutes,
                           location=location, skipped_reason=d.skipped_reason)
            for d in dates
        ])
        audit(plan, actor=actor, action=AuditAction.PLAN_DRAFTED, action_label="Utkast til møteplan laget",
              to_state=plan.state, comment=str(rule))
    return plan


def _require_draft(plan: MeetingPlan) -> None:
    if not plan.is_draft:
        raise ValidationError("Møteplanen er publisert og kan ikke endres her; endre møtene i møteoversikten.")


def plan_date_move(*, actor, planned: PlannedMeeting, date: dt.date, start_time: dt.time | None = None,
                   location: str | None = None) -> PlannedMeeting:
    _require_fagleder(actor)
    _require_draft(planned.plan)
    if date is None:
        raise ValidationError({"date": "Oppgi en dato."})
    old = planned.date
    with transaction.atomic():
        planned.date = date
        if start_time is not None:
            planned.start_time = start_time
        if location is not None:
            planned.location = location
        planned.skipped_reason = ""  # moved by hand: the secretariat has decided
        planned.save()
        audit(planned.plan, actor=actor, action=AuditAction.PLAN_MEETING_MOVED, action_label="Møtedato flyttet",
              comment=f"{old:%d.%m.%Y} → {date:%d.%m.%Y}")
    return planned


def plan_date_delete(*, actor, planned: PlannedMeeting) -> None:
    _require_fagleder(actor)
    _require_draft(planned.plan)
    with transaction.atomic():
        audit(planned.plan, actor=actor, action=AuditAction.PLAN_MEETING_DELETED, action_label="Møtedato fjernet",
              comment=f"{planned.date:%d.%m.%Y}")
        planned.delete()


def plan_date_add(*, actor, plan: MeetingPlan, date: dt.date, start_time: dt.time | None = None) -> PlannedMeeting:
    _require_fagleder(actor)
    _require_draft(plan)
    if date is None:
        raise ValidationError({"date": "Oppgi en dato."})
    template = plan.rule
    with transaction.atomic():
        planned = PlannedMeeting.objects.create(
            plan=plan, date=date, start_time=start_time or (template.start_time if template else dt.time(18, 0)),
            duration_minutes=template.duration_minutes if template else 180,
            location=template.location if template else "",
        )
        audit(plan, actor=actor, action=AuditAction.PLAN_MEETING_ADDED, action_label="Møtedato lagt til",
              comment=f"{date:%d.%m.%Y}")
    return planned


def plan_publish(*, actor, plan: MeetingPlan) -> list:
    """Create the plan's meetings (one transaction: all or none) and mark the plan published."""
    _require_fagleder(actor)
    _require_draft(plan)
    dates = list(plan.dates.filter(skipped_reason="").order_by("date", "start_time"))
    if not dates:
        raise ValidationError("Møteplanen har ingen møtedatoer å publisere.")
    meetings = []
    try:
        with transaction.atomic():
            locked = MeetingPlan.objects.select_for_update().get(pk=plan.pk)
            if not locked.is_draft:
                raise ValidationError("Møteplanen er allerede publisert.")
            for planned in dates:
                start = timezone.make_aware(dt.datetime.combine(planned.date, planned.start_time))
                meeting = meeting_create(actor=actor, organization=plan.organization, start=start,
                                         end=start + dt.timedelta(minutes=planned.duration_minutes),
                                         location=planned.location)
                planned.meeting = meeting
                planned.save(update_fields=["meeting"])
                meetings.append(meeting)
            locked.state = PlanState.PUBLISHED
            locked.published_at = timezone.now()
            locked.published_by = actor
            locked.save(update_fields=["state", "published_at", "published_by"])
            audit(locked, actor=actor, action=AuditAction.PLAN_PUBLISHED, action_label="Møteplan publisert",
                  from_state=PlanState.DRAFT, to_state=PlanState.PUBLISHED, comment=f"{len(meetings)} møter opprettet")
    except IntegrityError as exc:
        raise ValidationError(f"Møteplanen kunne ikke publiseres: {exc}") from exc
    plan.refresh_from_db()
    return meetings
