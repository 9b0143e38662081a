"""Lovlighetskontroll (koml. § 27-1): the clock on each decision; signed by three members of kommunestyret; a
demand does not pause the follow-up, a recorded decision to postpone implementation does (fvl. § 42)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from secretariat.followups.legality import legality_review_deadline
from secretariat.followups.models import LegalityReviewDemand
from secretariat.followups.services import (
    followup_transition,
    legality_demand_register,
    legality_demand_resolve,
    legality_implementation_postpone,
)
from workflows.errors import GuardFailed


def test_the_deadline_is_three_weeks_after_the_decision_by_default(decision):
    assert legality_review_deadline(decision) == timezone.localtime(decision.decided_at).date() + dt.timedelta(days=21)


def test_the_deadline_is_a_setting(decision, settings):
    settings.SAKSGANG_LEGALITY_REVIEW_DAYS = 30
    assert legality_review_deadline(decision) == timezone.localtime(decision.decided_at).date() + dt.timedelta(days=30)


def test_a_demand_needs_three_members(decision, fagleder, ks):
    with pytest.raises(GuardFailed) as exc:
        legality_demand_register(actor=fagleder, decision=decision, signers=[ks.per, ks.kari])
    assert "minst tre medlemmer av kommunestyret (koml. § 27-1)" in exc.value.message
    assert exc.value.field == "signers"
    assert not LegalityReviewDemand.objects.exists()


def test_a_demand_after_the_deadline_is_refused(decision, fagleder, ks):
    late = timezone.make_aware(dt.datetime.combine(legality_review_deadline(decision) + dt.timedelta(days=1),
                                                   dt.time(12)))
    with pytest.raises(GuardFailed) as exc:
        legality_demand_register(actor=fagleder, decision=decision, signers=[ks.per, ks.kari, ks.ali],
                                 registered_at=late)
    assert "Fristen" in exc.value.message
    assert not LegalityReviewDemand.objects.exists()


def test_a_demand_alone_does_not_pause_the_followup(followup, decision, fagleder, saksbehandler, ks):
    legality_demand_register(actor=fagleder, decision=decision, signers=[ks.per, ks.kari, ks.ali],
                             note="Mulig feil hjemmel.")
    assert not followup.is_paused
    followup_transition(followup=followup, name="start", actor=saksbehandler)
    assert followup.state == "pagar"


def test_a_recorded_postponement_pauses_the_followup_until_resolved(followup, decision, fagleder, saksbehandler,
                                                                     ks):
    demand = legality_demand_register(actor=fagleder, decision=decision, signers=[ks.per, ks.kari, ks.ali],
                                      note="Mulig feil hjemmel.")
    legality_implementation_postpone(actor=fagleder, demand=demand, decided_by="Kommunestyret, sak PS 14/26",
                                     decided_on=timezone.localdate())
    assert followup.is_paused
    with pytest.raises(GuardFailed) as exc:
        followup_transition(followup=followup, name="start", actor=saksbehandler)
    assert "Kommunestyret, sak PS 14/26" in exc.value.message and "fvl. § 42" in exc.value.message
    followup.refresh_from_db()
    assert followup.state == "ikke_startet"
    legality_demand_resolve(actor=fagleder, demand=demand, outcome="Statsforvalteren opprettholdt vedtaket.")
    followup_transition(followup=followup, name="start", actor=saksbehandler)
    assert followup.state == "pagar"


def test_the_decision_page_registers_a_demand_and_shows_the_pause(client, followup, decision, fagleder,
                                                                  saksbehandler, ks):
    client.force_login(fagleder)
    page = client.get(reverse("followups:decision", args=[decision.pk])).content.decode()
    deadline = legality_review_deadline(decision)
    assert f"{deadline.day}.{deadline.month}.{deadline.year}" in page
    client.post(reverse("followups:legality_register", args=[decision.pk]),
                {"signers": [ks.per.pk, ks.kari.pk, ks.ali.pk]})
    demand = LegalityReviewDemand.objects.get(decision=decision)
    client.post(reverse("followups:legality_postpone", args=[demand.pk]),
                {"decided_by": "Kommunestyret", "decided_on": timezone.localdate().isoformat()})
    client.force_login(saksbehandler)
    response = client.post(reverse("followups:transition", args=[followup.pk]), {"transition": "start"}, follow=True)
    assert "står i bero" in response.content.decode()
    followup.refresh_from_db()
    assert followup.state == "ikke_startet"
