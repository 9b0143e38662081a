"""Deadline warnings for appointment rounds (run daily by Celery beat, see beat.py): an e-mail to the
secretariat when a deadline (DOMAIN.md §3: pool sizes by 1 March, election by 1 July / 15 October) is near or
has passed. Each warning goes out once per round, deadline and level: the row is inserted first under a unique
constraint, so two workers cannot both send it."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from secretariat import access
from workflows.appointment import RoundState

from .models import AppointmentRound, DeadlineWarningSent
from .services import round_deadline_warnings

log = logging.getLogger(__name__)


def _recipients() -> list[str]:
    """Those who handle the appointment rounds (and may open the page the warning links to)."""
    return access.emails_of_users_who(access.can_handle_appointments)


@shared_task(name="secretariat.appointments.tasks.send_appointment_deadline_warnings")
def send_appointment_deadline_warnings() -> int:
    sent = 0
    recipients = _recipients()
    if not recipients:
        return 0
    base = settings.SAKSGANG_BASE_URL.rstrip("/")
    for round_ in AppointmentRound.objects.exclude(state=RoundState.MELDT):
        for row in round_deadline_warnings(round=round_):
            if row["level"] not in ("soon", "passed"):
                continue
            try:
                with transaction.atomic():
                    DeadlineWarningSent.objects.create(round=round_, deadline=row["label"], level=row["level"])
            except IntegrityError:
                continue  # already sent
            when = f"{row['date']:%d.%m.%Y}"
            if row["level"] == "passed":
                subject = f"Fristen er ute: {row['label']} – {round_.title}"
                body = f"Fristen «{row['label']}» for {round_.title} var {when}, og steget er ikke registrert."
            else:
                subject = f"Frist om {row['days_left']} dager: {row['label']} – {round_.title}"
                body = f"Fristen «{row['label']}» for {round_.title} er {when} (om {row['days_left']} dager)."
            body += f"\n\nStatus nå: {round_.get_state_display()}.\n{base}{reverse('appointments:detail', args=[round_.pk])}"
            send_mail(subject, body, None, recipients)
            sent += 1
    log.info("Oppnevninger: %s fristvarsler sendt", sent)
    return sent
