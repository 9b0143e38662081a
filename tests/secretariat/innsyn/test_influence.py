import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from secretariat.innsyn.models import Hearing, InfluencePage
from secretariat.innsyn.selectors import citizen_proposal_threshold
from tests.factories import MembershipFactory, PartyFactory, PersonFactory
from workflows.models import AuditEntry


@pytest.mark.parametrize(("population", "threshold"), [(5000, 100), (11840, 237), (15000, 300), (250000, 300),
                                                       (101, 3), (None, None)])
def test_citizen_proposal_threshold_is_two_percent_but_never_more_than_300(population, threshold):
    assert citizen_proposal_threshold(population) == threshold


def test_page_shows_threshold_members_by_party_and_open_hearings(client, body, kommunestyret):
    party = PartyFactory(name="Bygdelista", abbreviation="BL")
    person = PersonFactory(given_name="Randi", family_name="Fjeld", email="randi@example.no")
    MembershipFactory(person=person, organization=kommunestyret, electoral_list=party)
    today = timezone.localdate()
    Hearing.objects.create(title="Høring om hundeforskrift", summary="Nye regler for hunder.",
                           opens=today - dt.timedelta(days=1), deadline=today + dt.timedelta(days=10))
    Hearing.objects.create(title="Gammel høring", summary="Ferdig.", opens=today - dt.timedelta(days=60),
                           deadline=today - dt.timedelta(days=30))
    page = client.get(reverse("innsyn:influence")).content.decode()
    assert "trengs 100 underskrifter" in page  # body population 5000
    assert "Bygdelista" in page and "Randi Fjeld" in page and "randi@example.no" in page
    assert "Høring om hundeforskrift" in page and "Gammel høring" not in page


def test_only_fagleder_may_edit_the_page(client, saksbehandler, fagleder, body):
    url = reverse("innsyn:influence_edit")
    assert client.get(url).status_code == 302  # to the log-in page
    client.force_login(saksbehandler)
    assert client.get(url).status_code == 403
    assert client.post(url, {"intro": "Hack"}).status_code == 403
    assert not InfluencePage.objects.exists()


def test_the_edit_link_is_offered_to_exactly_those_the_edit_page_lets_in(client, saksbehandler, fagleder, body):
    """One rule for the påvirke page: the link came from its own copy (the Django permission OR the fagleder role),
    the page from another (the fagleder role). A staff member given the model permission in the admin saw the link
    and got 403 behind it; now both ask access.is_secretariat."""
    from django.contrib.auth.models import Permission

    saksbehandler.user_permissions.add(Permission.objects.get(codename="change_influencepage"))
    link = reverse("innsyn:influence_edit")
    client.force_login(saksbehandler)
    assert link not in client.get(reverse("innsyn:influence")).content.decode()
    assert client.get(link).status_code == 403
    client.force_login(fagleder)
    assert link in client.get(reverse("innsyn:influence")).content.decode()
    assert client.get(link).status_code == 200
    client.logout()
    assert link not in client.get(reverse("innsyn:influence")).content.decode()


def test_fagleder_edits_the_page_and_it_is_published_and_audited(client, fagleder, body):
    client.force_login(fagleder)
    response = client.post(reverse("innsyn:influence_edit"), {
        "intro": "Slik påvirker du i Testvik.", "contact_politicians": "", "question_time": "Spørretime kl. 17.",
        "citizen_proposal": "", "hearings_intro": "",
    })
    assert response.status_code == 302
    client.logout()
    page = client.get(reverse("innsyn:influence")).content.decode()
    assert "Slik påvirker du i Testvik." in page and "Spørretime kl. 17." in page
    assert AuditEntry.objects.filter(action="endret", actor=fagleder).exists()


def test_hearing_with_deadline_before_opening_is_refused(client, fagleder, body):
    client.force_login(fagleder)
    response = client.post(reverse("innsyn:hearing_new"), {
        "title": "Høring", "summary": "Tekst", "opens": "2026-05-10", "deadline": "2026-05-01", "published": "on",
    })
    assert response.status_code == 200
    assert "Høringsfristen kan ikke være før høringen åpner." in response.content.decode()
    assert not Hearing.objects.exists()


def test_accessibility_statement_is_published(client, db):
    page = client.get(reverse("innsyn:accessibility")).content.decode()
    assert "Tilgjengelighetserklæring" in page and "WCAG 2.1" in page and "uutilsynet.no" in page


def test_fagleder_publishes_a_hearing_and_citizens_see_it(client, fagleder, body, kommunestyret):
    client.force_login(fagleder)
    today = timezone.localdate()
    response = client.post(reverse("innsyn:hearing_new"), {
        "title": "Høring om trafikksikkerhetsplan", "summary": "Hvor skal kommunen gjøre vegene tryggere?",
        "organization": kommunestyret.pk, "url": "https://example.no/trafikk", "how_to_respond": "Send e-post.",
        "opens": today.isoformat(), "deadline": (today + dt.timedelta(days=14)).isoformat(), "published": "on",
    })
    assert response.status_code == 302
    hearing = Hearing.objects.get()
    assert AuditEntry.objects.filter(object_id=hearing.pk, action="opprettet").exists()
    client.logout()
    page = client.get(reverse("innsyn:influence")).content.decode()
    assert "Høring om trafikksikkerhetsplan" in page and "https://example.no/trafikk" in page
