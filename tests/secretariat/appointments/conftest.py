"""Small fixtures for appointment rounds: a kommune with formannskapet and kommunestyret, and rounds built
through the real services."""

import datetime as dt

import pytest
from django.utils import timezone

from secretariat.appointments import services
from secretariat.appointments.models import CriminalRecord, RoundKind
from secretariat.organizations.models import Gender

PERIOD_START = dt.date(2029, 1, 1)
PERIOD_END = dt.date(2032, 12, 31)


def eligible_data(given: str, family: str = "Hansen", *, gender: str = Gender.FEMALE,
                  birth_date: dt.date = dt.date(1980, 5, 17), **extra) -> dict:
    data = {
        "given_name": given, "family_name": family, "birth_date": birth_date, "gender": gender,
        "address": "Storgata 1", "postal_code": "5999", "postal_place": "Fjordvik",
        "resident_in_kommune": True, "adequate_norwegian": True, "voting_rights": True, "bankrupt": False,
        "criminal_record": CriminalRecord.CLEAN, "earlier_periods": 0, "occupation": "",
    }
    data.update(extra)
    return data


@pytest.fixture
def meddommer_round(body, formannskapet, fagleder):
    return services.round_create(actor=fagleder, kind=RoundKind.MEDDOMMERE, title="Meddommere 2029–2032",
                                 period_start=PERIOD_START, period_end=PERIOD_END,
                                 call_deadline=dt.date(2099, 3, 1))


@pytest.fixture
def forliksrad_round(body, formannskapet, fagleder):
    return services.round_create(actor=fagleder, kind=RoundKind.FORLIKSRAD, title="Forliksrådet 2029–2032",
                                 period_start=PERIOD_START, period_end=PERIOD_END)


def fill_small_meddommer_proposal(round_, fagleder):
    """One per pool: tingrett K/M and lagmannsrett K/M, each pool of size 1; everyone placed."""
    pools = {(p.kind, p.gender): p for p in round_.pools.all()}
    services.round_set_pool_sizes(actor=fagleder, round=round_, sizes={p.pk: 1 for p in pools.values()})
    people = []
    for (kind, gender), pool in pools.items():
        c = services.candidate_register(actor=fagleder, round=round_,
                                        data=eligible_data(f"{kind}{gender}", gender=gender))
        people.append((c, pool))
    return people


def place_all(people, fagleder):
    for c, pool in people:
        services.candidate_assign_pool(actor=fagleder, candidate=c, pool=pool)


def round_in_state(state: str, round_, fagleder, *, arkiv: str = "28/100", display_start=None):
    """Bring a meddommer round to `state` through the real services and transitions."""
    order = ["kunngjort", "forslag_mottatt", "kontrollert", "innstilt", "offentlig_ettersyn", "valgt", "meldt"]
    target = order.index(state)
    if target >= 1:
        people = fill_small_meddommer_proposal(round_, fagleder)
        services.round_transition(round=round_, name="close_call", actor=fagleder)
        place_all(people, fagleder)
    if target >= 2:
        services.round_transition(round=round_, name="check_candidates", actor=fagleder)
    if target >= 3:
        services.round_case_create(actor=fagleder, round=round_, arkivsaksnummer=arkiv)
        services.round_transition(round=round_, name="propose", actor=fagleder)
    if target >= 4:
        services.round_transition(round=round_, name="start_display", actor=fagleder,
                                  display_start=display_start or timezone.localdate() - dt.timedelta(days=30))
    if target >= 5:
        services.round_transition(round=round_, name="elect", actor=fagleder)
    if target >= 6:
        services.round_transition(round=round_, name="report", actor=fagleder)
    round_.refresh_from_db()
    assert round_.state == state
    return round_
