"""Forsinket is derived from the deadline, never stored."""

from secretariat.followups.models import FollowUp
from secretariat.followups.services import followup_transition


def test_an_open_followup_past_its_deadline_is_overdue(make_followup):
    late = make_followup(days=-1)
    on_time = make_followup(days=0, description="I dag.")
    assert late.is_overdue and late.status_label == "Ikke startet (forsinket)"
    assert not on_time.is_overdue
    flags = dict(FollowUp.objects.with_overdue().values_list("pk", "overdue_flag"))
    assert flags == {late.pk: True, on_time.pk: False}
    assert list(FollowUp.objects.overdue()) == [late]


def test_a_completed_followup_is_never_overdue(make_followup, saksbehandler):
    late = make_followup(days=-5)
    followup_transition(followup=late, name="start", actor=saksbehandler)
    followup_transition(followup=late, name="complete", actor=saksbehandler)
    late.refresh_from_db()
    assert not late.is_overdue
    assert not FollowUp.objects.overdue().exists()
