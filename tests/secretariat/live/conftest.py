"""A formannskap of seven in a live meeting: notice sent, everyone present, the first item under treatment with
the innstilling as proposal 1. Each member has a log-in (`users[key]`). `redis_layer`: the real Redis channel layer
for the socket tests."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from secretariat.accounts.roles import Role
from secretariat.live.services import evote_open
from secretariat.meetings.services import (
    agenda_item_add,
    attendance_register,
    live_set_current_item,
    meeting_create,
    meeting_send_notice,
    proposal_recommendation,
)
from tests.components import REDIS_URL, require_redis
from tests.factories import UserFactory, aware
from tests.secretariat.meetings.conftest import fsk, klar_case, meeting, parties  # noqa: F401 (fixtures)

MEMBERS = ("anna", "anders", "aud", "henrik", "hanne", "sigrid", "svein")


@pytest.fixture
def live(fsk, meeting, fagleder, klar_case):  # noqa: F811
    first = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Budsjett"))
    second = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Skolebruksplan"))
    meeting_send_notice(actor=fagleder, meeting=meeting)
    for key in MEMBERS:
        attendance_register(actor=fagleder, meeting=meeting, membership=getattr(fsk.m, key))
    live_set_current_item(actor=fagleder, meeting=meeting, item=first)
    proposal = proposal_recommendation(actor=fagleder, item=first)
    users = {}
    for key in MEMBERS:
        user = UserFactory(username=key, role=Role.FOLKEVALGT)
        person = getattr(fsk.m, key).person
        person.user = user
        person.save(update_fields=["user"])
        users[key] = user
    return SimpleNamespace(meeting=meeting, first=first, second=second, proposal=proposal, users=users, fsk=fsk)


@pytest.fixture
def meeting_factory_other(fsk, fagleder, klar_case):  # noqa: F811 (fsk, klar_case: fixtures)
    """An open vote in another meeting of the same body."""
    start = aware(timezone.localdate() + dt.timedelta(days=40))
    other = meeting_create(actor=fagleder, organization=fsk.org, start=start, end=start + dt.timedelta(hours=2))
    item = agenda_item_add(actor=fagleder, meeting=other, case=klar_case(title="Annet møte"))
    meeting_send_notice(actor=fagleder, meeting=other)
    for key in ("anna", "anders", "aud", "henrik"):  # a quorum (koml. § 11-9): four of seven
        attendance_register(actor=fagleder, meeting=other, membership=getattr(fsk.m, key))
    live_set_current_item(actor=fagleder, meeting=other, item=item)
    proposal = proposal_recommendation(actor=fagleder, item=item)
    return evote_open(actor=fagleder, meeting=other, proposal=proposal), proposal


@pytest.fixture
def redis_layer(settings):
    require_redis()
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer",
                                           "CONFIG": {"hosts": [REDIS_URL], "prefix": "saksgang-test-live"}}}
    from channels.layers import get_channel_layer

    from .sockets import run

    yield get_channel_layer()

    async def flush():
        await get_channel_layer().flush()

    run(flush)
