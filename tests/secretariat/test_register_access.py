"""The weddings and appointments registers are the secretariat's (secretariat/access/registers.py).

Wedding requests and candidates hold personal data (birth dates, addresses, prøvingsattest, eligibility) that
only the politisk sekretariat handles (GDPR art. 5 (1) c). A saksbehandler and the kommunedirektør are refused
with 403 before any input is read — a valid-looking POST saves nothing — while the fagleder uses them. The
public parts (booking, call for candidates) stay open, and the staff menu offers the registers only to those
who may use them.
"""

import datetime as dt

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from secretariat.appointments import services as appointment_services
from secretariat.appointments.models import AppointmentRound, Candidate, MembershipChange, RoundKind
from secretariat.weddings.models import Residence, Wedding, WeddingPlace
from workflows.wedding import WeddingState

pytestmark = pytest.mark.django_db

REFUSED_ROLES = ["saksbehandler", "kommunedirektor"]

CANDIDATE = {
    "given_name": "Kari", "family_name": "Kandidat", "birth_date": "1980-05-17", "gender": "K",
    "address": "Storgata 1", "postal_code": "5999", "postal_place": "Fjordvik", "occupation": "",
    "resident_in_kommune": True, "adequate_norwegian": True, "voting_rights": True, "bankrupt": False,
    "criminal_record": "uten_merknader",
}


@pytest.fixture
def wedding(db):
    place = WeddingPlace.objects.create(name="Rådhuset, bystyresalen", address="Rådhusplassen 1")
    return Wedding.objects.create(
        place=place, date=timezone.localdate() + dt.timedelta(days=30), start_time=dt.time(12),
        partner1_name="Kari Brud", partner2_name="Ola Brudgom", email="par@example.no",
        residence=Residence.RESIDENT, language="nb")


@pytest.fixture
def appointment_round(body, formannskapet, fagleder):
    return appointment_services.round_create(
        actor=fagleder, kind=RoundKind.MEDDOMMERE, title="Meddommere 2029–2032", period_start=dt.date(2029, 1, 1),
        period_end=dt.date(2032, 12, 31), call_deadline=dt.date(2099, 3, 1))


def _page_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def _api_client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("role", REFUSED_ROLES)
def test_other_staff_are_refused_the_wedding_pages_and_api(request, role, wedding):
    user = request.getfixturevalue(role)
    pages = _page_client(user)
    for url in (reverse("weddings:list"), reverse("weddings:detail", args=[wedding.pk]),
                reverse("weddings:officiants"), reverse("weddings:report")):
        response = pages.get(url)
        assert response.status_code == 403, url
        assert "Ola Brudgom" not in response.content.decode()
    # A valid step through the staff form: 403, the wedding is not cancelled.
    response = pages.post(reverse("weddings:transition", args=[wedding.pk]),
                          {"transition": "cancel", "comment": "Avbestilt", "expected_state": wedding.state})
    assert response.status_code == 403

    api = _api_client(user)
    for url in ("/api/weddings/", f"/api/weddings/{wedding.pk}/", f"/api/weddings/{wedding.pk}/transitions/"):
        response = api.get(url)
        assert response.status_code == 403, url
        assert "Ola Brudgom" not in response.content.decode()
    response = api.post(f"/api/weddings/{wedding.pk}/transitions/", {"transition": "cancel", "comment": "Avbestilt"},
                        format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Vielser er bare tilgjengelig for politisk sekretariat."
    wedding.refresh_from_db()
    assert wedding.state == WeddingState.FORESPURT


@pytest.mark.parametrize("role", REFUSED_ROLES)
def test_other_staff_are_refused_the_appointment_pages_and_api(request, role, appointment_round):
    user = request.getfixturevalue(role)
    appointment_services.candidate_register(actor=request.getfixturevalue("fagleder"), round=appointment_round,
                                            data={**CANDIDATE, "given_name": "Synnøve", "family_name": "Skjult",
                                                  "birth_date": dt.date(1975, 1, 2)})
    pages = _page_client(user)
    for url in (reverse("appointments:list"), reverse("appointments:detail", args=[appointment_round.pk]),
                reverse("appointments:change_create")):
        response = pages.get(url)
        assert response.status_code == 403, url
        assert "Skjult" not in response.content.decode()
    response = pages.post(reverse("appointments:candidate_create", args=[appointment_round.pk]), CANDIDATE)
    assert response.status_code == 403

    api = _api_client(user)
    for url in ("/api/appointment-rounds/", f"/api/appointment-rounds/{appointment_round.pk}/candidates/",
                "/api/membership-changes/"):
        response = api.get(url)
        assert response.status_code == 403, url
        assert "Skjult" not in response.content.decode()
    response = api.post(f"/api/appointment-rounds/{appointment_round.pk}/candidates/", CANDIDATE, format="json")
    assert response.status_code == 403
    response = api.post("/api/appointment-rounds/", {
        "title": "Stemmestyre 2027", "kind": "annet", "period_start": "2027-01-01", "period_end": "2027-12-31",
        "pool_name": "Stemmestyre", "pool_size": 5}, format="json")
    assert response.status_code == 403
    response = api.post("/api/membership-changes/", {"arkivsaksnummer": "26/900", "kind": "fritak",
                                                     "reason": "Flytter."}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == ("Oppnevninger, fritak og supplering er bare tilgjengelig for politisk "
                                         "sekretariat.")
    # Nothing saved by any of the refused requests.
    assert list(Candidate.objects.values_list("family_name", flat=True)) == ["Skjult"]
    assert AppointmentRound.objects.count() == 1
    assert MembershipChange.objects.count() == 0


def test_the_fagleder_uses_them(fagleder, wedding, appointment_round):
    pages = _page_client(fagleder)
    for url in (reverse("weddings:list"), reverse("weddings:detail", args=[wedding.pk]),
                reverse("appointments:list"), reverse("appointments:detail", args=[appointment_round.pk])):
        assert pages.get(url).status_code == 200, url
    assert "Ola Brudgom" in pages.get(reverse("weddings:detail", args=[wedding.pk])).content.decode()

    api = _api_client(fagleder)
    assert api.get(f"/api/weddings/{wedding.pk}/").json()["partner2_name"] == "Ola Brudgom"
    assert api.get("/api/appointment-rounds/").status_code == 200
    response = api.post(f"/api/appointment-rounds/{appointment_round.pk}/candidates/", CANDIDATE, format="json")
    assert response.status_code == 201, response.content
    assert Candidate.objects.filter(round=appointment_round, family_name="Kandidat").exists()


def test_the_public_is_sent_to_log_in_and_keeps_the_public_forms(client, wedding, appointment_round):
    login = resolve_url(settings.LOGIN_URL)
    for url in (reverse("weddings:detail", args=[wedding.pk]), reverse("appointments:detail",
                                                                       args=[appointment_round.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(login), url
    assert APIClient().get(f"/api/weddings/{wedding.pk}/").status_code in (401, 403)
    assert APIClient().get("/api/appointment-rounds/").status_code in (401, 403)
    # The public parts stay open: the booking form, the free slots, the call for candidates.
    assert client.get(reverse("weddings:book")).status_code == 200
    assert APIClient().get("/api/wedding-slots/").status_code == 200
    assert client.get(reverse("appointments:public_calls")).status_code == 200
    assert client.get(reverse("appointments:public_candidate", args=[appointment_round.pk])).status_code == 200


@pytest.mark.parametrize("role, offered", [("saksbehandler", False), ("kommunedirektor", False),
                                           ("fagleder", True)])
def test_the_staff_menu_offers_the_registers_only_to_those_who_may_use_them(request, role, offered):
    html = _page_client(request.getfixturevalue(role)).get(reverse("staff:dashboard")).content.decode()
    assert ('href="/intern/vielser/"' in html) is offered
    assert ('href="/intern/oppnevninger/"' in html) is offered
    assert 'href="/intern/saker/"' in html  # the rest of the menu is still there


def test_the_caldav_sync_status_is_for_staff(saksbehandler, folkevalgt):
    assert _api_client(saksbehandler).get("/api/calendars/caldav-status/").status_code == 200
    assert _api_client(folkevalgt).get("/api/calendars/caldav-status/").status_code == 403
    assert APIClient().get("/api/calendars/caldav-status/").status_code in (401, 403)


def test_the_services_ask_the_same_rule(saksbehandler, wedding, appointment_round):
    """No path around the pages: a wedding step (the workflow table still names the saksbehandler) and a
    candidate registered through the services follow the register's rule too."""
    from secretariat.weddings.services import wedding_transition
    from workflows.errors import TransitionForbidden

    with pytest.raises(TransitionForbidden):
        wedding_transition(wedding=wedding, name="cancel", actor=saksbehandler, comment="Avbestilt")
    wedding.refresh_from_db()
    assert wedding.state == WeddingState.FORESPURT
    with pytest.raises(TransitionForbidden):
        appointment_services.candidate_register(actor=saksbehandler, round=appointment_round,
                                                data={**CANDIDATE, "birth_date": dt.date(1980, 5, 17)})
    assert Candidate.objects.count() == 0
