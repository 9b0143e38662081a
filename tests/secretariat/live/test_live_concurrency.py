"""A member who votes from two devices at the same moment (two pages, two sockets, a double click) is counted once,
in an open vote and in a secret ballot: real threads, each with its own database connection, post at once."""

import pytest
from django.test import Client
from django.urls import reverse

from secretariat.live import services
from secretariat.live.models import ElectronicBallot, SecretTally, SecretVoter, Speech, SpeechState
from secretariat.meetings.services import proposal_add
from tests.helpers import run_at_once

from .http import JSON

pytestmark = pytest.mark.django_db(transaction=True)


def _cast_at_once(live, evote, user, choices):
    def work(i):
        client = Client()
        client.force_login(user)
        response = client.post(reverse("live:action", args=[live.meeting.pk, "stem"]),
                               {"vote": evote.pk, "choice": choices[i]}, headers=JSON)
        return response.status_code, response.json()

    results, errors = run_at_once(len(choices), work)
    assert not errors, errors
    return sorted(results, key=lambda r: r[0])


def test_two_devices_voting_at_once_count_once(live, fagleder):
    evote = services.evote_open(actor=fagleder, meeting=live.meeting, proposal=live.proposal)
    results = _cast_at_once(live, evote, live.users["aud"], ["for", "mot", "for", "mot"])
    assert [code for code, _ in results] == [200, 400, 400, 400]
    assert all("allerede stemt" in body["error"] for _, body in results[1:])
    assert ElectronicBallot.objects.filter(vote=evote).count() == 1

    services.evote_cancel(actor=fagleder, evote=evote)
    election = proposal_add(actor=fagleder, item=live.first, by="Valgnemnda", text="Aud Fsk velges.")
    secret = services.evote_open(actor=fagleder, meeting=live.meeting, proposal=election, kind="valg", secret=True)
    results = _cast_at_once(live, secret, live.users["aud"], ["for", "mot", "blank", "for"])
    assert [code for code, _ in results] == [200, 400, 400, 400]
    assert SecretVoter.objects.filter(vote=secret).count() == 1
    assert sum(SecretTally.objects.filter(vote=secret).values_list("count", flat=True)) == 1


def test_two_speakers_given_the_floor_at_once_leave_one_speaking(live, fagleder):
    """Two «Gi ordet» at the same moment (two secretaries, or two quick clicks on different names)."""
    for key in ("anna", "henrik", "aud"):
        services.speech_request(actor=live.users[key], meeting=live.meeting, kind="innlegg")
    speeches = list(Speech.objects.order_by("position"))

    def work(i):
        client = Client()
        client.force_login(fagleder)
        response = client.post(reverse("live:control", args=[live.meeting.pk, "gi-ordet"]),
                               {"speech": speeches[i].pk}, headers=JSON)
        return response.status_code

    results, errors = run_at_once(3, work)
    assert not errors, errors
    assert all(code in (200, 400) for code in results), results
    assert Speech.objects.filter(state=SpeechState.SPEAKING).count() == 1
    assert Speech.objects.filter(state=SpeechState.DONE).count() == results.count(200) - 1
