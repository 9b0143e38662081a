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
    """The decision, made in a meeting that has now taken place (case_in_state plans the meeting ahead, to keep the
    notice deadline): the § 27-1 clock runs from the day of the meeting, and a demand can't come before it."""
    from secretariat.meetings.models import Decision
    from tests.helpers import meeting_took_place

    decision = decided_case.current_consultation.decisions.get()
    meeting = meeting_took_place(decision.agenda_item.meeting, hours_ago=26)
    Decision.objects.filter(pk=decision.pk).update(decided_at=meeting.start + dt.timedelta(hours=1))
    decision.refresh_from_db()
    return decision


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


@pytest.fixture
def ks(kommunestyret, formannskapet):
    """Kommunestyret today: four regular members, a varamedlem, a member who left in the summer, and a member of
    formannskapet only (who is not in kommunestyret)."""
    from types import SimpleNamespace

    from secretariat.organizations.models import MembershipRole
    from tests.factories import MembershipFactory, PersonFactory

    def membership(given, family, org=kommunestyret, **kwargs):
        return MembershipFactory(person=PersonFactory(given_name=given, family_name=family), organization=org,
                                 **kwargs)

    return SimpleNamespace(
        per=membership("Per", "Hansen", role=MembershipRole.LEADER),
        kari=membership("Kari", "Olsen"),
        ali=membership("Ali", "Haugen"),
        eva=membership("Eva", "Berg"),
        vara=membership("Vera", "Vik", role=MembershipRole.SUBSTITUTE, substitute_order=1),
        left=membership("Gammel", "Medlem", end_date=timezone.localdate() - dt.timedelta(days=120)),
        donald=membership("Donald", "Duck", org=formannskapet),
    )
