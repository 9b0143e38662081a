"""Each step of the appointment round (workflows/appointment.py): allowed and refused, with the 2-week clock."""

import datetime as dt

import pytest
from django.utils import timezone

from secretariat.appointments import services
from secretariat.appointments.models import AppointmentRound
from workflows.errors import GuardFailed, TransitionForbidden, TransitionNotAllowed
from workflows.models import AuditEntry

from .conftest import eligible_data, fill_small_meddommer_proposal, place_all, round_in_state

pytestmark = pytest.mark.django_db


def _step(round_, name, actor, **kwargs):
    return services.round_transition(round=round_, name=name, actor=actor, **kwargs)


def test_a_new_round_is_announced_with_deadlines_from_the_period(meddommer_round):
    assert meddommer_round.state == "kunngjort"
    # The year after the municipal election is the year before the period starts.
    assert meddommer_round.pool_sizes_deadline == dt.date(2028, 3, 1)
    assert meddommer_round.election_deadline == dt.date(2028, 7, 1)
    assert [p.label for p in meddommer_round.pools.all()] == [
        "Tingretten – kvinner", "Tingretten – menn", "Lagmannsretten – kvinner", "Lagmannsretten – menn"]


def test_forliksrad_round_gets_3_members_3_substitutes_and_the_15_october_deadline(forliksrad_round):
    assert forliksrad_round.election_deadline == dt.date(2028, 10, 15)
    assert [(p.kind, p.size) for p in forliksrad_round.pools.all()] == [("forliksrad_medlem", 3), ("forliksrad_vara", 3)]


def test_deadline_setting_overrides_the_default(settings, body, formannskapet, fagleder):
    settings.SAKSGANG_APPOINTMENT_DEADLINES = {"meddommere_election": (6, 15)}
    round_ = services.round_create(actor=fagleder, kind="meddommere", title="M", period_start=dt.date(2029, 1, 1),
                                   period_end=dt.date(2032, 12, 31))
    assert round_.election_deadline == dt.date(2028, 6, 15)


def test_closing_the_call_is_refused_without_candidates(meddommer_round, fagleder):
    with pytest.raises(GuardFailed, match="ikke registrert noen kandidater"):
        _step(meddommer_round, "close_call", fagleder)
    meddommer_round.refresh_from_db()
    assert meddommer_round.state == "kunngjort"


def test_closing_the_call_is_allowed_with_a_candidate_and_audited(meddommer_round, fagleder):
    services.candidate_register(actor=fagleder, round=meddommer_round, data=eligible_data("Kari"))
    _step(meddommer_round, "close_call", fagleder)
    meddommer_round.refresh_from_db()
    assert meddommer_round.state == "forslag_mottatt"
    entry = AuditEntry.objects.filter(action="close_call").get()
    assert (entry.from_state, entry.to_state, entry.actor_name) == ("kunngjort", "forslag_mottatt", "Kari Nordvik")


def test_only_the_secretariat_moves_a_round(meddommer_round, fagleder, saksbehandler):
    services.candidate_register(actor=fagleder, round=meddommer_round, data=eligible_data("Kari"))
    with pytest.raises(TransitionForbidden):
        _step(meddommer_round, "close_call", saksbehandler)


def test_a_step_from_the_wrong_state_names_the_current_state(meddommer_round, fagleder):
    with pytest.raises(TransitionNotAllowed, match="Kunngjort"):
        _step(meddommer_round, "elect", fagleder)


def test_checking_stores_each_candidates_result(meddommer_round, fagleder):
    ok = services.candidate_register(actor=fagleder, round=meddommer_round, data=eligible_data("Kari"))
    young = services.candidate_register(actor=fagleder, round=meddommer_round,
                                        data=eligible_data("Ung", birth_date=dt.date(2010, 1, 1)))
    _step(meddommer_round, "close_call", fagleder)
    _step(meddommer_round, "check_candidates", fagleder)
    ok.refresh_from_db()
    young.refresh_from_db()
    assert ok.eligible is True
    assert young.eligible is False
    assert any(r["rule"] == "alder" and not r["ok"] for r in young.eligibility)


def test_the_proposal_cannot_be_registered_without_the_case(meddommer_round, fagleder):
    round_in_state("kontrollert", meddommer_round, fagleder)
    with pytest.raises(GuardFailed, match="Lag saken"):
        _step(meddommer_round, "propose", fagleder)


def test_the_case_is_refused_while_a_pool_is_not_filled(meddommer_round, fagleder):
    people = fill_small_meddommer_proposal(meddommer_round, fagleder)
    _step(meddommer_round, "close_call", fagleder)
    place_all(people[:3], fagleder)
    _step(meddommer_round, "check_candidates", fagleder)
    with pytest.raises(GuardFailed, match="0 av 1 er foreslått"):
        services.round_case_create(actor=fagleder, round=meddommer_round, arkivsaksnummer="28/100")
    meddommer_round.refresh_from_db()
    assert meddommer_round.case is None


def test_the_proposal_is_registered_when_complete_with_its_case(meddommer_round, fagleder):
    round_in_state("innstilt", meddommer_round, fagleder)
    assert meddommer_round.case.arkivsaksnummer == "28/100"


def test_a_man_cannot_be_placed_in_the_womens_pool(meddommer_round, fagleder):
    man = services.candidate_register(actor=fagleder, round=meddommer_round, data=eligible_data("Per", gender="M"))
    _step(meddommer_round, "close_call", fagleder)
    women = meddommer_round.pools.get(kind="tingrett", gender="K")
    with pytest.raises(GuardFailed, match="kvinner"):
        services.candidate_assign_pool(actor=fagleder, candidate=man, pool=women)


def test_an_ineligible_candidate_cannot_be_placed(meddommer_round, fagleder):
    old = services.candidate_register(actor=fagleder, round=meddommer_round,
                                      data=eligible_data("Gammel", birth_date=dt.date(1950, 1, 1)))
    _step(meddommer_round, "close_call", fagleder)
    pool = meddommer_round.pools.get(kind="tingrett", gender="K")
    with pytest.raises(GuardFailed, match="ikke valgbar"):
        services.candidate_assign_pool(actor=fagleder, candidate=old, pool=pool)


def test_display_records_two_weeks_from_its_start(meddommer_round, fagleder):
    today = timezone.localdate()
    round_in_state("offentlig_ettersyn", meddommer_round, fagleder, display_start=today)
    assert meddommer_round.display_start == today
    assert meddommer_round.display_end == today + dt.timedelta(days=14)


def test_display_cannot_start_in_the_future(meddommer_round, fagleder):
    round_in_state("innstilt", meddommer_round, fagleder)
    with pytest.raises(GuardFailed, match="fram i tid"):
        _step(meddommer_round, "start_display", fagleder, display_start=timezone.localdate() + dt.timedelta(days=1))


def test_election_is_refused_one_day_before_the_display_has_lasted_two_weeks(meddommer_round, fagleder):
    start = timezone.localdate() - dt.timedelta(days=13)
    round_in_state("offentlig_ettersyn", meddommer_round, fagleder, display_start=start)
    with pytest.raises(GuardFailed, match="minst 14 dager") as exc:
        _step(meddommer_round, "elect", fagleder)
    assert f"{start + dt.timedelta(days=14):%d.%m.%Y}" in exc.value.message
    meddommer_round.refresh_from_db()
    assert meddommer_round.state == "offentlig_ettersyn"
    assert not meddommer_round.candidates.filter(elected=True).exists()


def test_election_is_allowed_on_the_day_the_two_weeks_are_over(meddommer_round, fagleder):
    round_in_state("offentlig_ettersyn", meddommer_round, fagleder,
                   display_start=timezone.localdate() - dt.timedelta(days=14))
    _step(meddommer_round, "elect", fagleder)
    meddommer_round.refresh_from_db()
    assert meddommer_round.state == "valgt"
    assert meddommer_round.candidates.filter(elected=True).count() == 4


def test_display_period_is_a_setting(settings, meddommer_round, fagleder):
    settings.SAKSGANG_APPOINTMENT_DISPLAY_DAYS = 21
    round_in_state("offentlig_ettersyn", meddommer_round, fagleder,
                   display_start=timezone.localdate() - dt.timedelta(days=14))
    with pytest.raises(GuardFailed, match="minst 21 dager"):
        _step(meddommer_round, "elect", fagleder)


def test_reporting_the_lists_marks_them_sent(meddommer_round, fagleder):
    round_in_state("meldt", meddommer_round, fagleder)
    assert meddommer_round.reported_at is not None
    assert [e.action for e in AuditEntry.objects.filter(object_id=meddommer_round.pk,
                                                        action__in=["close_call", "check_candidates", "propose",
                                                                    "start_display", "elect", "report"])
            .order_by("at", "pk")] == ["close_call", "check_candidates", "propose", "start_display", "elect",
                                       "report"]


def test_candidates_are_frozen_once_the_proposal_is_registered(meddommer_round, fagleder):
    round_in_state("innstilt", meddommer_round, fagleder)
    with pytest.raises(GuardFailed):
        services.candidate_register(actor=fagleder, round=meddommer_round, data=eligible_data("Sent"))


def test_deadline_warnings_mark_a_passed_election_deadline(body, formannskapet, fagleder):
    round_ = services.round_create(actor=fagleder, kind="meddommere", title="Gammel runde",
                                   period_start=dt.date(2021, 1, 1), period_end=dt.date(2024, 12, 31))
    rows = {r["label"]: r["level"] for r in services.round_deadline_warnings(round=round_)}
    assert rows["Kommunestyret velger"] == "passed"
    assert AppointmentRound.objects.count() == 1


def test_reopening_for_more_proposals_needs_a_reason(meddommer_round, fagleder):
    round_in_state("kontrollert", meddommer_round, fagleder)
    with pytest.raises(GuardFailed, match="hvorfor"):
        _step(meddommer_round, "reopen", fagleder)
    _step(meddommer_round, "reopen", fagleder, comment="For få menn til lagmannsretten.")
    meddommer_round.refresh_from_db()
    assert meddommer_round.state == "forslag_mottatt"


@pytest.mark.parametrize("state, step", [
    ("kunngjort", "check_candidates"), ("forslag_mottatt", "propose"), ("kontrollert", "start_display"),
    ("innstilt", "elect"), ("offentlig_ettersyn", "report"), ("valgt", "close_call"), ("meldt", "elect"),
])
def test_steps_out_of_order_are_refused(meddommer_round, fagleder, state, step):
    round_in_state(state, meddommer_round, fagleder)
    with pytest.raises(TransitionNotAllowed):
        _step(meddommer_round, step, fagleder)
    meddommer_round.refresh_from_db()
    assert meddommer_round.state == state
