import datetime as dt

from django.utils import timezone

from secretariat.meetings.selectors import minutes_data, notice_data
from secretariat.meetings.services import agenda_item_add, meeting_create
from tests.factories import aware
from tests.helpers import case_in_state


def test_notice_and_minutes_data_are_plain(formannskapet, fagleder, saksbehandler, kommunedirektor):
    meeting = meeting_create(actor=fagleder, organization=formannskapet,
                             start=aware(timezone.localdate() + dt.timedelta(days=20)))
    case = case_in_state("klar", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    data = notice_data(meeting, public=True)
    assert data["items"][0]["label"].startswith("PS 1/")
    minutes = minutes_data(meeting, public=False)
    assert minutes["minutes"]["approved"] is False
