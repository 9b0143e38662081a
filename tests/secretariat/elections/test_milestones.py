"""An election project's milestones are computed from its election day (DOMAIN.md §3, valgloven 2023)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from secretariat.elections.services import election_project_create
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db


def _by_key(project):
    return {t.key: t for t in project.tasks.all()}


def test_2025_milestones_from_election_day_8_september(project_2025):
    tasks = _by_key(project_2025)
    assert tasks["listeforslag_frist"].due_on == dt.date(2025, 3, 31)
    assert tasks["listeforslag_frist"].due_time == dt.time(12, 0)
    assert tasks["manntall"].due_on == dt.date(2025, 6, 30)
    assert (tasks["tidligstemmer"].starts_on, tasks["tidligstemmer"].due_on) == (dt.date(2025, 7, 1),
                                                                                dt.date(2025, 8, 9))
    # Advance voting: 10 August – the last Friday before election day (Monday 8 September → Friday 5 September).
    assert (tasks["forhandsstemmer"].starts_on, tasks["forhandsstemmer"].due_on) == (dt.date(2025, 8, 10),
                                                                                    dt.date(2025, 9, 5))
    assert tasks["opptelling_forhand"].due_on == dt.date(2025, 9, 7)
    assert tasks["valgdag"].due_on == dt.date(2025, 9, 8)
    assert tasks["forelopig_opptelling"].due_on == dt.date(2025, 9, 8)
    assert tasks["endelig_opptelling"].due_on > dt.date(2025, 9, 8)
    assert tasks["valgprotokoll"].due_on > tasks["endelig_opptelling"].due_on
    assert "A–E" in tasks["valgprotokoll"].title


def test_advance_voting_ends_on_the_friday_before_a_mid_week_election_day(valgstyret, fagleder):
    project = election_project_create(actor=fagleder, election_type="stortingsvalg", election_day=dt.date(2029, 9, 10))
    assert _by_key(project)["forhandsstemmer"].due_on == dt.date(2029, 9, 7)


def test_project_is_linked_to_the_valgstyre_and_its_creation_audited(project_2025, valgstyret):
    assert project_2025.valgstyre == valgstyret
    assert project_2025.name == "Kommunestyre- og fylkestingsvalg 2025"
    assert AuditEntry.for_object(project_2025).filter(action="opprettet").exists()


def test_the_same_election_twice_is_refused_and_nothing_is_added(project_2025, fagleder):
    before = project_2025.tasks.count()
    with pytest.raises(ValidationError):
        election_project_create(actor=fagleder, election_type="kommunestyrevalg", election_day=dt.date(2025, 9, 8))
    assert project_2025.tasks.count() == before


def test_templates_can_be_replaced_per_kommune(settings, valgstyret, fagleder):
    from secretariat.elections.plan_templates import TaskTemplate

    settings.SAKSGANG_ELECTION_TEMPLATES = {"sametingsvalg": [TaskTemplate("egen", "Egen frist", ("election", -30))]}
    project = election_project_create(actor=fagleder, election_type="sametingsvalg", election_day=dt.date(2029, 9, 10))
    assert [(t.key, t.due_on) for t in project.tasks.all()] == [("egen", dt.date(2029, 8, 11))]
