"""The API meeting list reads every meeting's quorum at once (selectors.quorums_at_start): the same numbers as
the one-meeting rule (selectors.quorum), for who came late, who came for some items only and who is there."""

from secretariat.meetings import selectors
from secretariat.meetings.models import Attendance
from secretariat.meetings.services import agenda_item_add_other


def test_the_list_quorum_is_the_one_meeting_quorum(api, meeting, fsk, fagleder):
    first = agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title="Orientering om budsjett")
    second = agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title="Orientering om skole")
    for member in (fsk.m.anna, fsk.m.anders, fsk.m.aud, fsk.m.henrik):  # there from the start
        Attendance.objects.create(meeting=meeting, membership=member)
    Attendance.objects.create(meeting=meeting, membership=fsk.m.hanne, arrived_before=second)  # came late
    Attendance.objects.create(meeting=meeting, membership=fsk.m.sigrid).only_items.add(first)  # one item only
    listed = next(m for m in api.get("/api/meetings/").json()["results"] if m["id"] == meeting.pk)
    one = selectors.quorum(meeting)
    assert (one.present, one.seats, one.ok) == (4, 7, True)
    assert listed["quorum"] == {"present": 4, "seats": 7, "required": 4, "ok": True}
