"""The substitute chain (koml. § 7-10): when a member has forfall, substitutes are called from the list the member
was elected from, in its numbered order. A called-in substitute who reports absence herself is no longer
called: the next free one on the same list is proposed, and she gets neither the call nor the notice.

Formannskapet (conftest): Ap members Anna, Anders, Aud; Ap substitutes 1 Arne, 2 Astrid, 3 Are.
"""

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from secretariat.accounts.roles import Role
from secretariat.meetings import selectors
from secretariat.meetings.services import (
    absence_confirm_substitute,
    absence_register,
    agenda_item_add_other,
    attendance_fill_from_notice,
    attendance_register,
    meeting_send_notice,
)
from tests.factories import UserFactory
from workflows.errors import GuardFailed
from workflows.models import AuditEntry


@pytest.fixture
def agenda(meeting, fagleder):
    return [agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title=f"Orientering {n}")
            for n in (1, 2)]


@pytest.fixture
def arne_user(fsk):
    """A folkevalgt user linked to Arne, the first Ap substitute."""
    user = UserFactory(username="arne", role=Role.FOLKEVALGT)
    person = fsk.s.arne.person
    person.user = user
    person.save()
    return user


@pytest.fixture
def arne_called(fsk, meeting, fagleder, agenda):
    """Anders has forfall; Arne (Ap 1) is called in for him."""
    absence = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.anders, reason="Sykdom")
    return absence_confirm_substitute(actor=fagleder, absence=absence)


def test_the_next_on_the_same_list_is_proposed_when_the_called_in_substitute_reports_absence(
        fsk, meeting, fagleder, arne_called):
    assert arne_called.substitute == fsk.s.arne
    absence_register(actor=fagleder, meeting=meeting, membership=fsk.s.arne, reason="Syk barn")
    arne_called.refresh_from_db()
    assert arne_called.substitute is None and arne_called.substitute_confirmed_at is None
    assert arne_called.proposed_substitute == fsk.s.astrid  # Ap 2, the same list as Anders
    cancelled = AuditEntry.objects.get(object_id=meeting.pk, action="vara_innkalling_trukket")
    assert cancelled.changes["vara med forfall"] == "Arne Vara" and cancelled.changes["for"] == "Anders Fsk"
    absence_confirm_substitute(actor=fagleder, absence=arne_called)
    arne_called.refresh_from_db()
    assert arne_called.substitute == fsk.s.astrid


def test_the_proposal_skips_substitutes_absent_called_or_attending(fsk, meeting, fagleder, arne_called):
    absence_register(actor=fagleder, meeting=meeting, membership=fsk.s.astrid, reason="Bortreist")
    aud = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.aud)
    assert aud.proposed_substitute == fsk.s.are  # Arne called, Astrid absent
    absence_register(actor=fagleder, meeting=meeting, membership=fsk.s.arne)
    arne_called.refresh_from_db()
    assert arne_called.proposed_substitute is None  # Astrid absent, Are proposed for Aud: nobody left
    assert selectors.substitute_candidates(meeting, fsk.m.anders, for_absence=arne_called) == []
    with pytest.raises(GuardFailed, match="ingen ledige varamedlemmer"):
        absence_confirm_substitute(actor=fagleder, absence=arne_called)


def test_a_substitute_attending_is_not_proposed(fsk, meeting, fagleder, agenda):
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_register(actor=fagleder, meeting=meeting, membership=fsk.s.arne, substitute_for=fsk.m.anders,
                        only_items=[agenda[0]])
    aud = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.aud)
    assert aud.proposed_substitute == fsk.s.astrid


def test_she_gets_neither_the_call_nor_the_notice(fsk, meeting, fagleder, agenda,
                                                  django_capture_on_commit_callbacks):
    absence = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.anders)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        absence_confirm_substitute(actor=fagleder, absence=absence)
    # She reports absence before the call's e-mail has gone out: the queued call sends nothing.
    absence_register(actor=fagleder, meeting=meeting, membership=fsk.s.arne)
    for callback in queued:
        callback()
    assert mail.outbox == []
    absence.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        absence_confirm_substitute(actor=fagleder, absence=absence)  # Astrid, proposed in her place
        meeting_send_notice(actor=fagleder, meeting=meeting)
    recipients = [m.to[0] for m in mail.outbox]
    assert "astrid@folkevalgt.test" in recipients
    assert "arne@folkevalgt.test" not in recipients and "anders@folkevalgt.test" not in recipients


def test_fill_from_notice_does_not_register_her_and_she_cannot_be_registered(fsk, meeting, fagleder, arne_called):
    absence_register(actor=fagleder, meeting=meeting, membership=fsk.s.arne)
    arne_called.refresh_from_db()
    absence_confirm_substitute(actor=fagleder, absence=arne_called)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    attending = {a.membership_id: a for a in meeting.attendances.all()}
    assert fsk.s.arne.pk not in attending and fsk.m.anders.pk not in attending
    assert attending[fsk.s.astrid.pk].substitute_for == fsk.m.anders
    with pytest.raises(GuardFailed, match="forfall til hele møtet"):
        attendance_register(actor=fagleder, meeting=meeting, membership=fsk.s.arne, substitute_for=fsk.m.aud)


def test_the_protokoll_names_who_actually_met(fsk, meeting, fagleder, arne_called):
    absence_register(actor=fagleder, meeting=meeting, membership=fsk.s.arne)
    arne_called.refresh_from_db()
    absence_confirm_substitute(actor=fagleder, absence=arne_called)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    att = selectors.build_minutes_data(meeting, public=False)["attendance"]
    assert [(r["name"], r["for"], r["items"]) for r in att["met_for"]] == [("Astrid Vara", "Anders Fsk", [])]
    assert att["met_for_lines"] == ["Astrid Vara (Ap) møtte for Anders Fsk"]
    absent = {a["name"]: a["substitute"] for a in att["absent"]}
    assert absent == {"Anders Fsk": "Astrid Vara", "Arne Vara": ""}
    assert "Arne Vara" not in [p["name"] for p in att["present"]]


# -- through the interfaces users use -------------------------------------------------------------------


def test_the_substitute_reports_her_own_absence_in_the_ui_and_the_chain_moves_on(
        client, fsk, meeting, arne_user, arne_called):
    client.force_login(arne_user)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Meld forfall (Varamedlem)" in page
    r = client.post(reverse("meetings:action", args=[meeting.pk, "absence"]),
                    {"membership": fsk.s.arne.pk, "reason": "Syk"}, follow=True)
    assert r.status_code == 200
    arne_called.refresh_from_db()
    assert arne_called.substitute is None and arne_called.proposed_substitute == fsk.s.astrid
    # ... but not for someone else
    r = client.post(reverse("meetings:action", args=[meeting.pk, "absence"]), {"membership": fsk.m.aud.pk},
                    follow=True)
    assert any("bare melde forfall for deg selv" in str(m) for m in r.context["messages"])
    assert not meeting.absences.filter(membership=fsk.m.aud).exists()


def test_the_fagleder_registers_the_substitutes_absence_in_the_ui(client, fsk, meeting, fagleder, arne_called):
    client.force_login(fagleder)
    r = client.post(reverse("meetings:action", args=[meeting.pk, "absence"]), {"membership": fsk.s.arne.pk},
                    follow=True)
    assert r.status_code == 200
    page = r.content.decode()
    arne_called.refresh_from_db()
    assert arne_called.proposed_substitute == fsk.s.astrid
    assert f'<option value="{fsk.s.astrid.pk}" selected>' in page  # proposed in the call-in form


def test_the_substitute_reports_her_absence_over_the_api(fsk, meeting, arne_user, arne_called):
    api = APIClient()
    api.force_authenticate(arne_user)
    r = api.post(f"/api/meetings/{meeting.pk}/absences/", {"membership": fsk.s.arne.pk, "reason": "Syk"},
                 format="json")
    assert r.status_code == 201
    arne_called.refresh_from_db()
    assert arne_called.substitute is None and arne_called.proposed_substitute == fsk.s.astrid
    r = api.post(f"/api/meetings/{meeting.pk}/absences/", {"membership": fsk.m.aud.pk}, format="json")
    assert r.status_code == 403
    assert api.get(f"/api/meetings/{meeting.pk}/absences/").status_code == 403  # the list is the secretariat's


def test_the_fagleder_over_the_api_sees_the_next_proposed(api, fsk, meeting, arne_called):
    r = api.post(f"/api/meetings/{meeting.pk}/absences/", {"membership": fsk.s.arne.pk}, format="json")
    assert r.status_code == 201
    rows = {row["member"]: row for row in api.get(f"/api/meetings/{meeting.pk}/absences/").json()}
    assert rows["Anders Fsk"]["substitute"] is None
    assert rows["Anders Fsk"]["proposed_substitute"] == fsk.s.astrid.pk
    r = api.post(f"/api/meetings/{meeting.pk}/confirm-substitute/", {"absence": arne_called.pk}, format="json")
    assert r.status_code == 200 and r.json()["substitute"] == fsk.s.astrid.pk


def test_a_substitute_with_forfall_cannot_take_a_recused_members_seat(fsk, meeting, fagleder, agenda):
    from secretariat.meetings.services import recusal_register

    absence_register(actor=fagleder, meeting=meeting, membership=fsk.s.arne)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    with pytest.raises(GuardFailed, match="har meldt forfall til møtet"):
        recusal_register(actor=fagleder, item=agenda[0], membership=fsk.m.anders, substitute=fsk.s.arne)
    assert not meeting.attendances.filter(membership=fsk.s.arne).exists()
    assert not agenda[0].recusals.exists()
