"""E-mail for weddings: the officiant hears of confirmations and cancellations; a daily alarm for the notice
to Skatteetaten (forskrift 1992-11-20 nr. 854: within 3 days of the ceremony)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from workflows.wedding import WeddingState

from . import holds
from .models import Officiant, Wedding, WeddingSettings


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_officiant(self, wedding_id: int, step: str, officiant_id: int) -> int:
    wedding = Wedding.objects.select_related("place").get(pk=wedding_id)
    officiant = Officiant.objects.select_related("person", "person__user").get(pk=officiant_id)
    if not officiant.email:
        return 0
    when = f"{wedding.date:%d.%m.%Y} kl. {wedding.start_time:%H:%M}"
    if step == "cancel":
        subject = f"[Saksgang] Vielse avlyst {when}"
        body = (f"Vielsen av {wedding.couple} {when} i {wedding.place.name} er avlyst.\n"
                + (f"Grunn: {wedding.cancelled_reason}\n" if wedding.cancelled_reason else ""))
    else:
        subject = f"[Saksgang] Du skal vie {wedding.couple} {when}"
        body = (
            f"Hei {officiant.person.given_name},\n\n"
            f"Du er satt opp som vigsler for {wedding.couple}\n"
            f"Tid: {when}\nSted: {wedding.place.name}{', ' + wedding.place.address if wedding.place.address else ''}\n"
            f"Språk: {wedding.get_language_display()}\n\n"
            "Vielsen ligger i kalenderen din i Saksgang. Husk å sende melding til Skatteetaten innen 3 dager "
            "etter vielsen.\n\n"
            f"{settings.SAKSGANG_BASE_URL}/intern/vielser/{wedding.pk}/\n"
        )
    return send_mail(subject, body, None, [officiant.email])


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_couple(self, wedding_id: int, step: str) -> int:
    """The couple hears that their wedding is confirmed (time, place, officiant) or cancelled."""
    wedding = Wedding.objects.select_related("place", "officiant__person").get(pk=wedding_id)
    when = f"{wedding.date:%d.%m.%Y} kl. {wedding.start_time:%H:%M}"
    if step == "cancel":
        subject = f"Vielsen {when} er avlyst"
        body = (f"Vielsen av {wedding.couple} {when} er avlyst.\n"
                + (f"Grunn: {wedding.cancelled_reason}\n" if wedding.cancelled_reason else "")
                + "Ta kontakt med kommunen hvis dere vil bestille en ny tid.\n")
    else:
        conf = WeddingSettings.current()
        subject = f"Vielsen deres er bekreftet: {when}"
        body = (
            f"Vielsen av {wedding.couple} er bekreftet.\n\nTid: {when}\nSted: {wedding.place.name}"
            f"{', ' + wedding.place.address if wedding.place.address else ''}\n"
            f"Vigsler: {wedding.officiant.person.name if wedding.officiant else ''}\n"
            + (f"Gebyr: {wedding.fee:.0f} kroner\n" if wedding.fee else "")
            + "\nHusk: prøvingsattesten fra Skatteetaten må være gyldig på vielsesdagen (den gjelder i 4 måneder), "
              "og dere må ha med to vitner over 18 år.\n"
            + (f"\n{conf.info_text}\n" if conf.info_text else "")
        )
    return send_mail(subject, body, None, [wedding.email])


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_booking_link(self, wedding_id: int) -> int:
    """The couple confirms their public booking with this link; until then the slot is only held (issue 12)."""
    wedding = Wedding.objects.select_related("place").filter(
        pk=wedding_id, email_confirmed_at__isnull=True, hold_expires_at__isnull=False).first()
    if wedding is None:  # confirmed or released meanwhile
        return 0
    minutes = settings.WEDDING_HOLD_MINUTES
    subject = f"Bekreft bestillingen av vielse {wedding.date:%d.%m.%Y} kl. {wedding.start_time:%H:%M}"
    body = (
        f"Hei,\n\nVi har fått en bestilling av borgerlig vielse for {wedding.couple}:\n"
        f"Tid: {wedding.date:%d.%m.%Y} kl. {wedding.start_time:%H:%M}\nSted: {wedding.place.name}\n\n"
        f"Bekreft bestillingen ved å åpne denne lenken innen {minutes} minutter:\n"
        f"{holds.confirm_url(wedding)}\n\n"
        "Bekrefter dere ikke, blir tidspunktet ledig igjen. Har dere ikke bestilt noe, kan dere se bort fra "
        "denne e-posten.\n"
    )
    return send_mail(subject, body, None, [wedding.email])


@shared_task
def release_expired_holds() -> int:
    """Periodic (beat, e.g. every 10 minutes): delete public bookings not confirmed in time. The booking form
    releases them too, so this only keeps the table tidy."""
    return holds.release_expired_holds()


def weddings_needing_notice_alarm(today: dt.date | None = None):
    """Held weddings whose notice to Skatteetaten is not sent, from the last day of the 3-day window on."""
    today = today or timezone.localdate()
    held = Wedding.objects.filter(state=WeddingState.GJENNOMFORT).select_related("officiant__person__user")
    return [w for w in held if w.notice_deadline is not None and today >= w.notice_deadline]


@shared_task
def send_notice_alarms(today: str | None = None) -> int:
    """Daily (beat): one e-mail per wedding and day to the officiant and the secretariat."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    conf = WeddingSettings.current()
    sent = 0
    for wedding in weddings_needing_notice_alarm(day):
        if wedding.notice_alarm_sent_on == day:
            continue
        to = sorted({a for a in (wedding.officiant.email if wedding.officiant else "", conf.secretariat_email) if a})
        if not to:
            continue
        overdue = wedding.notice_overdue(day)
        subject = (f"[Saksgang] {'FRIST PASSERT' if overdue else 'Frist i dag'}: melding til Skatteetaten for "
                   f"vielsen {wedding.date:%d.%m.%Y}")
        body = (
            f"Vielsen av {wedding.couple} {wedding.date:%d.%m.%Y} er gjennomført, men meldingen til Skatteetaten er "
            f"ikke registrert som sendt.\nFristen er {wedding.notice_deadline:%d.%m.%Y} (3 dager etter vielsen, "
            "forskrift 1992-11-20 nr. 854)"
            + (" og er passert.\n" if overdue else ".\n")
            + f"\nMarker meldingen som sendt: {settings.SAKSGANG_BASE_URL}/intern/vielser/{wedding.pk}/\n"
        )
        sent += send_mail(subject, body, None, to)
        Wedding.objects.filter(pk=wedding.pk).update(notice_alarm_sent_on=day)
    return sent
