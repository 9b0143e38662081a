"""The influence page's forms (issue 12): a year out of range or a too-long text is a form error, nothing saved."""

from django.urls import reverse

from secretariat.innsyn.models import Hearing


def test_a_hearing_in_year_1_or_9999_is_refused(client, fagleder, body):
    client.force_login(fagleder)
    response = client.post(reverse("innsyn:hearing_new"), {
        "title": "Høring", "summary": "Tekst", "opens": "0001-05-10", "deadline": "9999-05-01", "published": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Året 1 er ikke gyldig" in page and "Året 9999 er ikke gyldig" in page
    assert not Hearing.objects.exists()


def test_a_megabyte_of_influence_text_is_refused(client, fagleder, body):
    client.force_login(fagleder)
    response = client.post(reverse("innsyn:influence_edit"), {"intro": "i" * 1_000_000})
    assert response.status_code == 200
    assert "eller færre tegn" in response.content.decode()
