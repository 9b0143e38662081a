"""Lovlighetskontroll (koml. § 27-1): the clock on each decision; a demand pauses the follow-up."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from secretariat.followups.legality import legality_review_deadline
from secretariat.followups.models import LegalityReviewDemand
from secretariat.followups.services import followup_transition, legality_demand_register, legality_demand_resolve
from workflows.errors import GuardFailed

THREE = "Per Hansen\nKari Olsen\nAli Haugen"


def test_the_deadline_is_three_weeks_after_the_decision_by_default(decision):
    assert legality_review_deadline(decision) == timezone.localtime(decision.decided_at).date() + dt.timedelta(days=21)


def test_the_deadline_is_a_setting(decision, settings):
    settings.SAKSGANG_LEGALITY_REVIEW_DAYS = 30
    assert legality_review_deadline(decision) == timezone.localtime(decision.decided_at).date() + dt.timedelta(days=30)


def test_a_demand_needs_three_members(decision, fagleder):
    with pytest.raises(ValidationError) as exc:
        legality_demand_register(actor=fagleder, decision=decision, demanded_by="Per Hansen\nKari Olsen")
    assert "minst tre" in exc.value.message_dict["demanded_by"][0]
    assert not LegalityReviewDemand.objects.exists()


def test_a_demand_after_the_deadline_is_refused(decision, fagleder):
    late = timezone.make_aware(dt.datetime.combine(legality_review_deadline(decision) + dt.timedelta(days=1),
                                                   dt.time(12)))
    with pytest.raises(GuardFailed) as exc:
        legality_demand_register(actor=fagleder, decision=decision, demanded_by=THREE, registered_at=late)
    assert "Fristen" in exc.value.message
    assert not LegalityReviewDemand.objects.exists()


def test_a_demand_pauses_the_followup_until_resolved(followup, decision, fagleder, saksbehandler):
    demand = legality_demand_register(actor=fagleder, decision=decision, demanded_by=THREE, note="Mulig feil hjemmel.")
    assert followup.is_paused
    with pytest.raises(GuardFailed) as exc:
        followup_transition(followup=followup, name="start", actor=saksbehandler)
    assert "lovlighetskontroll" in exc.value.message
    followup.refresh_from_db()
    assert followup.state == "ikke_startet"
    legality_demand_resolve(actor=fagleder, demand=demand, outcome="Statsforvalteren opprettholdt vedtaket.")
    followup_transition(followup=followup, name="start", actor=saksbehandler)
    assert followup.state == "pagar"


def test_the_decision_page_registers_a_demand_and_shows_the_pause(client, followup, decision, fagleder,
                                                                  saksbehandler):
    client.force_login(fagleder)
    page = client.get(reverse("followups:decision", args=[decision.pk])).content.decode()
    deadline = legality_review_deadline(decision)
    assert f"{deadline.day}.{deadline.month}.{deadline.year}" in page
    client.post(reverse("followups:legality_register", args=[decision.pk]), {"demanded_by": THREE})
    assert LegalityReviewDemand.objects.filter(decision=decision).count() == 1
    client.force_login(saksbehandler)
    response = client.post(reverse("followups:transition", args=[followup.pk]), {"transition": "start"}, follow=True)
    assert "står i bero" in response.content.decode()
    followup.refresh_from_db()
    assert followup.state == "ikke_startet"
