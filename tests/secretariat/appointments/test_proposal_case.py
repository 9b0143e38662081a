"""The proposal as a case for formannskapet, with a generated saksframlegg, through the case workflow."""

import pytest

from secretariat.appointments import services
from secretariat.cases.services import case_transition
from workflows.models import AuditEntry

from .conftest import round_in_state

pytestmark = pytest.mark.django_db


def test_the_case_has_kort_fortalt_and_an_innstilling_naming_the_proposed(meddommer_round, fagleder, formannskapet):
    round_in_state("kontrollert", meddommer_round, fagleder)
    services.round_case_create(actor=fagleder, round=meddommer_round, arkivsaksnummer="28/321")
    case = meddommer_round.case
    assert case.title == "Valg av meddommere 2029–2032"
    assert case.current_consultation.organization == formannskapet
    assert case.paper.summary.startswith("Kommunestyret skal velge meddommere til tingretten og lagmannsretten")
    assert "2 kvinner og 2 menn" in case.paper.summary
    assert len(case.paper.summary) <= 600
    rec = case.paper.recommendation
    assert "Tingretten – kvinner:\n1. tingrettK Hansen (f. 1980)" in rec
    assert "Lagmannsretten – menn:\n1. lagmannsrettM Hansen (f. 1980)" in rec
    assert AuditEntry.objects.filter(action="sak_opprettet", object_id=meddommer_round.pk).exists()


def test_the_case_goes_through_the_normal_approval(meddommer_round, fagleder, saksbehandler, kommunedirektor):
    round_in_state("kontrollert", meddommer_round, fagleder)
    services.round_case_create(actor=fagleder, round=meddommer_round, arkivsaksnummer="28/322")
    case = meddommer_round.case
    case_transition(case=case, name="submit", actor=fagleder)
    case_transition(case=case, name="approve", actor=kommunedirektor)
    case.refresh_from_db()
    assert case.state == "klar"


def test_a_round_gets_only_one_case(meddommer_round, fagleder):
    round_in_state("kontrollert", meddommer_round, fagleder)
    services.round_case_create(actor=fagleder, round=meddommer_round, arkivsaksnummer="28/323")
    with pytest.raises(Exception, match="allerede saken 28/323"):
        services.round_case_create(actor=fagleder, round=meddommer_round, arkivsaksnummer="28/324")


def test_a_bad_archive_number_saves_nothing(meddommer_round, fagleder):
    from django.core.exceptions import ValidationError

    round_in_state("kontrollert", meddommer_round, fagleder)
    with pytest.raises(ValidationError):
        services.round_case_create(actor=fagleder, round=meddommer_round, arkivsaksnummer="feil")
    meddommer_round.refresh_from_db()
    assert meddommer_round.case is None


def test_the_public_paper_counts_the_rejected_without_naming_them(meddommer_round, fagleder):
    import datetime as dt

    from .conftest import eligible_data, fill_small_meddommer_proposal, place_all

    people = fill_small_meddommer_proposal(meddommer_round, fagleder)
    services.candidate_register(actor=fagleder, round=meddommer_round,
                                data=eligible_data("Ung", "Yngstad", birth_date=dt.date(2010, 1, 1)))
    services.candidate_register(actor=fagleder, round=meddommer_round,
                                data=eligible_data("Betjent", "Politisen", occupation="politi"))
    services.round_transition(round=meddommer_round, name="close_call", actor=fagleder)
    place_all(people, fagleder)
    services.round_transition(round=meddommer_round, name="check_candidates", actor=fagleder)
    services.round_case_create(actor=fagleder, round=meddommer_round, arkivsaksnummer="28/330")
    background = meddommer_round.case.paper.background
    assert "Det kom inn 6 forslag." in background
    assert "2 av kandidatene er ikke valgbare (alder: 1; stilling (dl. § 71): 1)." in background
    assert "Yngstad" not in background and "Politisen" not in background
