"""Fritak and supplering (koml. §§ 7-9, 7-10): the application is a case; the decision changes memberships
from a date, and the substitute order of the electoral list follows."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from secretariat.appointments.changes import membership_change_apply, membership_change_create
from secretariat.cases.services import case_transition
from secretariat.meetings.services import agenda_item_add, meeting_create
from secretariat.organizations.models import Membership
from tests.factories import MembershipFactory, PartyFactory, PersonFactory, TermFactory
from tests.helpers import decide_in_meeting
from workflows.errors import GuardFailed
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db

D = dt.date(2026, 3, 1)


@pytest.fixture
def ap_list(body, kommunestyret):
    """Two members and three numbered substitutes from one list in kommunestyret, and another list."""
    term = TermFactory(body=body)
    party, other = PartyFactory(name="Arbeiderpartiet", abbreviation="Ap"), PartyFactory(abbreviation="H")
    people = {}
    for key, role, order, lst in [("anne", "medlem", None, party), ("bjorn", "medlem", None, party),
                                  ("s1", "varamedlem", 1, party), ("s2", "varamedlem", 2, party),
                                  ("s3", "varamedlem", 3, party), ("h1", "varamedlem", 1, other)]:
        people[key] = MembershipFactory(person=PersonFactory(given_name=key.capitalize()), organization=kommunestyret,
                                        term=term, role=role, substitute_order=order, electoral_list=lst)
    return people


def _decide(change, fagleder, kommunedirektor):
    case = change.case
    case_transition(case=case, name="submit", actor=fagleder)
    case_transition(case=case, name="approve", actor=kommunedirektor)
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=20), dt.time(18)))
    meeting = meeting_create(actor=fagleder, organization=case.current_consultation.organization, start=start)
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    case.refresh_from_db()
    decide_in_meeting(case, actor=fagleder, text="Søknaden innvilges.")


def _subs(org, day):
    return [(m.person.given_name, m.substitute_order) for m in
            Membership.objects.active_on(day).substitutes().filter(organization=org, electoral_list__abbreviation="Ap")
            .order_by("substitute_order")]


def test_the_application_is_a_case_for_kommunestyret(ap_list, fagleder, kommunestyret):
    change = membership_change_create(actor=fagleder, arkivsaksnummer="26/700", membership=ap_list["anne"],
                                      reason="Flytter fra kommunen.")
    assert change.case.current_consultation.organization == kommunestyret
    assert change.case.title == "Søknad om fritak fra verv i Kommunestyret – Anne Testesen"
    assert "Første varamedlem fra Arbeiderpartiet rykker opp" in change.case.paper.recommendation


def test_memberships_are_not_changed_before_the_case_is_decided(ap_list, fagleder):
    change = membership_change_create(actor=fagleder, arkivsaksnummer="26/701", membership=ap_list["anne"])
    with pytest.raises(GuardFailed, match="har ikke noe vedtak"):
        membership_change_apply(actor=fagleder, change=change, effective_date=D)
    ap_list["anne"].refresh_from_db()
    assert ap_list["anne"].end_date is None


def test_fritak_of_a_member_moves_the_first_substitute_up_and_renumbers(ap_list, fagleder, kommunedirektor,
                                                                       kommunestyret):
    change = membership_change_create(actor=fagleder, arkivsaksnummer="26/702", membership=ap_list["anne"])
    _decide(change, fagleder, kommunedirektor)
    membership_change_apply(actor=fagleder, change=change, effective_date=D)

    ap_list["anne"].refresh_from_db()
    assert ap_list["anne"].end_date == D - dt.timedelta(days=1)
    members = Membership.objects.active_on(D).regular().filter(organization=kommunestyret)
    assert sorted(m.person.given_name for m in members) == ["Bjorn", "S1"]
    assert members.get(person__given_name="S1").start_date == D
    assert _subs(kommunestyret, D) == [("S2", 1), ("S3", 2)]
    # The day before, the old order still holds (history is kept).
    assert _subs(kommunestyret, D - dt.timedelta(days=1)) == [("S1", 1), ("S2", 2), ("S3", 3)]
    # The other list is untouched.
    ap_list["h1"].refresh_from_db()
    assert ap_list["h1"].substitute_order == 1
    change.refresh_from_db()
    assert (change.status, change.effective_date) == ("gjennomfort", D)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"fratredt", "rykket_opp", "varanummer", "gjennomfort"} <= actions


def test_fritak_of_a_substitute_closes_the_gap(ap_list, fagleder, kommunedirektor, kommunestyret):
    change = membership_change_create(actor=fagleder, arkivsaksnummer="26/703", membership=ap_list["s2"])
    _decide(change, fagleder, kommunedirektor)
    membership_change_apply(actor=fagleder, change=change, effective_date=D)
    assert _subs(kommunestyret, D) == [("S1", 1), ("S3", 2)]
    assert Membership.objects.active_on(D).regular().filter(organization=kommunestyret).count() == 2


def test_supplering_adds_a_new_substitute_last_on_the_list(ap_list, fagleder, kommunedirektor, kommunestyret):
    newcomer = PersonFactory(given_name="Ny")
    change = membership_change_create(actor=fagleder, arkivsaksnummer="26/704", kind="supplering",
                                      organization=kommunestyret, new_person=newcomer, new_role="varamedlem",
                                      electoral_list=ap_list["anne"].electoral_list)
    _decide(change, fagleder, kommunedirektor)
    membership_change_apply(actor=fagleder, change=change, effective_date=D)
    assert _subs(kommunestyret, D) == [("S1", 1), ("S2", 2), ("S3", 3), ("Ny", 4)]


def test_fritak_with_supplering_at_a_chosen_place(ap_list, fagleder, kommunedirektor, kommunestyret):
    newcomer = PersonFactory(given_name="Ny")
    change = membership_change_create(actor=fagleder, arkivsaksnummer="26/705", membership=ap_list["anne"],
                                      new_person=newcomer, new_role="varamedlem", new_substitute_order=1)
    _decide(change, fagleder, kommunedirektor)
    membership_change_apply(actor=fagleder, change=change, effective_date=D)
    assert _subs(kommunestyret, D) == [("Ny", 1), ("S2", 2), ("S3", 3)]
    assert Membership.objects.active_on(D).regular().filter(person__given_name="S1").exists()


def test_an_effective_date_before_the_membership_started_is_refused(ap_list, fagleder, kommunedirektor):
    change = membership_change_create(actor=fagleder, arkivsaksnummer="26/706", membership=ap_list["anne"])
    _decide(change, fagleder, kommunedirektor)
    with pytest.raises(ValidationError):
        membership_change_apply(actor=fagleder, change=change, effective_date=dt.date(2020, 1, 1))
    ap_list["anne"].refresh_from_db()
    assert ap_list["anne"].end_date is None
    assert _subs(ap_list["anne"].organization, D)[0] == ("S1", 1)


def test_applying_twice_is_refused(ap_list, fagleder, kommunedirektor):
    change = membership_change_create(actor=fagleder, arkivsaksnummer="26/707", membership=ap_list["s3"])
    _decide(change, fagleder, kommunedirektor)
    membership_change_apply(actor=fagleder, change=change, effective_date=D)
    with pytest.raises(GuardFailed, match="allerede gjennomført"):
        membership_change_apply(actor=fagleder, change=change, effective_date=D)


def test_fritak_needs_a_membership(fagleder, kommunestyret):
    with pytest.raises(ValidationError) as exc:
        membership_change_create(actor=fagleder, arkivsaksnummer="26/708", kind="fritak")
    assert "membership" in exc.value.message_dict


def test_a_personal_reason_makes_the_case_exempt_with_an_anonymous_public_title(ap_list, fagleder):
    change = membership_change_create(actor=fagleder, arkivsaksnummer="26/709", membership=ap_list["anne"],
                                      reason="Helsegrunner.", reason_exempt=True)
    case = change.case
    assert case.exempt and case.exempt_basis == "offl13_fvl13_1"
    assert case.public_title == "Søknad om fritak fra verv i Kommunestyret"
    assert "Anne" not in case.public_title
    assert case.paper.exempt_sections == ["background"]
