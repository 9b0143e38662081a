"""The public candidate form against abuse (issue 12), through HTTP: a honeypot and a rate limit per client."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from secretariat.appointments.models import Candidate

from .test_public_form import GOOD

pytestmark = pytest.mark.django_db


def _url(round_):
    return reverse("appointments:public_candidate", args=[round_.pk])


def test_a_filled_honeypot_gets_the_usual_thanks_and_nothing_is_saved(client, meddommer_round):
    html = client.get(_url(meddommer_round)).content.decode()
    assert re.search(r'<div class="visually-hidden" aria-hidden="true"><label for="id_nettsted">', html)
    response = client.post(_url(meddommer_round), {**GOOD, "nettsted": "http://spam.example"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("appointments:public_candidate_thanks",
                                                     args=[meddommer_round.pk])
    assert Candidate.objects.count() == 0


def test_an_empty_honeypot_is_what_people_send(client, meddommer_round):
    assert client.post(_url(meddommer_round), {**GOOD, "nettsted": ""}).status_code == 302
    assert Candidate.objects.count() == 1


def test_the_form_is_rate_limited_per_client(settings, meddommer_round):
    settings.PUBLIC_FORM_RATE_LIMIT = 3
    bot = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(3):
        assert bot.post(_url(meddommer_round), {**GOOD, "given_name": f"Kandidat{n}"}).status_code == 302
    refused = bot.post(_url(meddommer_round), {**GOOD, "given_name": "Kandidat3"})
    assert refused.status_code == 429
    assert "For mange innsendinger" in refused.content.decode()
    assert Candidate.objects.count() == 3
    # A forged X-Forwarded-For does not make a new client (no proxy in front in this setup).
    assert bot.post(_url(meddommer_round), GOOD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429
    assert Client(REMOTE_ADDR="198.51.100.4").post(_url(meddommer_round), GOOD).status_code == 302
    assert Candidate.objects.count() == 4
