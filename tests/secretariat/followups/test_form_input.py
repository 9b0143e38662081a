"""Bad input on the follow-up pages (issue 12): a Norwegian message with the text kept, never a 500, nothing saved."""

from django.urls import reverse

from secretariat.common.forms import TEXT_MAX_LENGTH
from secretariat.followups.models import FollowUpNote, LegalityReviewDemand
from secretariat.followups.services import legality_demand_register


def test_a_too_long_note_is_refused_with_the_text_kept(client, followup, saksbehandler):
    client.force_login(saksbehandler)
    text = "Skiltene er bestilt. " + "x" * TEXT_MAX_LENGTH
    response = client.post(reverse("followups:note", args=[followup.pk]), {"text": text})
    assert response.status_code == 400
    page = response.content.decode()
    assert f"{TEXT_MAX_LENGTH} eller færre tegn" in page
    assert "Skiltene er bestilt. xxxx" in page
    assert not FollowUpNote.objects.exists()


def test_a_missing_note_text_is_a_form_error_not_a_server_error(client, followup, saksbehandler):
    client.force_login(saksbehandler)
    response = client.post(reverse("followups:note", args=[followup.pk]), {})
    assert response.status_code == 400
    assert "Skriv hva som er gjort siden sist." in response.content.decode()
    assert not FollowUpNote.objects.exists()


def test_a_note_with_a_nul_byte_is_refused(client, followup, saksbehandler):
    client.force_login(saksbehandler)
    response = client.post(reverse("followups:note", args=[followup.pk]), {"text": "før\x00etter"})
    assert response.status_code == 400
    assert "kontrolltegn" in response.content.decode()
    assert not FollowUpNote.objects.exists()


def test_a_too_long_or_missing_outcome_is_refused_and_the_demand_stays_open(client, decision, fagleder, ks):
    demand = legality_demand_register(actor=fagleder, decision=decision, signers=[ks.per, ks.kari, ks.ali])
    client.force_login(fagleder)
    url = reverse("followups:legality_resolve", args=[demand.pk])
    for body in ({}, {"outcome": "   "}, {"outcome": "y" * (TEXT_MAX_LENGTH + 1)}):
        response = client.post(url, body, follow=True)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Skriv utfallet" in page or "eller færre tegn" in page, body.keys()
        demand.refresh_from_db()
        assert demand.resolved_at is None and demand.outcome == ""
    client.post(url, {"outcome": "Opprettholdt."})
    demand.refresh_from_db()
    assert demand.outcome == "Opprettholdt."


def test_a_huge_demand_is_refused(client, decision, fagleder, ks):
    client.force_login(fagleder)
    response = client.post(reverse("followups:legality_register", args=[decision.pk]),
                           {"signers": [ks.per.pk, ks.kari.pk, ks.ali.pk], "note": "x" * (TEXT_MAX_LENGTH + 1)},
                           follow=True)
    assert "eller færre tegn" in response.content.decode()
    assert not LegalityReviewDemand.objects.exists()
