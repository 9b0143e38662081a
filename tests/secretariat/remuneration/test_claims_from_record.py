"""The record makes the drafts (record.py): marking a meeting held gives each attendee with an account her draft with
the møtegodtgjøring line, a substitute included and an absent member not; a correction of the record follows into
the draft; training attendance does the same where the forskrift pays it; the safety net never duplicates. And the
forskrift's flag for whether the ordfører's fast godtgjøring covers her other verv."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from secretariat.meetings import services as meetings
from secretariat.meetings.models import Attendance
from secretariat.remuneration.models import Claim
from secretariat.remuneration.rates import fixed_for_month
from secretariat.training.models import Audience, Course, TrainingSession
from secretariat.training.services import attendance_set
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
BASE = "/intern/godtgjoring"


def lines(claim) -> list[tuple[str, Decimal, bool]]:
    return [(line.kind, line.amount, line.automatic) for line in claim.lines.all()]


def test_held_meetings_give_attendees_drafts_and_corrections_follow(kommune, fagleder, client):
    k = kommune
    # Vera met for Per in meeting B: the substitute's draft, at the short-meeting rate, seen without a click.
    client.force_login(k.vera.user)
    vera_b = Claim.objects.get(person=k.vera, meeting=k.meeting_b)
    page = client.get(f"{BASE}/").content.decode()
    assert f'/krav/{vera_b.pk}/">Formannskapet {k.meeting_b.start:%d.%m.%Y} (vara for Per Fravær)</a>' in page
    detail = client.get(f"{BASE}/krav/{vera_b.pk}/").content.decode().replace("\xa0", " ")
    assert "Møtegodtgjøring (fra oppmøtet)" in detail and "600,00" in detail
    assert vera_b.state == "utkast" and lines(vera_b) == [("mote", Decimal("600.00"), True)]
    created = AuditEntry.for_object(vera_b).get()
    assert (created.action, created.actor_name) == ("krav_opprettet", "System")
    # Who did not attend gets none: Vera in meeting A; Per (absent from B). Nobody has two.
    assert not Claim.objects.filter(person=k.vera, meeting=k.meeting_a).exists()
    assert not Claim.objects.filter(person=k.per).exists()
    assert set(Claim.objects.values_list("person__given_name", "meeting_id")) == {
        ("Kari", k.meeting_a.pk), ("Kari", k.meeting_b.pk), ("Kari", k.meeting_c.pk), ("Vera", k.meeting_b.pk)}

    # The safety net, run twice, adds nothing.
    call_command("fill_godtgjoring", month=f"{k.month:%Y-%m}")
    call_command("fill_godtgjoring", month=f"{k.month:%Y-%m}")
    assert Claim.objects.count() == 4

    # The record corrected after the meeting was held (before the protokoll is approved): it was the day after, and
    # lasted one hour, not three, so Kari's draft for A moves and gets the short-meeting rate, audited as the system.
    kari_a = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    start = k.meeting_a.start + dt.timedelta(days=1)
    meetings.meeting_update(actor=fagleder, meeting=k.meeting_a, data={"start": start,
                                                                       "end": start + dt.timedelta(hours=1)})
    assert lines(kari_a) == [("mote", Decimal("600.00"), True)]
    kari_a.refresh_from_db()
    assert kari_a.day == timezone.localdate(start) and kari_a.title == f"Formannskapet {start:%d.%m.%Y}"
    assert AuditEntry.for_object(kari_a).last().action == "krav_fulgte_oppmotet"
    # Her attendance removed: the draft (only the record's line) goes; registered again: it comes back, once.
    attendance = Attendance.objects.get(meeting=k.meeting_a, membership__person=k.kari)
    membership = attendance.membership
    meetings.attendance_remove(actor=fagleder, attendance=attendance, reason="Feilregistrert")
    assert not Claim.objects.filter(person=k.kari, meeting=k.meeting_a).exists()
    meetings.attendance_register(actor=fagleder, meeting=k.meeting_a, membership=membership)
    assert lines(Claim.objects.get(person=k.kari, meeting=k.meeting_a)) == [("mote", Decimal("600.00"), True)]
    # A click for a meeting that has its draft already is refused: still one claim.
    response = client.post(f"{BASE}/krav/ny/", {"meeting": k.meeting_b.pk})
    assert Claim.objects.filter(person=k.vera, meeting=k.meeting_b).count() == 1 and response.status_code == 302


def test_training_attendance_gives_a_draft_only_where_the_forskrift_pays_it(kommune, fagleder, client):
    k = kommune
    course = Course.objects.create(term=k.term, title="Økonomi", audience=Audience.BODY, organization=k.fsk)
    start = timezone.now() - dt.timedelta(days=2)
    session = TrainingSession.objects.create(course=course, start=start, end=start + dt.timedelta(hours=4),
                                             location="Rådhuset")
    attendance_set(actor=fagleder, session=session, persons=[k.kari])
    assert not Claim.objects.filter(training_session=session).exists()  # no fee: she claims tapt arbeidsinntekt

    k.table.training_pays_meeting_fee, k.table.training_fee = True, Decimal("500")
    k.table.save()
    attendance_set(actor=fagleder, session=session, persons=[k.kari, k.vera])
    for person in (k.kari, k.vera):
        assert lines(Claim.objects.get(person=person, training_session=session)) == [("mote", Decimal("500.00"), True)]
    attendance_set(actor=fagleder, session=session, persons=[k.kari])  # Vera was not there after all
    assert list(Claim.objects.filter(training_session=session).values_list("person", flat=True)) == [k.kari.pk]
    client.force_login(k.kari.user)
    assert "Opplæring: Økonomi" in client.get(f"{BASE}/").content.decode()


@pytest.mark.parametrize("covers", [True, False])
def test_the_forskrift_decides_whether_the_ordforers_pay_covers_her_other_verv(kommune, covers, admin_client):
    k = kommune
    k.table.mayor_covers_other_roles = covers
    k.table.save()
    ola = sorted((f.description.split(" ")[0], f.amount) for f in fixed_for_month(k.month) if f.person_id == k.ola.pk)
    # 100 % of 1 200 000 a year; leading formannskapet is 4 % when the flag is off.
    expected = [("Leder", Decimal("4000.00")), ("Ordfører", Decimal("100000.00"))]
    assert ola == (expected[1:] if covers else expected)
    if covers:  # the flag is the admin's to set
        page = admin_client.get(f"/admin/remuneration/ratetable/{k.table.pk}/change/").content.decode()
        assert 'name="mayor_covers_other_roles"' in page
