"""The wedding lifecycle: each allowed step, and the refused ones with their Norwegian reasons."""

import datetime as dt

import pytest

from secretariat.weddings.models import Wedding
from secretariat.weddings.services import wedding_transition, wedding_update
from workflows.errors import GuardFailed, TransitionForbidden, TransitionNotAllowed
from workflows.models import AuditEntry

from .helpers import TODAY, bring_to, make_wedding

pytestmark = pytest.mark.django_db


def test_secretariat_confirms_with_an_authorised_officiant_and_it_is_audited(place, mayor, fagleder):
    wedding = make_wedding(place)
    wedding_transition(wedding=wedding, name="confirm", actor=fagleder, officiant=mayor)
    wedding.refresh_from_db()
    assert wedding.state == "bekreftet"
    assert wedding.officiant == mayor
    entry = AuditEntry.for_object(wedding).last()
    assert (entry.from_state, entry.to_state, entry.actor) == ("forespurt", "bekreftet", fagleder)


def test_an_officiant_whose_authorisation_ended_cannot_be_assigned(place, expired_officiant, fagleder):
    wedding = make_wedding(place)
    with pytest.raises(GuardFailed, match="Vigselsretten til Per Tidligere gikk ut 31.12.2025"):
        wedding_transition(wedding=wedding, name="confirm", actor=fagleder, officiant=expired_officiant)
    assert Wedding.objects.get(pk=wedding.pk).state == "forespurt"
    assert Wedding.objects.get(pk=wedding.pk).officiant is None


def test_a_withdrawn_officiant_cannot_be_assigned(place, mayor, fagleder):
    mayor.withdrawn_on = TODAY()
    mayor.withdrawn_reason = "Gått av som ordfører"
    mayor.save()
    wedding = make_wedding(place)
    with pytest.raises(GuardFailed, match="trukket tilbake"):
        wedding_transition(wedding=wedding, name="confirm", actor=fagleder, officiant=mayor)
    assert Wedding.objects.get(pk=wedding.pk).state == "forespurt"


def test_confirming_without_an_officiant_is_refused(place, fagleder):
    wedding = make_wedding(place)
    with pytest.raises(GuardFailed, match="Velg en vigsler"):
        wedding_transition(wedding=wedding, name="confirm", actor=fagleder)


def test_a_politician_cannot_confirm_a_wedding(place, mayor, folkevalgt):
    wedding = make_wedding(place)
    with pytest.raises(TransitionForbidden):
        wedding_transition(wedding=wedding, name="confirm", actor=folkevalgt, officiant=mayor)


def test_ready_needs_the_attest_registered(place, mayor, fagleder):
    wedding = bring_to(make_wedding(place), "bekreftet", actor=fagleder, officiant=mayor)
    with pytest.raises(GuardFailed, match="Prøvingsattesten fra Skatteetaten er ikke registrert"):
        wedding_transition(wedding=wedding, name="mark_ready", actor=fagleder)
    assert Wedding.objects.get(pk=wedding.pk).state == "bekreftet"


def test_held_and_reported_after_the_ceremony(place, mayor, fagleder):
    wedding = make_wedding(place, date=TODAY() - dt.timedelta(days=1))
    wedding = bring_to(wedding, "gjennomfort", actor=fagleder, officiant=mayor)
    assert wedding.held_on == wedding.date
    wedding_transition(wedding=wedding, name="report_notice", actor=fagleder, reference="SKE-2026-1")
    wedding.refresh_from_db()
    assert wedding.state == "meldt"
    assert wedding.notice_sent_at is not None
    assert wedding.notice_reference == "SKE-2026-1"


def test_cannot_be_marked_held_before_the_wedding_day(place, mayor, fagleder):
    wedding = bring_to(make_wedding(place), "klar", actor=fagleder, officiant=mayor)
    with pytest.raises(GuardFailed, match="kan ikke markeres som gjennomført før"):
        wedding_transition(wedding=wedding, name="hold", actor=fagleder)


def test_cannot_be_marked_held_when_the_attest_has_expired_since_it_was_checked(place, mayor, fagleder):
    wedding = make_wedding(place, date=TODAY() - dt.timedelta(days=1))
    wedding = bring_to(wedding, "klar", actor=fagleder, officiant=mayor)
    wedding_update(wedding=wedding, actor=fagleder, data={"attest_issued_on": wedding.date - dt.timedelta(days=200)})
    with pytest.raises(GuardFailed, match="er gyldig til og med"):
        wedding_transition(wedding=wedding, name="hold", actor=fagleder)
    assert Wedding.objects.get(pk=wedding.pk).state == "klar"


def test_cannot_be_marked_held_without_two_witnesses(place, mayor, fagleder):
    wedding = make_wedding(place, date=TODAY() - dt.timedelta(days=1))
    wedding = bring_to(wedding, "klar", actor=fagleder, officiant=mayor)
    wedding_update(wedding=wedding, actor=fagleder, data={"witness2_name": ""})
    with pytest.raises(GuardFailed, match="To vitner må være navngitt"):
        wedding_transition(wedding=wedding, name="hold", actor=fagleder)


def test_hold_is_not_a_step_from_confirmed(place, mayor, fagleder):
    wedding = bring_to(make_wedding(place), "bekreftet", actor=fagleder, officiant=mayor)
    with pytest.raises(TransitionNotAllowed, match="Mulige neste steg"):
        wedding_transition(wedding=wedding, name="hold", actor=fagleder)


@pytest.mark.parametrize("state", ["forespurt", "bekreftet", "klar"])
def test_cancelled_from_any_state_before_the_ceremony(place, mayor, fagleder, state):
    wedding = bring_to(make_wedding(place), state, actor=fagleder, officiant=mayor)
    wedding_transition(wedding=wedding, name="cancel", actor=fagleder, comment="Paret har trukket bestillingen.")
    wedding.refresh_from_db()
    assert wedding.state == "avlyst"
    assert wedding.cancelled_reason == "Paret har trukket bestillingen."


def test_cancel_needs_a_reason(place, fagleder):
    wedding = make_wedding(place)
    with pytest.raises(GuardFailed, match="Skriv hvorfor"):
        wedding_transition(wedding=wedding, name="cancel", actor=fagleder)


def test_a_held_wedding_cannot_be_cancelled(place, mayor, fagleder):
    wedding = make_wedding(place, date=TODAY() - dt.timedelta(days=1))
    wedding = bring_to(wedding, "gjennomfort", actor=fagleder, officiant=mayor)
    with pytest.raises(TransitionNotAllowed):
        wedding_transition(wedding=wedding, name="cancel", actor=fagleder, comment="For sent")


def test_a_cancelled_wedding_frees_its_slot_for_a_new_confirmation(place, mayor, fagleder):
    first = make_wedding(place)
    wedding_transition(wedding=first, name="cancel", actor=fagleder, comment="Avbestilt")
    second = make_wedding(place, date=first.date, start_time=first.start_time, partner1_name="Liv")
    wedding_transition(wedding=second, name="confirm", actor=fagleder, officiant=mayor)
    assert Wedding.objects.get(pk=second.pk).state == "bekreftet"


def test_the_officiant_cannot_marry_two_couples_at_the_same_time(fagleder, mayor, place):
    from secretariat.weddings.models import WeddingPlace

    other_place = WeddingPlace.objects.create(name="Fjordparken")
    first = bring_to(make_wedding(place), "bekreftet", actor=fagleder, officiant=mayor)
    second = make_wedding(other_place, date=first.date, start_time=first.start_time)
    with pytest.raises(GuardFailed, match="skal vie et annet par på samme tid"):
        wedding_transition(wedding=second, name="confirm", actor=fagleder, officiant=mayor)
