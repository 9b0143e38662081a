"""Gruppestøtte (issue 15): the reglement as data (base amount per group + amount per seat, valid from a date);
computed from kommunestyret's memberships; a member who changes group mid-year moves the split from that date
(pro rata by days, or the key date only, as the rule says). Output: a case paper and a payment list (CSV)."""

import datetime as dt
from decimal import Decimal

import pytest

from secretariat.accounts.roles import Role
from secretariat.cases.models import Case
from secretariat.organizations.models import Person
from secretariat.term.models import GroupChange, GroupSupportRule, SplitRule
from tests.factories import MembershipFactory, PartyFactory, PersonFactory, TermFactory, UserFactory
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(body, kommunestyret):
    """Kommunestyret 2023–2027: Ap 2 (Anne, Bjørn), H 1 (Cecilie). The rule: 10 000 kr a group and 3 650 kr a
    seat a year, so in 2025 (365 days) a seat is worth exactly 10 kr a day."""
    term = TermFactory(body=body)
    ap, h = PartyFactory(abbreviation="Ap", name="Arbeiderpartiet"), PartyFactory(abbreviation="H", name="Høyre")
    people = {}
    for given, party in (("Anne", ap), ("Bjørn", ap), ("Cecilie", h)):
        people[given] = PersonFactory(given_name=given, family_name="Gruppe", party=party)
        MembershipFactory(person=people[given], organization=kommunestyret, term=term, electoral_list=party,
                          start_date=term.start_date)
    rule = GroupSupportRule.objects.create(body=body, valid_from=dt.date(2024, 1, 1), base_amount=Decimal("10000"),
                                           per_seat_amount=Decimal("3650"), split=SplitRule.PRO_RATA)
    return {"term": term, "ap": ap, "h": h, "people": people, "rule": rule}


def _change(client, groups, *, to, day="2025-07-02"):
    return client.post("/intern/valgperiode/gruppeskifte/", {
        "term": groups["term"].pk, "person": groups["people"]["Bjørn"].pk, "from_date": day,
        "new_group": to.pk if to else ""})


def test_a_change_of_group_mid_year_moves_the_support_from_that_day(client, fagleder, groups):
    client.force_login(fagleder)
    assert _change(client, groups, to=groups["h"]).status_code == 302
    assert Person.objects.get(given_name="Bjørn").party == groups["h"]
    assert AuditEntry.objects.filter(action="gruppeskifte").count() == 1
    # 2025: Bjørn is Ap's 1 Jan–1 Jul (182 days) and H's from 2 Jul (183 days).
    #   Ap: 10 000 + 10 kr × (365 Anne + 182 Bjørn) = 10 000 + 5 470 = 15 470
    #   H:  10 000 + 10 kr × (365 Cecilie + 183 Bjørn) = 10 000 + 5 480 = 15 480
    response = client.get("/intern/valgperiode/gruppestotte/2025/utbetaling.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines() == [
        "år;gruppe;navn;representanter_skjaeringsdato;snitt_representanter;grunnbelop;representantbelop;sum_kr",
        "2025;H;Høyre;1;1.50;10000.00;5480.00;15480",
        "2025;Ap;Arbeiderpartiet;2;1.50;10000.00;5470.00;15470",
    ]
    page = client.get("/intern/valgperiode/gruppestotte/?year=2025").content.decode()
    assert "30950" in page and "Bjørn Gruppe til Høyre fra 02.07.2025" in page


def test_the_key_date_rule_counts_the_key_date_for_the_whole_year(client, fagleder, groups):
    groups["rule"].split = SplitRule.KEY_DATE
    groups["rule"].save()
    client.force_login(fagleder)
    _change(client, groups, to=groups["h"])
    # On 1 January 2025 Ap has 2 seats and H 1: Ap 10 000 + 2 × 3 650 = 17 300; H 10 000 + 3 650 = 13 650.
    lines = client.get("/intern/valgperiode/gruppestotte/2025/utbetaling.csv").content.decode().splitlines()[1:]
    assert [line.split(";")[1::6] for line in lines] == [["Ap", "17300"], ["H", "13650"]]


@pytest.mark.parametrize("independents, expected", [
    # Bjørn independent from 2 July: Ap keeps 10 000 + 5 470; H 13 650; an independent gets nothing …
    (False, [["Ap", "15470"], ["H", "13650"]]),
    # … unless the reglement says so: 10 000 × 183/365 = 5 013,70 + 10 × 183 = 1 830 → 6 843,70 → 6 844.
    (True, [["Ap", "15470"], ["H", "13650"], ["uavhengig:{pk}", "6844"]]),
])
def test_an_independent_member_follows_the_reglement(client, fagleder, groups, independents, expected):
    groups["rule"].independents_get_support = independents
    groups["rule"].save()
    client.force_login(fagleder)
    assert _change(client, groups, to=None).status_code == 302
    lines = client.get("/intern/valgperiode/gruppestotte/2025/utbetaling.csv").content.decode().splitlines()[1:]
    pk = groups["people"]["Bjørn"].pk
    assert [line.split(";")[1::6] for line in lines] == [[k.format(pk=pk), v] for k, v in expected]


def test_new_rates_from_1_july_count_from_that_day(client, fagleder, groups, body):
    GroupSupportRule.objects.create(body=body, valid_from=dt.date(2025, 7, 1), base_amount=Decimal("20000"),
                                    per_seat_amount=Decimal("7300"), split=SplitRule.PRO_RATA)
    client.force_login(fagleder)
    # 1 Jan–30 Jun: 181 days at 10 000 / 3 650 (10 kr a seat-day); 1 Jul–31 Dec: 184 days at 20 000 / 7 300 (20 kr).
    #   base, each group: (10 000 × 181 + 20 000 × 184) / 365 = 5 490 000 / 365 = 15 041,0958…
    #   Ap (2 seats): 2 × (10 × 181 + 20 × 184) = 10 980 → 26 021,10 → 26 021
    #   H (1 seat):        10 × 181 + 20 × 184  =  5 490 → 20 531,10 → 20 531
    lines = client.get("/intern/valgperiode/gruppestotte/2025/utbetaling.csv").content.decode().splitlines()[1:]
    assert lines == ["2025;Ap;Arbeiderpartiet;2;2.00;15041.10;10980.00;26021",
                     "2025;H;Høyre;1;1.00;15041.10;5490.00;20531"]
    assert "Satsene endret seg i løpet av året: fra 01.01.2024" in client.get(
        "/intern/valgperiode/gruppestotte/?year=2025").content.decode()


def test_the_calculation_becomes_a_case_paper(client, fagleder, groups):
    client.force_login(fagleder)
    _change(client, groups, to=groups["h"])
    response = client.post("/intern/valgperiode/gruppestotte/sak/", {"year": 2025, "arkivsaksnummer": "25/900"})
    case = Case.objects.get(arkivsaksnummer="25/900")
    assert response["Location"] == f"/intern/saker/{case.pk}/"
    assert case.title == "Gruppestøtte 2025" and case.state == "utredning"
    paper = case.paper
    assert "Arbeiderpartiet: 15 470 kr" in paper.recommendation and "Høyre: 15 480 kr" in paper.recommendation
    assert "grunnbeløp 10 000 kr per gruppe og 3 650 kr per representant" in paper.background
    assert "Sum: 30 950 kr" in paper.background
    again = client.post("/intern/valgperiode/gruppestotte/sak/", {"year": 2025, "arkivsaksnummer": "25/900"},
                        follow=True)
    assert "Det finnes allerede en sak med dette arkivsaksnummeret" in again.content.decode()


def test_no_rule_for_the_year_and_bad_changes_get_a_clear_message(client, fagleder, groups):
    client.force_login(fagleder)
    page = client.get("/intern/valgperiode/gruppestotte/?year=2023").content.decode()
    assert "Det er ikke registrert noe reglement for gruppestøtte som gjelder i 2023" in page
    assert client.get("/intern/valgperiode/gruppestotte/2023/utbetaling.csv").status_code == 400
    assert "allerede i gruppa Ap" in _change(client, groups, to=groups["ap"]).content.decode()
    assert "er ikke fast medlem av kommunestyret 01.01.2020" in _change(
        client, groups, to=groups["h"], day="2020-01-01").content.decode()
    assert not GroupChange.objects.exists()


@pytest.mark.parametrize("role", [Role.FOLKEVALGT, Role.SAKSBEHANDLER])
def test_other_roles_are_refused(client, groups, role):
    client.force_login(UserFactory(username=f"g-{role.value}", role=role))
    assert client.get("/intern/valgperiode/gruppestotte/2025/utbetaling.csv").status_code == 403
    assert _change(client, groups, to=groups["h"]).status_code == 403
    assert client.post("/intern/valgperiode/gruppestotte/sak/", {"year": 2025, "arkivsaksnummer": "25/901"}
                       ).status_code == 403
    assert not GroupChange.objects.exists() and not Case.objects.exists()
