"""The demo: meddommere 2029–2032 from call to election with one rejected for age and one for occupation,
a forliksråd round with an open call, one fritak case — idempotent."""

import pytest

from secretariat.appointments import demo
from secretariat.appointments.models import AppointmentRound, Candidate, MembershipChange
from secretariat.demo.core import seed_core
from secretariat.organizations.models import Membership

pytestmark = pytest.mark.django_db


def test_the_demo_round_goes_from_call_to_election_and_seeding_twice_changes_nothing():
    ctx = seed_core()
    demo.seed(ctx)
    counts = (AppointmentRound.objects.count(), Candidate.objects.count(), MembershipChange.objects.count(),
              Membership.objects.count())
    demo.seed(ctx)
    assert counts == (AppointmentRound.objects.count(), Candidate.objects.count(), MembershipChange.objects.count(),
                      Membership.objects.count())

    round_ = AppointmentRound.objects.get(title="Meddommere 2029–2032")
    assert round_.state == "valgt"
    assert round_.case.state == "vedtatt"
    assert [c.organization.slug for c in round_.case.consultations.order_by("sequence")] == [
        "formannskapet", "kommunestyret"]
    rejected = {c.name: c.failed_reasons for c in round_.candidates.filter(eligible=False)}
    assert rejected == {
        "Emil Rønning": ["Er 20 år ved periodens start 01.01.2029; må ha fylt 21 år (dl. § 70)."],
        "Kristin Vik": ["Utelukket på grunn av stilling: Polititjenestemann eller ansatt i politiet (dl. § 71)."],
    }
    assert round_.candidates.filter(elected=True).count() == 10

    forliksrad = AppointmentRound.objects.get(title="Forliksrådet 2029–2032")
    assert forliksrad.state == "kunngjort"
    assert forliksrad.candidates.filter(source="skjema").exists()

    change = MembershipChange.objects.get()
    assert change.case.state == "vedtatt"
    assert change.status == "til_behandling"  # granted; the secretariat carries it out in the demo


def test_carrying_out_the_demo_fritak_moves_the_first_substitute_up():
    import datetime as dt

    from secretariat.appointments.changes import membership_change_apply

    ctx = seed_core()
    demo.seed(ctx)
    change = MembershipChange.objects.get()
    first_sub = Membership.objects.active_on(ctx.today).substitutes().get(
        organization=change.organization, electoral_list=change.membership.electoral_list, substitute_order=1)
    day = ctx.today + dt.timedelta(days=1)
    membership_change_apply(actor=ctx.users["fagleder"], change=change, effective_date=day)
    assert Membership.objects.active_on(day).regular().filter(person=first_sub.person,
                                                              organization=change.organization).exists()
    orders = list(Membership.objects.active_on(day).substitutes()
                  .filter(organization=change.organization, electoral_list=change.membership.electoral_list)
                  .order_by("substitute_order").values_list("substitute_order", flat=True))
    assert orders == list(range(1, len(orders) + 1))
