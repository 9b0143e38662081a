"""The staff pages: the list in the menu, the round page with balance and reasons, actions through HTTP."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from secretariat.appointments import services

from .conftest import eligible_data, round_in_state

pytestmark = pytest.mark.django_db


def test_the_list_is_in_the_staff_menu(client, fagleder, meddommer_round):
    client.force_login(fagleder)
    response = client.get(reverse("appointments:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/intern/oppnevninger/" aria-current="page">Oppnevninger</a>' in html
    assert "Meddommere 2029–2032" in html


def test_the_public_cannot_see_the_staff_pages(client, meddommer_round):
    response = client.get(reverse("appointments:detail", args=[meddommer_round.pk]))
    assert response.status_code == 302


def test_the_round_page_shows_the_reasons_and_the_balance(client, fagleder, meddommer_round):
    services.candidate_register(actor=fagleder, round=meddommer_round,
                                data=eligible_data("Unge", birth_date=dt.date(2010, 1, 1)))
    client.force_login(fagleder)
    html = client.get(reverse("appointments:detail", args=[meddommer_round.pk])).content.decode()
    assert "Er 19 år ved periodens start 01.01.2029; må ha fylt 21 år (dl. § 70)." in html
    assert "Tingretten – kvinner" in html
    assert "Avslutt innmeldingen" in html
    assert f"/intern/oppnevninger/kandidat/{meddommer_round.pk}/" in html


def test_a_transition_through_the_page(client, fagleder, meddommer_round):
    services.candidate_register(actor=fagleder, round=meddommer_round, data=eligible_data("Kari"))
    client.force_login(fagleder)
    response = client.post(reverse("appointments:transition", args=[meddommer_round.pk]),
                           {"transition": "close_call", "expected_state": "kunngjort"}, follow=True)
    assert "Forslag mottatt" in response.content.decode()
    meddommer_round.refresh_from_db()
    assert meddommer_round.state == "forslag_mottatt"


def test_election_too_early_shows_the_clock_message(client, fagleder, meddommer_round):
    round_in_state("offentlig_ettersyn", meddommer_round, fagleder,
                   display_start=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(fagleder)
    html = client.get(reverse("appointments:detail", args=[meddommer_round.pk])).content.decode()
    assert "11 dager igjen før kommunestyret kan velge" in html
    response = client.post(reverse("appointments:transition", args=[meddommer_round.pk]),
                           {"transition": "elect"}, follow=True)
    assert "minst 14 dager (dl. § 68)" in response.content.decode()


def test_a_candidate_registered_by_the_secretariat_through_the_form(client, fagleder, meddommer_round):
    client.force_login(fagleder)
    response = client.post(reverse("appointments:candidate_create", args=[meddommer_round.pk]), {
        "given_name": "Per", "family_name": "Dahl", "birth_date": "01.02.1975", "gender": "M",
        "occupation": "advokat", "resident_in_kommune": "ja", "adequate_norwegian": "ja", "voting_rights": "ja",
        "bankrupt": "nei", "criminal_record": "uten_merknader", "earlier_periods": "0"})
    assert response.status_code == 302
    candidate = meddommer_round.candidates.get()
    assert candidate.eligible is False
    assert candidate.bankrupt is False
    assert candidate.failed_reasons == [
        "Utelukket på grunn av stilling: Praktiserende advokat eller advokatfullmektig (dl. § 71)."]


def test_several_stemmestyrer_in_one_round(client, fagleder, body, formannskapet):
    round_ = services.round_create(actor=fagleder, kind="annet", title="Stemmestyrer 2027",
                                   period_start=dt.date(2027, 1, 1), period_end=dt.date(2027, 12, 31),
                                   pools=[("annet", "", 5)], pool_name="Stemmestyre Sentrum")
    client.force_login(fagleder)
    client.post(reverse("appointments:pool_add", args=[round_.pk]), {"name": "Stemmestyre Skolen", "size": "4"})
    response = client.post(reverse("appointments:pool_add", args=[round_.pk]), {"name": "", "size": "0"},
                           follow=True)
    assert "Skriv navnet på vervet eller utvalget." in response.content.decode()
    assert [(p.label, p.size) for p in round_.pools.all()] == [("Stemmestyre Sentrum", 5), ("Stemmestyre Skolen", 4)]
