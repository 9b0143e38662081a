"""Bad input gets a clear Norwegian message in the UI and a 4xx JSON error in the API; nothing is saved."""

import pytest
from django.urls import reverse

from secretariat.cases.models import Case
from workflows.models import AuditEntry

from ...helpers import case_in_state, new_case

VALID = {
    "arkivsaksnummer": "26/555", "title": "Ny barnehage på Nordneset", "organization": None,
    "summary": "Kort.", "recommendation": "Vedtas.",
}


def form_data(org, **overrides):
    data = {**VALID, "organization": org.pk, **overrides}
    return {k: v for k, v in data.items() if v is not None}


def api_data(org, **overrides):
    data = {**VALID, "organization": org.slug, **overrides}
    return {k: v for k, v in data.items() if v is not None}


CASES = [
    ("duplicate", {"arkivsaksnummer": "26/1"}, "arkivsaksnummer", "finnes allerede"),
    ("malformed arkivsak", {"arkivsaksnummer": "1234"}, "arkivsaksnummer", "år/løpenummer"),
    ("over-long title", {"title": "x" * 251}, "title", "250"),
    ("exempt without basis", {"exempt": True, "public_title": "Personalsak"}, "exempt_basis", "hjemmel"),
    ("offl 14 for a political case", {"exempt": True, "exempt_basis": "offl14", "public_title": "Sak"},
     "exempt_basis", "offl. § 16"),
    ("exempt without public title", {"exempt": True, "exempt_basis": "offl13_fvl13_1"}, "public_title",
     "offentlig"),
]


@pytest.fixture
def existing(formannskapet, saksbehandler):
    return new_case(organization=formannskapet, officer=saksbehandler, arkivsaksnummer="26/1")


@pytest.mark.parametrize(("label", "overrides", "field", "text"), CASES, ids=[c[0] for c in CASES])
def test_the_ui_refuses_bad_case_input(client, existing, formannskapet, saksbehandler, label, overrides, field,
                                       text):
    client.force_login(saksbehandler)
    before = Case.objects.count()
    response = client.post(reverse("cases:create"), form_data(formannskapet, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert text in " ".join(errors[field])
    assert text in response.content.decode()
    assert Case.objects.count() == before


@pytest.mark.parametrize(("label", "overrides", "field", "text"), CASES, ids=[c[0] for c in CASES])
def test_the_api_refuses_bad_case_input(client, existing, formannskapet, saksbehandler, label, overrides, field,
                                        text):
    client.force_login(saksbehandler)
    before = Case.objects.count()
    response = client.post("/api/cases/", api_data(formannskapet, **overrides), content_type="application/json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert field in body["errors"]
    assert text in " ".join(body["errors"][field])
    assert Case.objects.count() == before


def test_submit_without_innstilling_is_refused_in_ui_and_api(client, formannskapet, saksbehandler):
    case = new_case(organization=formannskapet, officer=saksbehandler, recommendation="")
    client.force_login(saksbehandler)
    response = client.post(reverse("cases:transition", args=[case.pk]),
                           {"transition": "submit", "expected_state": "utredning"}, follow=True)
    assert "mangler kommunedirektørens innstilling" in response.content.decode()
    response = client.post(f"/api/cases/{case.pk}/transitions/", {"transition": "submit"},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"recommendation": [response.json()["detail"]]}
    case.refresh_from_db()
    assert case.state == "utredning"
    assert not AuditEntry.for_object(case).filter(action="submit").exists()


def test_a_summary_over_the_limit_is_refused_on_submit(formannskapet, saksbehandler, client):
    case = new_case(organization=formannskapet, officer=saksbehandler, summary="Ord " * 200)
    client.force_login(saksbehandler)
    response = client.post(f"/api/cases/{case.pk}/transitions/", {"transition": "submit"},
                           content_type="application/json")
    assert response.status_code == 400
    assert "grensen er 600" in response.json()["detail"]


def test_the_api_reports_wrong_state_unknown_step_and_missing_permission(client, formannskapet, saksbehandler,
                                                                         fagleder, kommunedirektor, folkevalgt):
    case = case_in_state("klar", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    url = f"/api/cases/{case.pk}/transitions/"
    client.force_login(saksbehandler)
    r = client.post(url, {"transition": "submit"}, content_type="application/json")
    assert r.status_code == 409
    assert r.json()["code"] == "transition_not_allowed" and r.json()["current_state"] == "klar"
    assert "Klar til behandling" in r.json()["detail"]
    r = client.post(url, {"transition": "teleport"}, content_type="application/json")
    assert r.status_code == 400 and r.json()["code"] == "unknown_transition"
    r = client.post(url, {"transition": "withdraw", "comment": "Nei."}, content_type="application/json")
    assert r.status_code == 403 and r.json()["code"] == "permission_denied"
    assert "Kommunedirektør" in r.json()["detail"] or "Fagleder" in r.json()["detail"]
    client.logout()
    r = client.post(url, {"transition": "withdraw"}, content_type="application/json")
    assert r.status_code in (401, 403)
    case.refresh_from_db()
    assert case.state == "klar"


def test_a_saksbehandler_cannot_edit_someone_elses_case(client, formannskapet, saksbehandler, other_saksbehandler):
    case = new_case(organization=formannskapet, officer=saksbehandler)
    client.force_login(other_saksbehandler)
    r = client.patch(f"/api/cases/{case.pk}/", {"title": "Kapret"}, content_type="application/json")
    assert r.status_code == 403
    case.refresh_from_db()
    assert case.title != "Kapret"
