"""The public call for candidates (dl. § 67) through HTTP, without logging in."""

import pytest
from django.urls import reverse

from secretariat.appointments import services
from secretariat.appointments.models import Candidate
from workflows.models import AuditEntry

from .conftest import eligible_data

pytestmark = pytest.mark.django_db

GOOD = {
    "given_name": "Ingrid", "family_name": "Solberg", "birth_date": "17.05.1985", "gender": "K",
    "address": "Fjordvegen 3", "postal_code": "5999", "postal_place": "Fjordvik", "email": "ingrid@example.no",
    "phone": "", "occupation_text": "Sykepleier", "occupation": "", "wished_pool": "tingrett",
    "resident_in_kommune": "on", "adequate_norwegian": "on", "proposed_by": "", "motivation": "", "consent": "on",
}


def _url(round_):
    return reverse("appointments:public_candidate", args=[round_.pk])


def test_the_form_opens_without_login_in_norwegian(client, meddommer_round):
    response = client.get(_url(meddommer_round))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nb">' in html
    assert "Foreslå kandidat: Meddommere 2029–2032" in html
    assert '<label for="id_given_name">Fornavn</label>' in html
    assert "Ønsket domstol" in html


def test_a_valid_proposal_is_saved_with_its_eligibility(client, meddommer_round):
    response = client.post(_url(meddommer_round), GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("appointments:public_candidate_thanks", args=[meddommer_round.pk])
    candidate = Candidate.objects.get()
    assert (candidate.name, candidate.source, candidate.wished_pool) == ("Ingrid Solberg", "skjema", "tingrett")
    assert candidate.birth_date.isoformat() == "1985-05-17"
    assert candidate.resident_in_kommune is True
    # The secretariat still has to check the electoral roll, bankruptcy and the police record.
    assert candidate.eligible is False
    assert {r["rule"] for r in candidate.eligibility if not r["ok"]} == {"stemmerett", "konkurs", "vandel"}
    assert AuditEntry.objects.filter(action="kandidat_innmeldt", actor_name="System").exists()
    thanks = client.get(response["Location"])
    assert "Takk for forslaget" in thanks.content.decode()


@pytest.mark.parametrize("change, field_label, message", [
    ({"given_name": ""}, "Fornavn", "Skriv fornavnet til kandidaten."),
    ({"birth_date": "31.02.1980"}, "Fødselsdato", "Fødselsdato er ikke en gyldig dato."),
    ({"birth_date": "01.01.2090"}, "Fødselsdato", "Fødselsdatoen kan ikke være fram i tid."),
    ({"postal_code": "59"}, "Postnummer", "Postnummeret har fire siffer."),
    ({"email": "ikke-en-adresse"}, "E-post", "Skriv en gyldig e-postadresse"),
    ({"gender": "X"}, "Kjønn", "Velg kjønn fra lista."),
    ({"consent": ""}, "Kandidaten vet om forslaget", "Kandidaten må samtykke før forslaget kan sendes."),
    ({"resident_in_kommune": ""}, "Kandidaten er registrert bosatt", "må være registrert bosatt i kommunen"),
])
def test_bad_input_is_refused_with_a_norwegian_message_and_nothing_saved(client, meddommer_round, change,
                                                                         field_label, message):
    data = {**GOOD, **change}
    data = {k: v for k, v in data.items() if v != ""}
    response = client.post(_url(meddommer_round), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skjemaet har feil" in html
    assert message in html
    assert field_label in html
    assert 'aria-invalid="true"' in html
    assert Candidate.objects.count() == 0


def test_the_form_is_closed_after_the_call(client, meddommer_round, fagleder):
    services.candidate_register(actor=fagleder, round=meddommer_round, data=eligible_data("Kari"))
    services.round_transition(round=meddommer_round, name="close_call", actor=fagleder)
    assert "stengt" in client.get(_url(meddommer_round)).content.decode()
    response = client.post(_url(meddommer_round), GOOD)
    assert response.status_code == 403
    assert Candidate.objects.count() == 1


def test_the_form_refuses_after_the_call_deadline(client, meddommer_round):
    meddommer_round.call_deadline = meddommer_round.created_at.date().replace(year=2020)
    meddommer_round.save(update_fields=["call_deadline"])
    response = client.post(_url(meddommer_round), GOOD)
    assert response.status_code == 400
    assert "Fristen for å melde inn kandidater var" in response.content.decode()
    assert Candidate.objects.count() == 0


def test_an_unknown_round_is_404(client, db):
    assert client.get(reverse("appointments:public_candidate", args=[999])).status_code == 404


def test_the_forliksrad_form_has_no_court_choice(client, forliksrad_round):
    html = client.get(_url(forliksrad_round)).content.decode()
    assert "Ønsket domstol" not in html
    assert "minst 25" in html


def test_the_proposal_is_public_from_the_display_without_addresses(client, meddommer_round, fagleder):
    from django.utils import timezone

    from .conftest import round_in_state

    url = reverse("appointments:public_display", args=[meddommer_round.pk])
    assert client.get(url).status_code == 404  # nothing public before the display
    round_in_state("innstilt", meddommer_round, fagleder)
    assert client.get(url).status_code == 404
    services.round_transition(round=meddommer_round, name="start_display", actor=fagleder,
                              display_start=timezone.localdate())
    html = client.get(url).content.decode()
    assert "Offentlig ettersyn: Meddommere 2029–2032" in html
    assert "tingrettK Hansen (født 1980)" in html
    assert "Storgata" not in html and "17.05.1980" not in html


def test_open_calls_are_listed_publicly(client, meddommer_round, forliksrad_round, fagleder):
    services.candidate_register(actor=fagleder, round=forliksrad_round, data=eligible_data("Kari"))
    services.round_transition(round=forliksrad_round, name="close_call", actor=fagleder)
    html = client.get(reverse("appointments:public_calls")).content.decode()
    assert reverse("appointments:public_candidate", args=[meddommer_round.pk]) in html
    assert "Forliksrådet 2029–2032" not in html
