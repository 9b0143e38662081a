"""Writes for weddings: the public booking, the secretariat's edits and the workflow steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from secretariat.accounts.roles import Role, has_role
from workflows.engine import audit, full_clean, run_transition
from workflows.errors import GuardFailed, TransitionForbidden
from workflows.wedding import WeddingState

from .models import Residence, Wedding, WeddingAvailability, WeddingPlace, WeddingReport, WeddingSettings

EDITABLE_STATES = {WeddingState.FORESPURT, WeddingState.BEKREFTET, WeddingState.KLAR}
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
        Wedding.objects.filter(date__gte=start, date__lte=end).exclude(state=WeddingState.AVLYST)
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
    """The public booking: a couple asks for a free slot. Validates everything before saving anything."""
    conf = WeddingSettings.current()
    slot = slot_from_key(slot_key)
    if slot is None or not slot_is_free(slot):
        raise ValidationError({"slot": "Tidspunktet er ikke ledig lenger. Velg et annet tidspunkt."})
    if residence == Residence.OTHER and not conf.offer_to_others:
        raise ValidationError({"residence": "Kommunen vier bare innbyggere i kommunen og personer som ikke bor i "
                                            "Norge (ekteskapsloven § 12 a)."})
    wedding = Wedding(
        partner1_name=partner1_name.strip(), partner2_name=partner2_name.strip(), email=email.strip(),
        phone=(phone or "").strip(), residence=residence, language=language, guests=guests,
        message=(message or "").strip(), date=slot.date, start_time=slot.start_time, place=slot.place,
        fee=conf.fee_for(residence),
    )
    full_clean(wedding, exclude=["officiant"])
    with transaction.atomic():
        try:
            with transaction.atomic():
                wedding.save()
        except IntegrityError as exc:  # someone took the slot a moment ago
            raise ValidationError({"slot": "Tidspunktet ble nettopp tatt. Velg et annet tidspunkt."}) from exc
        audit(wedding, actor=None, action="forespurt", action_label="Vielse bestilt (nettskjema)",
              to_state=wedding.state, changes={"tidspunkt": slot.label})
    return wedding


def _require_secretariat(actor) -> None:
    if not has_role(actor, Role.FAGLEDER, Role.SAKSBEHANDLER):
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
        if changes:
            wedding.sequence = F("sequence") + 1
        wedding.save()
        if changes:
            audit(wedding, actor=actor, action="endret", action_label="Vielse endret", changes=changes)
    wedding.refresh_from_db()
    return wedding


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def wedding_transition(*, wedding: Wedding, name: str, actor, comment: str = "", expected_state: str | None = None,
                       **kwargs):
    """Take a workflow step (workflows/wedding.py). The officiant hears about confirmations and cancellations."""
    notify = name in ("confirm", "cancel")
    previous_officiant = wedding.officiant_id

    def _after():
        from .tasks import notify_couple, notify_officiant

        officiant_id = wedding.officiant_id or previous_officiant
        if notify and officiant_id:
            notify_officiant.delay(wedding.pk, name, officiant_id)
        if notify:
            notify_couple.delay(wedding.pk, name)

    # Calendars see every step as a new version of the event (RFC 5545 SEQUENCE); saved with the step.
    current = Wedding.objects.filter(pk=wedding.pk).values_list("sequence", flat=True).first() or 0
    wedding.sequence = current + 1
    return run_transition(wedding, name, actor=actor, comment=comment, expected_state=expected_state,
                          on_commit=_after, **kwargs)


def wedding_report_create(*, actor, period_start: dt.date, period_end: dt.date, officiant=None) -> WeddingReport:
    _require_secretariat(actor)
    report = WeddingReport(period_start=period_start, period_end=period_end, officiant=officiant, created_by=actor)
    report.full_clean()
    report.save()
    return report
