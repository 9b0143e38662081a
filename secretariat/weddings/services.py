"""Writes for weddings: the public booking, the secretariat's edits and the workflow steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from secretariat import access
from secretariat.common.calendar_sequence import bump_sequence
from secretariat.outbox import enqueue
from workflows.actions import AuditAction
from workflows.engine import audit, full_clean, run_transition
from workflows.errors import GuardFailed, TransitionForbidden
from workflows.wedding import WEDDING_WORKFLOW, WeddingState

from . import holds
from .models import Residence, Wedding, WeddingAvailability, WeddingPlace, WeddingReport, WeddingSettings

EDITABLE_STATES = WEDDING_WORKFLOW.states_with("editable")
DETAIL_FIELDS = ("attest_issued_on", "attest_reference", "witness1_name", "witness2_name", "witnesses_of_age",
                 "partner1_name", "partner2_name", "email", "phone", "language", "guests", "message")


@dataclass(frozen=True)
class Slot:
    date: dt.date
    start_time: dt.time
    place: WeddingPlace

    @property
    def key(self) -> str:
        """What the public form posts: '2026-05-15|12:00|3'."""
        return f"{self.date.isoformat()}|{self.start_time:%H:%M}|{self.place.pk}"

    @property
    def label(self) -> str:
        from .models import Weekday

        return f"{Weekday(self.date.weekday()).label} {self.date:%d.%m.%Y} kl. {self.start_time:%H:%M}, {self.place.name}"


def _public_holidays(years: set[int]) -> set[dt.date]:
    import holidays

    days: set[dt.date] = set()
    for year in years:
        days |= set(holidays.country_holidays("NO", years=year).keys())
    return days


def available_slots(*, start: dt.date | None = None, end: dt.date | None = None,
                    place: WeddingPlace | None = None) -> list[Slot]:
    """Free slots from the weekly windows, skipping public holidays and taken slots (a cancelled one is free)."""
    conf = WeddingSettings.current()
    today = timezone.localdate()
    earliest = today + dt.timedelta(days=conf.min_notice_days)
    latest = today + dt.timedelta(days=conf.booking_horizon_days)
    start = max(start or earliest, earliest)
    end = min(end or latest, latest)
    if end < start:
        return []
    windows = list(WeddingAvailability.objects.filter(place__is_active=True).select_related("place"))
    if place is not None:
        windows = [w for w in windows if w.place_id == place.pk]
    taken = set(
        Wedding.objects.holding_a_slot().filter(date__gte=start, date__lte=end)
        .values_list("place_id", "date", "start_time")
    )
    holidays = _public_holidays({start.year, end.year})
    step = dt.timedelta(minutes=conf.slot_minutes)
    slots: list[Slot] = []
    day = start
    while day <= end:
        if day not in holidays:
            for window in windows:
                if not window.applies_on(day):
                    continue
                at = dt.datetime.combine(day, window.start_time)
                stop = dt.datetime.combine(day, window.end_time)
                while at + step <= stop:
                    if (window.place_id, day, at.time()) not in taken:
                        slots.append(Slot(day, at.time(), window.place))
                    at += step
        day += dt.timedelta(days=1)
    return sorted(set(slots), key=lambda s: (s.date, s.start_time, s.place.name))


def slot_from_key(key: str) -> Slot | None:
    try:
        day, time, place_id = (key or "").split("|")
        return Slot(dt.date.fromisoformat(day), dt.time.fromisoformat(time), WeddingPlace.objects.get(pk=int(place_id)))
    except (ValueError, WeddingPlace.DoesNotExist):
        return None


def slot_is_free(slot: Slot) -> bool:
    return any(s == slot for s in available_slots(start=slot.date, end=slot.date, place=slot.place))


def wedding_request(*, slot_key: str, partner1_name: str, partner2_name: str, email: str, residence: str,
                    language: str, phone: str = "", guests: int | None = None, message: str = "") -> Wedding:
    """The public booking: a couple asks for a free slot. Validates everything before saving anything.

    The slot is held for settings.WEDDING_HOLD_MINUTES; the couple confirms the booking with the link we e-mail
    them (confirm_booking), else it is released. One e-mail address has at most one pending request."""
    conf = WeddingSettings.current()
    if residence == Residence.OTHER and not conf.offer_to_others:
        raise ValidationError({"residence": "Kommunen vier bare innbyggere i kommunen og personer som ikke bor i "
                                            "Norge (ekteskapsloven § 12 a)."})
    slot = slot_from_key(slot_key)
    if slot is None:
        raise ValidationError({"slot": "Tidspunktet er ikke ledig lenger. Velg et annet tidspunkt."})
    email = email.strip()
    now = timezone.now()
    wedding = Wedding(
        partner1_name=partner1_name.strip(), partner2_name=partner2_name.strip(), email=email,
        phone=(phone or "").strip(), residence=residence, language=language, guests=guests,
        message=(message or "").strip(), date=slot.date, start_time=slot.start_time, place=slot.place,
        fee=conf.fee_for(residence), hold_expires_at=now + holds.hold_period(),
    )
    full_clean(wedding, exclude=["officiant"])
    with transaction.atomic():
        # Public bookings one at a time (the settings row is the lock): the checks below then hold until commit.
        WeddingSettings.objects.select_for_update().filter(pk=conf.pk).first()
        holds.release_expired_holds(now)
        _refuse_second_pending_request(email, now)
        if not slot_is_free(slot):
            raise ValidationError({"slot": "Tidspunktet er ikke ledig lenger. Velg et annet tidspunkt."})
        try:
            with transaction.atomic():
                wedding.save()
        except IntegrityError as exc:  # someone took the slot a moment ago
            raise ValidationError({"slot": "Tidspunktet ble nettopp tatt. Velg et annet tidspunkt."}) from exc

        def _send_link():
            from .tasks import send_booking_link

            enqueue(send_booking_link, wedding.pk)

        transaction.on_commit(_send_link)
    return wedding


def _refuse_second_pending_request(email: str, now) -> None:
    pending = (Wedding.objects.holding_a_slot(now).filter(email__iexact=email, state=WeddingState.FORESPURT)
               .order_by("hold_expires_at").first())
    if pending is None:
        return
    if pending.hold_expires_at is not None:
        raise ValidationError({"email": (
            "Det er allerede en bestilling fra denne e-postadressen som venter på at dere bekrefter den. Bruk lenken "
            f"i e-posten vi sendte, eller vent {settings.WEDDING_HOLD_MINUTES} minutter og bestill på nytt.")})
    raise ValidationError({"email": (
        "Dere har allerede en bestilling som venter på svar fra kommunen. Ta kontakt med kommunen hvis dere vil "
        "endre den.")})


class BookingLinkInvalid(Exception):
    """The confirmation link is made up, or the booking's hold ran out; the message is for the couple."""


def confirm_booking(token: str) -> Wedding:
    """The couple opened the link in the e-mail: the booking becomes a request for the secretariat (audited)."""
    uid = holds.read_token(token)
    expired = BookingLinkInvalid(
        "Lenken er ugyldig eller utløpt, og tidspunktet er ikke holdt av lenger. Bestill på nytt.")
    if uid is None:
        raise expired
    with transaction.atomic():
        wedding = Wedding.objects.select_for_update().select_related("place").filter(uid=uid).first()
        if wedding is None or wedding.state != WeddingState.FORESPURT:
            raise expired
        if wedding.email_confirmed_at is not None:
            return wedding  # opened twice: it is confirmed already
        now = timezone.now()
        if wedding.hold_expires_at is not None and wedding.hold_expires_at <= now:
            raise expired
        wedding.email_confirmed_at = now
        wedding.hold_expires_at = None
        wedding.save(update_fields=["email_confirmed_at", "hold_expires_at", "updated_at"])
        audit(wedding, actor=None, action=AuditAction.WEDDING_REQUESTED,
              action_label="Vielse bestilt (nettskjema, e-post bekreftet)", to_state=wedding.state,
              changes={"tidspunkt": Slot(wedding.date, wedding.start_time, wedding.place).label})
    return wedding


def _require_secretariat(actor) -> None:
    # The same rule as the pages and the API ask (personal data, GDPR art. 5 (1) c): secretariat.access.
    # Every step's handler asks it too, so a step taken by any path follows the register's rule.
    if not access.can_handle_weddings(actor):
        raise TransitionForbidden("Bare politisk sekretariat kan endre vielser.")


def wedding_update(*, wedding: Wedding, actor, data: dict) -> Wedding:
    """Register the prøvingsattest, the witnesses or corrected contact details. Audited with what changed."""
    _require_secretariat(actor)
    if wedding.state not in EDITABLE_STATES:
        raise GuardFailed(f"Vielsen kan ikke endres når den har status «{wedding.get_state_display()}».")
    changes = {}
    for name in DETAIL_FIELDS:
        if name in data and getattr(wedding, name) != data[name]:
            changes[name] = {"fra": _plain(getattr(wedding, name)), "til": _plain(data[name])}
            setattr(wedding, name, data[name])
    if wedding.attest_issued_on and wedding.attest_issued_on > timezone.localdate():
        raise ValidationError({"attest_issued_on": "Utstedelsesdatoen kan ikke være fram i tid."})
    full_clean(wedding)
    with transaction.atomic():
        wedding.save()
        if changes:
            bump_sequence(wedding)
            audit(wedding, actor=actor, action=AuditAction.CHANGED, action_label="Vielse endret", changes=changes)
    wedding.refresh_from_db()
    return wedding


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def wedding_transition(*, wedding: Wedding, name: str, actor, comment: str = "", expected_state: str | None = None,
                       **inputs):
    """Take a workflow step (workflows/wedding.py); the handlers below guard it and tell who needs to know."""
    return run_transition(wedding, name, actor=actor, comment=comment, expected_state=expected_state, **inputs)


def _step_effects(wedding: Wedding, name: str) -> None:
    """Calendars see every step as a new version of the event (RFC 5545 SEQUENCE), saved with the step; the
    officiant and the couple hear about confirmations and cancellations after commit."""
    bump_sequence(wedding)
    if name not in ("confirm", "cancel"):
        return
    previous_officiant = Wedding.objects.filter(pk=wedding.pk).values_list("officiant_id", flat=True).first()

    def _after():
        from .tasks import notify_couple, notify_officiant

        officiant_id = wedding.officiant_id or previous_officiant
        if officiant_id:
            enqueue(notify_officiant, wedding.pk, name, officiant_id)
        enqueue(notify_couple, wedding.pk, name)

    transaction.on_commit(_after)


@WEDDING_WORKFLOW.handler("confirm")
def _confirm(wedding: Wedding, *, actor, comment: str, officiant=None, date=None, start_time=None, place=None):
    _require_secretariat(actor)
    if date is not None:
        wedding.date = date
    if start_time is not None:
        wedding.start_time = start_time
    if place is not None:
        wedding.place = place
    if officiant is not None:
        wedding.officiant = officiant
    holds.release_expired_holds()  # an unconfirmed booking whose hold ran out does not keep the slot
    wedding.check_can_confirm()
    _step_effects(wedding, "confirm")


@WEDDING_WORKFLOW.handler("mark_ready")
def _mark_ready(wedding: Wedding, *, actor, comment: str):
    _require_secretariat(actor)
    wedding.check_attest_and_witnesses()
    _step_effects(wedding, "mark_ready")


@WEDDING_WORKFLOW.handler("hold")
def _hold(wedding: Wedding, *, actor, comment: str):
    _require_secretariat(actor)
    wedding.check_attest_and_witnesses()
    wedding.check_officiant_authorised()
    if wedding.date and wedding.date > timezone.localdate():
        raise GuardFailed(
            f"Vielsen er satt til {wedding.date:%d.%m.%Y} og kan ikke markeres som gjennomført før den dagen.",
            field="date")
    wedding.held_on = wedding.date
    _step_effects(wedding, "hold")


@WEDDING_WORKFLOW.handler("report_notice")
def _report_notice(wedding: Wedding, *, actor, comment: str, reference: str = ""):
    _require_secretariat(actor)
    wedding.notice_sent_at = timezone.now()
    wedding.notice_reference = (reference or "").strip()[:100]
    _step_effects(wedding, "report_notice")


@WEDDING_WORKFLOW.handler("cancel")
def _cancel(wedding: Wedding, *, actor, comment: str):
    _require_secretariat(actor)
    wedding.cancelled_reason = comment.strip()
    _step_effects(wedding, "cancel")


def wedding_report_create(*, actor, period_start: dt.date, period_end: dt.date, officiant=None) -> WeddingReport:
    _require_secretariat(actor)
    report = WeddingReport(period_start=period_start, period_end=period_end, officiant=officiant, created_by=actor)
    report.full_clean()
    with transaction.atomic():
        report.save()
        audit(report, actor=actor, action=AuditAction.REPORT_CREATED, action_label="Vielsesrapport laget",
              changes={"periode": f"{period_start:%d.%m.%Y}–{period_end:%d.%m.%Y}"})
    return report
