"""Permisjon and fritak (koml. § 7-9) through HTTP: the member applies (bad input refused, nothing saved), the
secretariat makes it a case and approves it once the case is decided; an approved permisjon calls in the substitute
for the meetings in the period, also for a meeting planned after the approval, and ends by itself. A fritak goes the
appointments app's fritak path and ends the membership."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from secretariat.cases.services import case_transition
from secretariat.meetings import selectors as meeting_selectors
from secretariat.meetings.services import agenda_item_add, meeting_create
from secretariat.members.leave import leave_status
from secretariat.members.models import LeaveApplication
from secretariat.organizations.models import Membership
from tests.helpers import decide_in_meeting
from workflows.models import AuditEntry

from .conftest import client_for, start_in

TODAY = timezone.localdate


def _day(days: int) -> str:
    return (TODAY() + dt.timedelta(days=days)).isoformat()


def _apply(client, **data):
    return client.post(reverse("members:leave"), {"kind": "permisjon", "ground": "Foreldrepermisjon", **data})


def _decide(application, *, fagleder, kommunedirektor):
    """Kommunestyret decides the application's case in a meeting (the real case and meeting path)."""
    case = application.case
    case_transition(case=case, name="submit", actor=fagleder)
    case.refresh_from_db()
    case_transition(case=case, name="approve", actor=kommunedirektor)
    case.refresh_from_db()
    meeting = meeting_create(actor=fagleder, organization=case.current_consultation.organization, start=start_in(3))
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    case.refresh_from_db()
    decide_in_meeting(case, actor=fagleder, text="Søknaden innvilges.")


def _step(client, application, name, **data):
    return client.post(reverse("leave_staff:transition", args=[application.pk]), {"transition": name, **data})


def test_bad_applications_get_a_clear_message_and_nothing_is_saved(fsk):
    aud = client_for(fsk.aud_user)
    assert _apply(aud, start_date=_day(10), end_date=_day(40)).status_code == 302
    cases = [
        ({"start_date": _day(60), "end_date": _day(50)}, "kan ikke slutte"),
        ({"start_date": _day(20), "end_date": _day(70)}, "overlapper"),
        ({"start_date": "2027-09-01", "end_date": "2027-12-31"}, "innenfor valgperioden"),
        ({"start_date": "2022-01-01", "end_date": "2022-02-01"}, "ingen verv"),
        ({"start_date": _day(100), "end_date": _day(110), "person": fsk.anders.person_id}, "for deg selv"),
        ({"start_date": _day(100)}, "når permisjonen slutter"),
        ({"start_date": _day(100), "end_date": _day(110), "ground": ""}, "Grunn"),
    ]
    for data, message in cases:
        response = _apply(aud, **data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), (data, message)
    assert LeaveApplication.objects.count() == 1
    # Another folkevalgt cannot withdraw it; staff pages are the fagleder's.
    application = LeaveApplication.objects.get()
    anders = client_for(fsk.anders_user)
    assert anders.post(reverse("members:leave_withdraw", args=[application.pk]), {"transition": "withdraw"}
                       ).status_code == 404
    assert anders.get(reverse("leave_staff:detail", args=[application.pk])).status_code == 403
    assert aud.post(reverse("members:leave_withdraw", args=[application.pk]), {"transition": "withdraw"}
                    ).status_code == 302
    application.refresh_from_db()
    assert application.state == "trukket"
    assert [e.action for e in AuditEntry.for_object(application)] == ["opprettet", "withdraw"]


def test_an_approved_permisjon_calls_in_substitutes_in_its_period_and_ends_by_itself(fsk, meeting_in, fagleder,
                                                                                     kommunedirektor):
    before_period, inside = meeting_in(5), meeting_in(15)
    aud, staff = client_for(fsk.aud_user), client_for(fagleder)
    assert _apply(aud, start_date=_day(10), end_date=_day(40)).status_code == 302
    application = LeaveApplication.objects.get()
    assert application.person == fsk.aud.person and application.state == "soknad"
    assert _step(staff, application, "register_case", arkivsaksnummer="26/7001").status_code == 302
    application.refresh_from_db()
    assert application.state == "til_behandling" and application.case.exempt  # the ground is personal (offl. § 13)
    # Not before the body has decided.
    _step(staff, application, "approve")
    application.refresh_from_db()
    assert application.state == "til_behandling"
    _decide(application, fagleder=fagleder, kommunedirektor=kommunedirektor)
    assert _step(staff, application, "approve").status_code == 302
    application.refresh_from_db()
    assert application.state == "innvilget"

    absence = inside.absences.get()
    assert absence.membership == fsk.aud and absence.substitute == fsk.arne and absence.substitute_confirmed_at
    assert not before_period.absences.exists()
    # A meeting planned after the approval, inside the period: the substitute is called in by itself.
    later = meeting_in(30)
    assert later.absences.get().substitute == fsk.arne
    # After the period the member is called again, with no step by anyone.
    after = meeting_in(45)
    assert not after.absences.exists()
    called = {r["membership"].pk for r in meeting_selectors.expected_participants(after)}
    assert fsk.aud.pk in called and fsk.arne.pk not in called
    # A meeting moved into the period is covered too (the fagleder moves it on the meeting's edit page).
    moved = meeting_in(60)
    staff.post(reverse("meetings:edit", args=[moved.pk]), {"organization": fsk.org.pk, "start": start_in(35)
                                                           .strftime("%Y-%m-%dT%H:%M"), "location": "Rådhuset",
                                                           "confirm_unusual_date": "on"})
    moved.refresh_from_db()
    assert moved.start.date() == TODAY() + dt.timedelta(days=35)
    assert moved.absences.get().substitute == fsk.arne
    assert "pågår" in leave_status(application, today=TODAY() + dt.timedelta(days=20))
    assert "Avsluttet" in leave_status(application, today=TODAY() + dt.timedelta(days=41))
    actions = [e.action for e in AuditEntry.for_object(application)]
    assert actions[:3] == ["opprettet", "register_case", "permisjon_forfall"] and "approve" in actions
    assert actions.count("permisjon_forfall") == 3
    page = staff.get(reverse("leave_staff:detail", args=[application.pk])).content.decode()
    assert "Arne Portal" in page


def test_a_fritak_goes_the_fritak_path_and_ends_the_membership(fsk, fagleder, kommunedirektor):
    staff = client_for(fagleder)
    response = staff.post(reverse("leave_staff:list"), {
        "person": fsk.anders.person_id, "kind": "fritak", "start_date": _day(20), "membership": fsk.anders.pk,
        "ground": "Flytter fra kommunen"})
    assert response.status_code == 302
    application = LeaveApplication.objects.get()
    assert application.end_date is None and application.last_day == fsk.term.end_date
    _step(staff, application, "register_case", arkivsaksnummer="26/7002")
    application.refresh_from_db()
    change = application.membership_change
    assert change is not None and change.case == application.case and change.membership == fsk.anders
    _decide(application, fagleder=fagleder, kommunedirektor=kommunedirektor)
    _step(staff, application, "approve")
    application.refresh_from_db()
    assert application.state == "innvilget"
    fsk.anders.refresh_from_db()
    assert fsk.anders.end_date == TODAY() + dt.timedelta(days=19)
    moved_up = Membership.objects.get(person=fsk.arne.person, role="medlem")  # first on the list (koml. § 7-10)
    assert moved_up.start_date == TODAY() + dt.timedelta(days=20)
