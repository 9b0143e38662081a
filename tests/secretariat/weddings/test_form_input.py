"""Bad input on the staff wedding pages (issue 12), as the fagleder through HTTP: a Norwegian message, never a 500,
nothing saved from bad input."""

import pytest
from django.urls import reverse

from secretariat.weddings.models import Wedding, WeddingReport

from .helpers import make_wedding

pytestmark = pytest.mark.django_db


def test_details_refuse_a_too_long_reference_and_a_year_1_attest(client, fagleder, place):
    wedding = make_wedding(place)
    client.force_login(fagleder)
    url = reverse("weddings:edit", args=[wedding.pk])
    for body, message in (({"attest_reference": "R" * 61}, "60 eller færre tegn"),
                          ({"attest_issued_on": "0001-01-01"}, "Året 1 er ikke gyldig"),
                          ({"witness1_name": "V" * 500}, "120 eller færre tegn")):
        page = client.post(url, body, follow=True).content.decode()
        assert message in page, body
        wedding.refresh_from_db()
        assert (wedding.attest_reference, wedding.attest_issued_on, wedding.witness1_name) == ("", None, "")


@pytest.mark.parametrize("transition", [["confirm", "x"], "c" * 1000, ""])
def test_an_odd_step_name_is_refused_without_a_server_error(client, fagleder, place, transition):
    wedding = make_wedding(place)
    client.force_login(fagleder)
    response = client.post(reverse("weddings:transition", args=[wedding.pk]), {"transition": transition},
                           follow=True)
    assert response.status_code == 200
    assert Wedding.objects.get(pk=wedding.pk).state == "forespurt"


def test_confirming_in_year_1_is_refused(client, fagleder, place, mayor):
    wedding = make_wedding(place)
    client.force_login(fagleder)
    response = client.post(reverse("weddings:transition", args=[wedding.pk]), {
        "transition": "confirm", "officiant": mayor.pk, "place": place.pk, "date": "0001-06-01",
        "start_time": "12:00"}, follow=True)
    assert "Året 1 er ikke gyldig" in response.content.decode()
    wedding.refresh_from_db()
    assert wedding.state == "forespurt" and wedding.date.year > 2000


def test_a_report_for_years_0001_to_9999_is_refused(client, fagleder, place):
    client.force_login(fagleder)
    response = client.post(reverse("weddings:report"), {"period_start": "0001-01-01", "period_end": "9999-12-31"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Året 1 er ikke gyldig" in page and "Året 9999 er ikke gyldig" in page
    assert not WeddingReport.objects.exists()
