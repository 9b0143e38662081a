"""Reminders (run by Celery beat, see beat.py): e-mail to the responsible person N days before the deadline
and when overdue, and a weekly summary to the kommunedirektør. Each mail goes out at most once per follow-up
and period: the row recording it is inserted first, under a unique constraint, so two workers racing on
the same follow-up cannot both send."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from secretariat import access
from secretariat.access import case_title_for
from workflows.followup import OPEN_STATES

from .models import FollowUp, FollowUpReminder, FollowUpSummarySent, LegalityReviewDemand, ReminderKind

log = logging.getLogger(__name__)


def reminder_days() -> int:
    return int(getattr(settings, "SAKSGANG_FOLLOWUP_REMINDER_DAYS", 7))


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _url(name: str, *args) -> str:
    return settings.SAKSGANG_BASE_URL.rstrip("/") + reverse(name, args=args)


def due_reminders(today: dt.date | None = None) -> list[tuple[FollowUp, str, str]]:
    """(follow-up, kind, period) for every reminder that should exist today. Follow-ups whose implementation is
    postponed (utsatt iverksetting under lovlighetskontroll) wait."""
    today = today or timezone.localdate()
    paused = LegalityReviewDemand.objects.pausing().values("decision_id")
    qs = (
        FollowUp.objects.filter(state__in=OPEN_STATES, deadline__lte=today + dt.timedelta(days=reminder_days()))
        .exclude(decision_id__in=paused)
        .select_related("responsible_person", "decision__consultation__case")
    )
    due = []
    for followup in qs:
        if followup.deadline < today:
            due.append((followup, ReminderKind.OVERDUE, _week(today)))
        else:
            due.append((followup, ReminderKind.DUE_SOON, followup.deadline.isoformat()))
    return due


def _reminder_message(followup: FollowUp, kind: str, today: dt.date) -> tuple[str, str]:
    person = followup.responsible_person
    case = followup.decision.consultation.case
    title = case_title_for(person, case)
    if kind == ReminderKind.OVERDUE:
        subject = f"Forsinket oppfølging: fristen var {followup.deadline:%d.%m.%Y} (sak {case.arkivsaksnummer})"
        lead = f"Fristen for denne oppfølgingen gikk ut {followup.deadline:%d.%m.%Y}, og den er ikke fullført."
    else:
        days = (followup.deadline - today).days
        subject = f"Påminnelse: frist {followup.deadline:%d.%m.%Y} for oppfølging av sak {case.arkivsaksnummer}"
        lead = f"Fristen for denne oppfølgingen er {followup.deadline:%d.%m.%Y} (om {days} dager)."
    body = (
        f"Hei {person.get_full_name() or person.get_username()},\n\n{lead}\n\n"
        f"Sak: {case.arkivsaksnummer} {title}\n"
        f"Hva skal gjøres: {followup.description}\n"
        f"Status: {followup.get_state_display()}\n\n"
        f"Skriv en statusmelding eller oppdater status her:\n{_url('followups:detail', followup.pk)}\n\n"
        "Hilsen politisk sekretariat"
    )
    return subject, body


def send_reminder(followup: FollowUp, kind: str, period: str, today: dt.date) -> bool:
    """Send one reminder unless it has been sent for this period. Returns True when this call sent it."""
    email = followup.responsible_person.email
    if not email:
        log.warning("Ingen e-postadresse for %s; påminnelse om oppfølging %s ikke sendt.",
                    followup.responsible_person, followup.pk)
        return False
    subject, body = _reminder_message(followup, kind, today)
    try:
        with transaction.atomic():
            # The row first: a concurrent worker blocks on the unique index and then fails here.
            FollowUpReminder.objects.create(followup=followup, kind=kind, period=period, recipient=email)
            # If sending fails, the row is rolled back and the next run tries again.
            send_mail(subject, body, None, [email])
    except IntegrityError:
        return False
    return True


@shared_task(name="secretariat.followups.tasks.send_followup_reminders")
def send_followup_reminders() -> int:
    """Daily (beat): reminders before the deadline and when overdue. Returns how many were sent now."""
    today = timezone.localdate()
    sent = 0
    for followup, kind, period in due_reminders(today):
        if send_reminder(followup, kind, period, today):
            sent += 1
    return sent


def summary_text(today: dt.date, recipient) -> str:
    qs = FollowUp.objects.filter(state__in=OPEN_STATES).select_related(
        "decision__consultation__case", "responsible_unit", "responsible_person")
    overdue = [f for f in qs if f.deadline < today]
    soon = [f for f in qs if today <= f.deadline <= today + dt.timedelta(days=reminder_days())]
    lines = [
        f"Vedtaksoppfølging uke {_week(today)}",
        "",
        f"Åpne oppfølginger: {qs.count()}. Forsinket: {len(overdue)}. Frist de neste {reminder_days()} dagene: "
        f"{len(soon)}.",
    ]
    for heading, items in (("Forsinket", overdue), ("Frist snart", soon)):
        if items:
            lines += ["", f"{heading}:"]
            for f in sorted(items, key=lambda f: f.deadline):
                case = f.decision.consultation.case
                lines.append(f"- {f.deadline:%d.%m.%Y} {case.arkivsaksnummer} {case_title_for(recipient, case)}: "
                             f"{f.description[:120]} ({f.responsible_unit}, "
                             f"{f.responsible_person.get_full_name() or f.responsible_person.get_username()})")
    lines += ["", f"Oversikten: {_url('followups:dashboard')}"]
    return "\n".join(lines)


@shared_task(name="secretariat.followups.tasks.send_weekly_summary")
def send_weekly_summary() -> int:
    """Weekly (beat): a summary of open and overdue follow-ups to each kommunedirektør (and delegates)."""
    today = timezone.localdate()
    period = _week(today)
    sent = 0
    for user in access.users_who(access.reports_on_implementation):
        try:
            with transaction.atomic():
                FollowUpSummarySent.objects.create(recipient=user, period=period)
                send_mail(f"Vedtaksoppfølging: ukesoversikt {period}", summary_text(today, user), None, [user.email])
        except IntegrityError:
            continue
        sent += 1
    return sent
