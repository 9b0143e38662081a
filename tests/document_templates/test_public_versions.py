"""A public version only for the kinds that have one (secretariat.access.has_public_version).

A vielsesrapport (the couples' names: the secretariat's register) and a godtgjøringsoppgave (one person's pay) have
only their complete version. The staff pages offered a «public version» link for any kind, and the download served a
«public» copy of these to the fagleder (and of her own årsoppgave to the folkevalgt), stored as a public document.
Now no page offers it, and asking for it answers 404, the same for every object of the kind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from document_templates.models import GeneratedDocument
from secretariat.remuneration.models import AnnualSummary
from secretariat.weddings.models import WeddingReport
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wedding_report(db):
    today = timezone.localdate()
    return WeddingReport.objects.create(period_start=today - dt.timedelta(days=30), period_end=today)


@pytest.fixture
def own_annual_summary(folkevalgt):
    person = PersonFactory(given_name="Randi", family_name="Fjeld", user=folkevalgt)
    return AnnualSummary.objects.create(person=person, year=timezone.localdate().year)


def _download(kind: str, pk: int, fmt: str = "docx") -> str:
    return reverse("documents:download", args=[kind, pk, fmt])


def test_the_wedding_report_page_offers_the_complete_report_and_no_public_version(client, fetch, fagleder,
                                                                                   wedding_report):
    client.force_login(fagleder)
    page = client.get(reverse("weddings:report_detail", args=[wedding_report.pk])).content.decode()
    assert _download("vielsesrapport", wedding_report.pk) in page
    assert _download("vielsesrapport", wedding_report.pk, "pdf") in page
    assert "offentlig=1" not in page and "Offentlig versjon" not in page
    complete = fetch(_download("vielsesrapport", wedding_report.pk))
    assert complete.status_code == 200
    assert complete["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_public_version_of_a_wedding_report_is_not_found_not_made(client, fagleder, wedding_report, fmt):
    client.force_login(fagleder)
    response = client.get(_download("vielsesrapport", wedding_report.pk, fmt) + "?offentlig=1")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()  # the plain Norwegian 404 page
    assert not GeneratedDocument.objects.filter(kind="vielsesrapport", public=True).exists()


def test_the_public_version_of_an_annual_summary_is_not_found_for_the_person_or_the_secretariat(
        client, fetch, fagleder, folkevalgt, own_annual_summary):
    url = _download("godtgjoringsoppgave", own_annual_summary.pk) + "?offentlig=1"
    for user in (fagleder, folkevalgt):
        client.force_login(user)
        assert client.get(url).status_code == 404
        # Their complete version is theirs, as before.
        assert fetch(_download("godtgjoringsoppgave", own_annual_summary.pk)).status_code == 200
    assert not GeneratedDocument.objects.filter(kind="godtgjoringsoppgave", public=True).exists()


def test_whoever_may_not_have_the_report_is_refused_not_given_a_public_copy(client, saksbehandler, wedding_report):
    """A saksbehandler is staff, but the wedding register is not hers: 403 for the report, and no «public» copy
    instead. Asking for the public version is 404 for her as for the fagleder: the kind has none, whatever the
    report (it tells nothing about the report)."""
    client.force_login(saksbehandler)
    assert client.get(_download("vielsesrapport", wedding_report.pk)).status_code == 403
    assert client.get(_download("vielsesrapport", wedding_report.pk) + "?offentlig=1").status_code == 404
    assert not GeneratedDocument.objects.filter(kind="vielsesrapport").exists()


def test_the_api_answers_the_same_in_json(client, fagleder, wedding_report):
    client.force_login(fagleder)
    response = client.get(reverse("api-document", args=["vielsesrapport", wedding_report.pk]) + "?offentlig=1")
    assert response.status_code == 404
    assert "ingen offentlig versjon" in response.json()["detail"]
    generate = client.post(reverse("api-document-generate", args=["vielsesrapport", wedding_report.pk])
                           + "?offentlig=1")
    assert generate.status_code == 404
    assert not GeneratedDocument.objects.filter(kind="vielsesrapport", public=True).exists()


def test_a_kind_with_a_public_version_still_offers_it_on_the_staff_page(client, fetch, saksbehandler, plain_case):
    client.force_login(saksbehandler)
    page = client.get(reverse("cases:detail", args=[plain_case.pk])).content.decode()
    assert _download("saksframlegg", plain_case.pk) + "?offentlig=1" in page
    assert fetch(_download("saksframlegg", plain_case.pk) + "?offentlig=1").status_code == 200
