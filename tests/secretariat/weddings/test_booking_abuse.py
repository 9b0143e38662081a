"""Public booking against abuse (issue 12), through HTTP: a booking holds its slot only until the couple confirms
it with the link we e-mail them (a real SMTP server), one e-mail address has one pending request, the form is
rate-limited per client and has a honeypot."""

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.utils import timezone

from secretariat.weddings.models import Wedding
from secretariat.weddings.services import available_slots
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = "/intern/vielser/bestill/"
SUBJECT = "Bekreft bestillingen av vielse"


def _valid(slot, **overrides):
    data = {"slot": slot.key, "partner1_name": "Kari Nordmann", "partner2_name": "Ola Nordmann",
            "email": "kari@example.no", "residence": "bosatt", "language": "nb", "consent": "on"}
    data.update(overrides)
    return data


def _book(client, capture, data):
    with capture(execute=True):  # the e-mail goes out after commit, as in production
        return client.post(URL, data, follow=True)


def _link(message) -> str:
    body = message.get_payload(decode=True).decode()
    found = re.search(r"https?://\S+/intern/vielser/bestill/bekreft/\S+/", body)
    assert found, body
    return urlparse(found.group(0)).path


def test_a_booking_holds_its_slot_until_confirmed_from_the_email(client, fridays, smtp_server,
                                                                  django_capture_on_commit_callbacks):
    slot = available_slots()[0]
    response = _book(client, django_capture_on_commit_callbacks, _valid(slot))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Takk, bestillingen er mottatt" in html and "30 minutter" in html
    wedding = Wedding.objects.get()
    assert wedding.email_confirmed_at is None and wedding.hold_expires_at is not None
    assert slot not in available_slots()  # held
    assert not AuditEntry.for_object(wedding).exists()  # not a request yet
    # Staff do not see an unconfirmed booking.
    assert not Wedding.objects.requests().exists()

    (mail,) = smtp_server.wait_for(1, subject=SUBJECT, to="kari@example.no")
    link = _link(mail)
    confirmed = Client().get(link)  # from the couple's mail program: another browser, no session
    assert confirmed.status_code == 200
    assert "Takk, bestillingen er bekreftet" in confirmed.content.decode()
    wedding.refresh_from_db()
    assert wedding.email_confirmed_at is not None and wedding.hold_expires_at is None
    assert AuditEntry.for_object(wedding).get().action == "forespurt"
    assert list(Wedding.objects.requests()) == [wedding]
    assert slot not in available_slots()
    # Opening the link again is harmless.
    assert Client().get(link).status_code == 200
    assert AuditEntry.for_object(wedding).count() == 1


def test_an_unconfirmed_booking_expires_and_its_slot_is_free_again(client, fridays, smtp_server,
                                                                    django_capture_on_commit_callbacks):
    slot = available_slots()[0]
    _book(client, django_capture_on_commit_callbacks, _valid(slot))
    (mail,) = smtp_server.wait_for(1, subject=SUBJECT, to="kari@example.no")
    Wedding.objects.update(hold_expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert slot in available_slots()
    # Someone else books the freed slot; the stale booking is gone and its link no longer works.
    response = _book(Client(), django_capture_on_commit_callbacks, _valid(slot, email="liv@example.no"))
    assert "Takk, bestillingen er mottatt" in response.content.decode()
    assert list(Wedding.objects.values_list("email", flat=True)) == ["liv@example.no"]
    stale = Client().get(_link(mail))
    assert stale.status_code == 404
    assert "Lenken er ugyldig eller utløpt" in stale.content.decode()


def test_a_link_opened_after_the_hold_ran_out_is_refused(client, fridays, smtp_server,
                                                         django_capture_on_commit_callbacks):
    _book(client, django_capture_on_commit_callbacks, _valid(available_slots()[0]))
    (mail,) = smtp_server.wait_for(1, subject=SUBJECT, to="kari@example.no")
    Wedding.objects.update(hold_expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert Client().get(_link(mail)).status_code == 404
    assert Wedding.objects.get().email_confirmed_at is None


def test_a_made_up_or_tampered_link_finds_nothing(client, fridays, smtp_server, django_capture_on_commit_callbacks):
    _book(client, django_capture_on_commit_callbacks, _valid(available_slots()[0]))
    (mail,) = smtp_server.wait_for(1, subject=SUBJECT, to="kari@example.no")
    link = _link(mail)
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    for path in (tampered, "/intern/vielser/bestill/bekreft/ikke-en-ekte-lenke/"):
        response = Client().get(path)
        assert response.status_code == 404
        assert "Lenken er ugyldig eller utløpt" in response.content.decode()
    assert Wedding.objects.get().email_confirmed_at is None


def test_one_email_address_has_at_most_one_pending_request(client, fridays, smtp_server,
                                                           django_capture_on_commit_callbacks):
    first, second = available_slots()[:2]
    _book(client, django_capture_on_commit_callbacks, _valid(first))
    response = client.post(URL, _valid(second, email="KARI@example.no"))
    assert response.status_code == 400
    assert "venter på at dere bekrefter den" in response.content.decode()
    assert Wedding.objects.count() == 1
    (mail,) = smtp_server.wait_for(1, subject=SUBJECT, to="kari@example.no")
    Client().get(_link(mail))
    # Confirmed, it waits for the kommune: still the one pending request of that address.
    response = client.post(URL, _valid(second))
    assert response.status_code == 400
    assert "Dere har allerede en bestilling som venter på svar fra kommunen" in response.content.decode()
    assert Wedding.objects.count() == 1
    assert second in available_slots()


def test_a_filled_honeypot_gets_the_usual_thanks_and_nothing_is_saved(client, fridays, smtp_server,
                                                                     django_capture_on_commit_callbacks):
    form = client.get(URL).content.decode()
    assert re.search(r'<div class="visually-hidden" aria-hidden="true">.*name="nettsted"', form, re.S)
    slot = available_slots()[0]
    response = _book(client, django_capture_on_commit_callbacks, _valid(slot, nettsted="http://spam.example"))
    assert response.status_code == 200
    assert "Takk, bestillingen er mottatt" in response.content.decode()
    assert Wedding.objects.count() == 0
    assert slot in available_slots()
    assert smtp_server.matching(subject=SUBJECT) == []


def test_the_form_is_rate_limited_per_client(settings, fridays):
    settings.PUBLIC_FORM_RATE_LIMIT = 3
    slots = available_slots()
    bot = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(3):
        assert bot.post(URL, _valid(slots[n], email=f"bot{n}@example.no")).status_code == 302
    refused = bot.post(URL, _valid(slots[3], email="bot3@example.no"))
    assert refused.status_code == 429
    assert "For mange innsendinger" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert Wedding.objects.count() == 3
    assert bot.get(URL).status_code == 200  # reading the form is not limited
    # Another client books normally.
    other = Client(REMOTE_ADDR="198.51.100.4")
    assert other.post(URL, _valid(slots[3], email="par@example.no")).status_code == 302
    assert Wedding.objects.count() == 4


def test_the_booking_api_holds_the_slot_too_and_is_rate_limited(settings, client, fridays, smtp_server,
                                                                 django_capture_on_commit_callbacks):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    slots = client.get("/api/wedding-slots/").json()
    payload = {"partner1_name": "Kari", "partner2_name": "Ola", "residence": "bosatt"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/weddings/", {**payload, "slot": slots[0]["key"], "email": "a@example.no"},
                               content_type="application/json")
    assert response.status_code == 201
    smtp_server.wait_for(1, subject=SUBJECT, to="a@example.no")
    assert Wedding.objects.get().hold_expires_at is not None
    client.post("/api/weddings/", {**payload, "slot": slots[1]["key"], "email": "b@example.no"},
                content_type="application/json")
    refused = client.post("/api/weddings/", {**payload, "slot": slots[2]["key"], "email": "c@example.no"},
                          content_type="application/json")
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("For mange forespørsler")
    assert Wedding.objects.count() == 2


def test_expired_holds_are_released_by_a_beat_task(fridays, place):
    from secretariat import celery_app
    from secretariat.weddings.tasks import release_expired_holds

    from .helpers import make_wedding

    entry = celery_app.conf.beat_schedule["weddings-release-expired-holds"]
    assert entry["task"] == "secretariat.weddings.tasks.release_expired_holds" and entry["task"] in celery_app.tasks
    staff_made = make_wedding(place)
    confirmed = make_wedding(place, start_time=dt.time(12, 30), email_confirmed_at=timezone.now())
    live = make_wedding(place, start_time=dt.time(13), hold_expires_at=timezone.now() + dt.timedelta(minutes=5))
    make_wedding(place, start_time=dt.time(13, 30), hold_expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert release_expired_holds.delay().get() == 1
    assert set(Wedding.objects.all()) == {staff_made, confirmed, live}
