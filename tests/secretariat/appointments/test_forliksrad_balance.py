"""Forliksråd: 3 members and 3 substitutes with both sexes among each (dl. § 27); balance on the round."""

import datetime as dt

import pytest

from secretariat.appointments import services
from workflows.errors import GuardFailed

from .conftest import eligible_data

pytestmark = pytest.mark.django_db


def _propose(round_, fagleder, members: str, substitutes: str):
    """members/substitutes: genders as a string, e.g. "KKM"."""
    pools = {p.kind: p for p in round_.pools.all()}
    created = []
    for kind, genders in (("forliksrad_medlem", members), ("forliksrad_vara", substitutes)):
        for n, g in enumerate(genders):
            c = services.candidate_register(actor=fagleder, round=round_,
                                            data=eligible_data(f"{kind}{n}", gender=g,
                                                               birth_date=dt.date(1970 + n, 1, 1)))
            created.append((c, pools[kind]))
    services.round_transition(round=round_, name="close_call", actor=fagleder)
    for c, pool in created:
        services.candidate_assign_pool(actor=fagleder, candidate=c, pool=pool)
    services.round_transition(round=round_, name="check_candidates", actor=fagleder)


def test_three_men_as_members_is_refused(forliksrad_round, fagleder):
    _propose(forliksrad_round, fagleder, "MMM", "KMK")
    problems = services.round_proposal_problems(round=forliksrad_round)
    assert problems == ["Forliksrådet: både kvinner og menn må være representert blant medlemmene (dl. § 27)."]
    with pytest.raises(GuardFailed, match="både kvinner og menn"):
        services.round_case_create(actor=fagleder, round=forliksrad_round, arkivsaksnummer="28/200")


def test_substitutes_of_one_sex_is_refused(forliksrad_round, fagleder):
    _propose(forliksrad_round, fagleder, "KMK", "KKK")
    assert services.round_proposal_problems(round=forliksrad_round) == [
        "Forliksrådet: både kvinner og menn må være representert blant varamedlemmene (dl. § 27)."]


def test_both_sexes_in_each_group_is_accepted(forliksrad_round, fagleder):
    _propose(forliksrad_round, fagleder, "KMK", "MKM")
    assert services.round_proposal_problems(round=forliksrad_round) == []
    services.round_case_create(actor=fagleder, round=forliksrad_round, arkivsaksnummer="28/200")
    services.round_transition(round=forliksrad_round, name="propose", actor=fagleder)
    forliksrad_round.refresh_from_db()
    assert forliksrad_round.state == "innstilt"


def test_balance_counts_sex_per_pool_and_age_spread(forliksrad_round, fagleder):
    _propose(forliksrad_round, fagleder, "KMK", "MKM")
    balance = services.round_balance(round=forliksrad_round)
    assert [(p["label"], p["women"], p["men"], p["full"]) for p in balance["pools"]] == [
        ("Forliksrådet – medlemmer", 2, 1, True), ("Forliksrådet – varamedlemmer", 1, 2, True)]
    assert balance["basis"] == "foreslåtte"
    # born 1 January 1970/71/72 → 59, 58, 57 at 1 January 2029
    assert balance["ages"] == {"min": 57, "max": 59, "median": 58}
    assert {g["label"]: g["count"] for g in balance["age_groups"]}["50–59"] == 6
    assert balance["warnings"]  # everyone in one age group: the round is not varied
