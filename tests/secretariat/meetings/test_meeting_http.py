"""The whole meeting cycle through the staff UI, logged in as fagleder (the issue's 'done when')."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from secretariat.meetings.models import Meeting
from tests.helpers import meeting_took_place
from workflows.case import CaseState
from workflows.meeting import MeetingState


def _post(client, meeting, action, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:action", args=[meeting.pk, action]), data, follow=True)
    assert response.status_code == 200
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert not errors, errors
    return response


@pytest.fixture
def logged_in(client, fagleder):
    client.force_login(fagleder)
    return client


def test_plan_notify_run_and_approve_a_formannskap_meeting(
        logged_in, fsk, kommunestyret, klar_case, smtp_server, django_capture_on_commit_callbacks):
    client = logged_in
    budget, school, library = klar_case(title="Budsjett 2027"), klar_case(title="Skolebruksplan"), \
        klar_case(title="Bibliotekets åpningstider")

    # Plan the meeting.
    day = timezone.localdate() + dt.timedelta(days=21)
    response = client.post(reverse("meetings:create"), {
        "organization": fsk.org.pk, "start": f"{day:%Y-%m-%d}T18:00", "end": f"{day:%Y-%m-%d}T21:00",
        "location": "Formannskapssalen"})
    assert response.status_code == 302
    meeting = Meeting.objects.get(organization=fsk.org)
    assert client.get(reverse("meetings:list")).status_code == 200

    # Three cases on the agenda.
    for case in (school, budget, library):
        _post(client, meeting, "add_case", {"case": case.pk}, django_capture_on_commit_callbacks)
    items = list(meeting.agenda_items.order_by("position"))
    assert [i.title for i in items] == ["Skolebruksplan", "Budsjett 2027", "Bibliotekets åpningstider"]
    assert "Skolebruksplan" in client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()

    # The notice to members, then an absence and the right substitute (Hanne left H; the H list decides).
    _post(client, meeting, "transition", {"transition": "send_notice"}, django_capture_on_commit_callbacks)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.INNKALT
    _post(client, meeting, "absence", {"membership": fsk.m.hanne.pk, "reason": "Sykdom"},
          django_capture_on_commit_callbacks)
    absence = meeting.absences.get()
    assert absence.proposed_substitute == fsk.s.hilde
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Hilde Vara" in page
    _post(client, meeting, "confirm_substitute", {"absence": absence.pk, "substitute": fsk.s.hilde.pk},
          django_capture_on_commit_callbacks)
    smtp_server.wait_for(7)
    assert len(smtp_server.to("anna@folkevalgt.test")) == 1
    assert "varamedlem for Hanne Fsk" in smtp_server.to("hilde@folkevalgt.test")[0].get_content()

    # The live meeting.
    live_url = reverse("meetings:live", args=[meeting.pk])
    _post(client, meeting, "fill_attendance", {}, django_capture_on_commit_callbacks)
    assert meeting.attendances.count() == 7  # six members and Hilde
    first, second, third = items
    assert client.get(live_url + f"?sak={first.pk}").status_code == 200
    _post(client, meeting, "current", {"item": first.pk, "record_video": "1"}, django_capture_on_commit_callbacks)
    _post(client, meeting, "recusal", {"item": first.pk, "membership": fsk.m.sigrid.pk, "decided": "1",
                                       "grounds": "Gift med rektor", "substitute": fsk.s.siri.pk},
          django_capture_on_commit_callbacks)
    _post(client, meeting, "proposal", {"item": first.pk, "recommendation": "1"}, django_capture_on_commit_callbacks)
    _post(client, meeting, "proposal", {"item": first.pk, "by": "H", "text": "Saken utsettes."},
          django_capture_on_commit_callbacks)
    proposal = first.proposals.get(is_recommendation=True)
    m = fsk.m
    ballots = {f"ballot_{k.pk}": v for k, v in [
        (m.anna, "for"), (m.anders, "for"), (m.aud, "mot"), (m.henrik, "for"), (fsk.s.hilde, "for"),
        (fsk.s.siri, "for"), (m.svein, "for")]}
    _post(client, meeting, "vote", {"item": first.pk, "proposal": proposal.pk, **ballots},
          django_capture_on_commit_callbacks)
    _post(client, meeting, "decide", {"item": first.pk, "text": "Skolebruksplanen vedtas.", "next_step": "forward",
                                      "forward_to": kommunestyret.pk}, django_capture_on_commit_callbacks)
    _post(client, meeting, "proposal", {"item": second.pk, "recommendation": "1"}, django_capture_on_commit_callbacks)
    _post(client, meeting, "vote", {"item": second.pk, "proposal": second.proposals.get().pk, "unanimous": "1"},
          django_capture_on_commit_callbacks)
    _post(client, meeting, "decide", {"item": second.pk, "text": "Budsjettet vedtas.", "next_step": "final"},
          django_capture_on_commit_callbacks)
    _post(client, meeting, "outcome", {"item": third.pk, "outcome": "utsatt", "comment": "Trenger mer tid."},
          django_capture_on_commit_callbacks)
    _post(client, meeting, "remark", {"item": first.pk, "by": "SV", "text": "SV mener skolen må prioriteres."},
          django_capture_on_commit_callbacks)

    # Minutes.
    meeting_took_place(meeting)
    for step in ("hold", "draft_minutes"):
        _post(client, meeting, "transition", {"transition": step}, django_capture_on_commit_callbacks)
    minutes_page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "Aud Fsk (Ap) stemte mot" in minutes_page
    assert "Sigrid Fsk (Sp) ble erklært inhabil" in minutes_page
    assert "lovlighetskontroll" in minutes_page
    _post(client, meeting, "approve", {"signers": [m.henrik.person.pk, m.svein.person.pk]},
          django_capture_on_commit_callbacks)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PROTOKOLL_GODKJENT

    # One case moves on to kommunestyret, one ends as vedtatt, one waits for a new meeting.
    for case in (school, budget, library):
        case.refresh_from_db()
    assert school.state == CaseState.KLAR and school.current_consultation.organization == kommunestyret
    assert budget.state == CaseState.VEDTATT
    assert library.state == CaseState.KLAR and library.current_consultation.organization == fsk.org

    # Approved minutes: editing is refused with a clear message, nothing changes.
    response = client.post(reverse("meetings:action", args=[meeting.pk, "decision_text"]),
                           {"item": second.pk, "text": "Endret."}, follow=True)
    assert "godkjent og kan ikke endres" in response.content.decode()
    second.decision.refresh_from_db()
    assert second.decision.text == "Budsjettet vedtas."
