"""The public booking form, through HTTP: no log-in, accessible, Norwegian messages, nothing saved on errors."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from secretariat.weddings.models import Wedding, WeddingSettings
from secretariat.weddings.services import available_slots
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = "/intern/vielser/bestill/"


def _valid(slot, **overrides):
    data = {"slot": slot.key, "partner1_name": "Kari Nordmann", "partner2_name": "Ola Nordmann",
            "email": "kari@example.no", "phone": "99999999", "residence": "bosatt", "language": "nb",
            "guests": "20", "message": "Vi ønsker en kort seremoni.", "consent": "on"}
    data.update(overrides)
    return data


def test_the_public_url_is_the_booking_form(fridays):
    assert reverse("weddings:book") == URL


def test_form_is_open_to_anyone_with_labels_and_language(client, fridays):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nb">' in html
    for field in ("id_slot", "id_partner1_name", "id_partner2_name", "id_email"):
        assert f'<label for="{field}">' in html
    assert "<legend>Hvor bor dere?</legend>" in html
    assert "fredag" in html  # the free Friday slots are offered


def test_a_couple_books_a_free_slot(client, fridays, place):
    slot = available_slots()[0]
    response = client.post(URL, _valid(slot), follow=True)
    assert response.status_code == 200
    assert "Takk, bestillingen er mottatt" in response.content.decode()
    wedding = Wedding.objects.get()
    assert (wedding.state, wedding.date, wedding.start_time, wedding.place) == ("forespurt", slot.date,
                                                                                slot.start_time, place)
    assert wedding.fee == 0
    assert not AuditEntry.for_object(wedding).exists()  # audited once confirmed from the e-mail (test_booking_abuse)
    assert slot not in available_slots()  # the slot is held now


def test_a_bad_submission_is_refused_with_norwegian_messages_linked_to_the_fields(client, fridays):
    slot = available_slots()[0]
    response = client.post(URL, _valid(slot, partner2_name="", email="ikke-en-epost", residence="", consent=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Fyll ut fullt navn på brudepar 2." in html
    assert "Skriv en gyldig e-postadresse" in html
    assert "Velg hvor dere bor." in html
    assert "Du må godta" in html
    # Each error is tied to its field (aria-describedby → the error's id) and listed with a link in the summary.
    assert re.search(r'id="id_email"[^>]*aria-describedby="[^"]*id_email_error', html) or \
        re.search(r'aria-describedby="[^"]*id_email_error[^"]*"[^>]*id="id_email"', html)
    assert 'id="id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert '<a href="#id_email">' in html
    assert Wedding.objects.count() == 0


def test_a_taken_slot_is_refused_and_nothing_is_saved(client, fridays):
    slot = available_slots()[0]
    client.post(URL, _valid(slot))
    response = client.post(URL, _valid(slot, partner1_name="Liv", email="liv@example.no"))
    assert response.status_code == 400
    assert "Tidspunktet er ikke ledig lenger" in response.content.decode()
    assert Wedding.objects.count() == 1


def test_a_slot_outside_the_kommunes_hours_is_refused(client, fridays, place):
    monday = dt.date.today() + dt.timedelta(days=(7 - dt.date.today().weekday()) % 7 or 7)
    forged = f"{monday.isoformat()}|12:00|{place.pk}"
    response = client.post(URL, {**_valid(available_slots()[0]), "slot": forged})
    assert response.status_code == 400
    assert Wedding.objects.count() == 0


def test_residents_and_people_living_abroad_are_free_others_pay_the_fee(client, fridays):
    conf = WeddingSettings.current()
    conf.fee_for_others = Decimal("1500")
    conf.save()
    slots = available_slots()
    client.post(URL, _valid(slots[0], residence="utland", email="a@example.no"))
    client.post(URL, _valid(slots[1], residence="annen", email="b@example.no"))
    fees = dict(Wedding.objects.values_list("email", "fee"))
    assert fees == {"a@example.no": Decimal("0"), "b@example.no": Decimal("1500")}


def test_kommune_that_only_marries_its_own_refuses_others(client, fridays):
    conf = WeddingSettings.current()
    conf.offer_to_others = False
    conf.save()
    response = client.post(URL, _valid(available_slots()[0], residence="annen"))
    assert response.status_code == 400
    assert "ekteskapsloven § 12 a" in response.content.decode()
    assert Wedding.objects.count() == 0
