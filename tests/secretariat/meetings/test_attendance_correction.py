"""Who attended is part of the legal record (koml. § 11-4), so a wrong registration must be correctable in
møtemodus: remove it, or change the item someone arrived at or left before. Each correction is audited."""

import pytest
from django.urls import reverse

from secretariat.meetings.services import (
    agenda_item_add_other,
    attendance_fill_from_notice,
    meeting_send_notice,
)
from workflows.models import AuditEntry


@pytest.fixture
def live(fsk, meeting, fagleder):
    items = [agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title=f"Orientering {n}")
             for n in (1, 2, 3)]
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    return items


def _post(client, meeting, action, data):
    r = client.post(reverse("meetings:action", args=[meeting.pk, action]), data, follow=True)
    return r, [str(m) for m in r.context["messages"]] if r.context else []


def test_the_live_page_offers_to_remove_each_attendance(client, fsk, meeting, fagleder, live):
    client.force_login(fagleder)
    page = client.get(reverse("meetings:live", args=[meeting.pk])).content.decode()
    aud = meeting.attendances.get(membership=fsk.m.aud)
    assert reverse("meetings:action", args=[meeting.pk, "unattend"]) in page
    assert f'name="attendance" value="{aud.pk}"' in page
    assert "Fjern oppmøtet" in page


def test_a_wrong_attendance_is_removed_and_audited(client, fsk, meeting, fagleder, live):
    client.force_login(fagleder)
    aud = meeting.attendances.get(membership=fsk.m.aud)
    r, messages = _post(client, meeting, "unattend", {"attendance": aud.pk, "reason": "Kom ikke"})
    assert r.status_code == 200 and any("Oppmøtet for Aud Fsk er fjernet" in m for m in messages)
    assert not meeting.attendances.filter(membership=fsk.m.aud).exists()
    entry = AuditEntry.objects.get(object_id=meeting.pk, action="oppmote_fjernet")
    assert entry.comment == "Kom ikke" and entry.changes["medlem"] == "Aud Fsk"


def test_arrival_and_departure_are_corrected_in_order(client, fsk, meeting, fagleder, live):
    first, second, third = live
    client.force_login(fagleder)
    aud = meeting.attendances.get(membership=fsk.m.aud)
    _post(client, meeting, "arrive", {"attendance": aud.pk, "before_item": second.pk})
    aud.refresh_from_db()
    assert aud.arrived_before == second
    entry = AuditEntry.objects.filter(object_id=meeting.pk, action="kom").latest("pk")
    assert entry.changes["fra sak"] == second.label and entry.changes["før"] == "møtestart"
    # leaving before the item she arrived at is refused, with the record unchanged
    r, messages = _post(client, meeting, "depart", {"attendance": aud.pk, "before_item": first.pk})
    assert r.status_code == 200 and any("kan ikke gå før" in m for m in messages)
    aud.refresh_from_db()
    assert aud.left_before is None
    _post(client, meeting, "depart", {"attendance": aud.pk, "before_item": third.pk})
    aud.refresh_from_db()
    assert aud.left_before == third
    _post(client, meeting, "arrive", {"attendance": aud.pk, "before_item": ""})  # she was there from the start
    aud.refresh_from_db()
    assert aud.arrived_before is None


def test_bad_input_is_a_message_not_a_500(client, fsk, meeting, fagleder, live, formannskapet):
    client.force_login(fagleder)
    r, messages = _post(client, meeting, "unattend", {"attendance": "999999"})
    assert r.status_code == 200 and any("finnes ikke i dette møtet" in m for m in messages)
    r, messages = _post(client, meeting, "unattend", {})
    assert any("Velg hvem oppmøtet gjelder" in m for m in messages)
    aud = meeting.attendances.get(membership=fsk.m.aud)
    r, messages = _post(client, meeting, "arrive", {"attendance": aud.pk, "before_item": "abc"})
    assert any("Ukjent sak" in m for m in messages)
    assert meeting.attendances.count() == 7


def test_a_folkevalgt_cannot_correct_attendance(client, fsk, meeting, member_user, live):
    client.force_login(member_user)
    aud = meeting.attendances.get(membership=fsk.m.aud)
    r = client.post(reverse("meetings:action", args=[meeting.pk, "unattend"]), {"attendance": aud.pk})
    assert r.status_code == 403
    assert meeting.attendances.filter(pk=aud.pk).exists()


def test_an_attendance_of_another_meeting_cannot_be_touched(client, fsk, meeting, fagleder, live):
    from secretariat.meetings.services import meeting_create

    other = meeting_create(actor=fagleder, organization=fsk.org, start=meeting.start.replace(hour=9))
    client.force_login(fagleder)
    aud = meeting.attendances.get(membership=fsk.m.aud)
    r, messages = _post(client, other, "unattend", {"attendance": aud.pk})
    assert any("finnes ikke i dette møtet" in m for m in messages)
    assert meeting.attendances.filter(pk=aud.pk).exists()
