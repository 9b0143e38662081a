"""Follow-ups are created by fagleder or kommunedirektør, only for final decisions."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from secretariat.followups.models import FollowUp
from secretariat.followups.services import followup_create
from workflows.errors import GuardFailed, TransitionForbidden
from workflows.models import AuditEntry

from ...helpers import case_in_state


def _data(decision, unit, person, days=30, **extra):
    return {"decision": decision, "description": "Gjennomføre vedtaket.", "responsible_unit": unit,
            "responsible_person": person, "deadline": timezone.localdate() + dt.timedelta(days=days), **extra}


def test_the_first_followup_moves_a_decided_case_into_follow_up(decided_case, decision, unit, saksbehandler,
                                                                 kommunedirektor):
    followup = followup_create(actor=kommunedirektor, **_data(decision, unit, saksbehandler))
    decided_case.refresh_from_db()
    assert decided_case.state == "i_oppfolging"
    assert followup.state == "ikke_startet"
    assert AuditEntry.for_object(decided_case).filter(action="start_follow_up").exists()
    followup_create(actor=kommunedirektor, **_data(decision, unit, saksbehandler, description="Mer."))
    decided_case.refresh_from_db()
    assert decided_case.state == "i_oppfolging"
    assert decision.followups.count() == 2


def test_a_decision_that_is_not_final_cannot_be_followed_up(formannskapet, kommunestyret, saksbehandler, fagleder,
                                                            kommunedirektor, unit):
    case = case_in_state("behandlet", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    decision = case.current_consultation.decisions.get()
    with pytest.raises(GuardFailed) as exc:
        followup_create(actor=fagleder, **_data(decision, unit, saksbehandler))
    assert "ikke endelig" in exc.value.message
    assert FollowUp.objects.count() == 0


@pytest.mark.parametrize("who", ["saksbehandler", "folkevalgt"])
def test_only_fagleder_or_kommunedirektor_create_followups(request, decision, unit, saksbehandler, who):
    with pytest.raises(TransitionForbidden):
        followup_create(actor=request.getfixturevalue(who), **_data(decision, unit, saksbehandler))
    assert FollowUp.objects.count() == 0


def test_a_past_deadline_needs_explicit_confirmation(decision, unit, saksbehandler, fagleder):
    with pytest.raises(ValidationError) as exc:
        followup_create(actor=fagleder, **_data(decision, unit, saksbehandler, days=-2))
    assert "allerede passert" in exc.value.message_dict["deadline"][0]
    assert FollowUp.objects.count() == 0
    followup = followup_create(actor=fagleder, **_data(decision, unit, saksbehandler, days=-2),
                               confirm_past_deadline=True)
    assert followup.is_overdue


def test_the_form_warns_about_a_past_deadline_and_saves_nothing_until_confirmed(client, decision, unit,
                                                                                saksbehandler, fagleder):
    client.force_login(fagleder)
    past = timezone.localdate() - dt.timedelta(days=3)
    form = {"decision": decision.pk, "description": "Skilte plassene.", "responsible_unit": unit.pk,
            "responsible_person": saksbehandler.pk, "deadline": past.isoformat()}
    response = client.post(reverse("followups:create"), form)
    assert response.status_code == 200
    assert "allerede passert" in response.content.decode()
    assert 'name="confirm_past_deadline"' in response.content.decode()
    assert FollowUp.objects.count() == 0
    response = client.post(reverse("followups:create"), {**form, "confirm_past_deadline": "on"})
    followup = FollowUp.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("followups:detail", args=[followup.pk])


def test_the_form_refuses_a_decision_that_is_not_final(client, formannskapet, kommunestyret, saksbehandler,
                                                       fagleder, kommunedirektor, unit):
    case = case_in_state("behandlet", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    decision = case.current_consultation.decisions.get()
    client.force_login(fagleder)
    response = client.post(reverse("followups:create"), {
        "decision": decision.pk, "description": "X", "responsible_unit": unit.pk,
        "responsible_person": saksbehandler.pk, "deadline": (timezone.localdate() + dt.timedelta(days=9)).isoformat()})
    assert response.status_code == 200
    assert "ikke endelig" in response.content.decode()
    assert FollowUp.objects.count() == 0


def test_a_closed_case_can_still_get_a_followup_and_stays_closed(kommunestyret, saksbehandler, fagleder,
                                                                  kommunedirektor, unit):
    case = case_in_state("avsluttet", organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    followup = followup_create(actor=fagleder, **_data(case.current_consultation.decisions.get(), unit, saksbehandler))
    case.refresh_from_db()
    assert followup.pk and case.state == "avsluttet"


def test_an_authoritative_decision_is_final(formannskapet, kommunestyret, saksbehandler, fagleder, kommunedirektor,
                                            unit):
    case = case_in_state("vedtatt", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    decision = case.current_consultation.decisions.get()
    assert decision.consultation.authoritative
    assert followup_create(actor=kommunedirektor, **_data(decision, unit, saksbehandler)).pk
