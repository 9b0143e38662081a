"""Small fixtures for follow-up tests: a finally decided case in kommunestyret and its decision."""

import datetime as dt

import pytest
from django.utils import timezone

from secretariat.followups.services import followup_create
from secretariat.organizations.models import AdministrativeUnit

from ...helpers import case_in_state


@pytest.fixture
def unit(db):
    return AdministrativeUnit.objects.create(name="Kommunalteknikk")


@pytest.fixture
def other_unit(db):
    return AdministrativeUnit.objects.create(name="Helse og omsorg")


@pytest.fixture
def decided_case(kommunestyret, saksbehandler, fagleder, kommunedirektor):
    return case_in_state("vedtatt", organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Parkeringsforskrift for sentrum")


@pytest.fixture
def decision(decided_case):
    return decided_case.current_consultation.decisions.get()


@pytest.fixture
def make_followup(decision, unit, saksbehandler, fagleder):
    def make(*, days: int = 30, decision=decision, unit=unit, person=saksbehandler, actor=fagleder,
             description="Skilte avgiftsplassene."):
        return followup_create(actor=actor, decision=decision, description=description, responsible_unit=unit,
                               responsible_person=person, deadline=timezone.localdate() + dt.timedelta(days=days),
                               confirm_past_deadline=days < 0)

    return make


@pytest.fixture
def followup(make_followup):
    return make_followup()
