"""Follow-ups over the API: list/filter, create, transitions by name, notes, and the report."""

import datetime as dt

import pytest
from django.utils import timezone

from secretariat.followups.models import FollowUp, FollowUpNote
from secretariat.followups.services import report_create

from ...helpers import case_in_state


def _payload(decision, unit, person, days=20, **extra):
    return {"decision": decision.pk, "description": "Skilte plassene.", "responsible_unit": unit.pk,
            "responsible_person": person.username,
            "deadline": (timezone.localdate() + dt.timedelta(days=days)).isoformat(), **extra}


def test_create_list_and_filter(client, fagleder, decision, unit, saksbehandler, make_followup):
    make_followup(days=-3, description="Forsinket.")
    client.force_login(fagleder)
    response = client.post("/api/followups/", _payload(decision, unit, saksbehandler), content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "ikke_startet" and body["overdue"] is False
    assert body["legality_review_deadline"]
    results = client.get("/api/followups/").json()["results"]
    assert [r["description"] for r in results] == ["Forsinket.", "Skilte plassene."]
    overdue = client.get("/api/followups/", {"status": "forsinket"}).json()["results"]
    assert [r["description"] for r in overdue] == ["Forsinket."]
    assert client.get("/api/followups/", {"organization": "formannskapet"}).json()["results"] == []


def test_the_api_refuses_a_decision_that_is_not_final(client, fagleder, formannskapet, kommunestyret, saksbehandler,
                                                      kommunedirektor, unit):
    case = case_in_state("behandlet", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    client.force_login(fagleder)
    response = client.post("/api/followups/", _payload(case.current_consultation.decisions.get(), unit,
                                                       saksbehandler), content_type="application/json")
    assert response.status_code == 400
    assert "decision" in response.json()["errors"]
    assert FollowUp.objects.count() == 0


def test_the_api_warns_about_a_past_deadline_until_confirmed(client, fagleder, decision, unit, saksbehandler):
    client.force_login(fagleder)
    response = client.post("/api/followups/", _payload(decision, unit, saksbehandler, days=-1),
                           content_type="application/json")
    assert response.status_code == 400
    assert "allerede passert" in response.json()["errors"]["deadline"][0]
    assert FollowUp.objects.count() == 0
    response = client.post("/api/followups/", _payload(decision, unit, saksbehandler, days=-1,
                                                       confirm_past_deadline=True), content_type="application/json")
    assert response.status_code == 201 and response.json()["overdue"] is True


def test_transitions_by_name_and_skips_refused(client, followup, saksbehandler):
    client.force_login(saksbehandler)
    url = f"/api/followups/{followup.pk}/transitions/"
    assert [t["name"] for t in client.get(url).json()] == ["start"]
    skip = client.post(url, {"transition": "complete"}, content_type="application/json")
    assert skip.status_code == 409
    assert skip.json()["code"] == "transition_not_allowed"
    ok = client.post(url, {"transition": "start", "comment": "I gang"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["state"] == "pagar"
    no_reason = client.post(url, {"transition": "abandon"}, content_type="application/json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["errors"]
    history = client.get(f"/api/followups/{followup.pk}/history/").json()
    assert [h["action"] for h in history][-1] == "start"


def test_notes_only_by_the_responsible_person(client, followup, saksbehandler, other_saksbehandler):
    url = f"/api/followups/{followup.pk}/notes/"
    client.force_login(other_saksbehandler)
    refused = client.post(url, {"text": "Hei"}, content_type="application/json")
    assert refused.status_code == 403
    assert not FollowUpNote.objects.exists()
    client.force_login(saksbehandler)
    assert client.post(url, {"text": ""}, content_type="application/json").status_code == 400
    assert client.post(url, {"text": "Bestilt."}, content_type="application/json").status_code == 201
    assert [n["text"] for n in client.get(url).json()] == ["Bestilt."]


def test_anonymous_users_cannot_see_followups(client, followup):
    assert client.get("/api/followups/").status_code in (401, 403)


def test_legality_demand_over_the_api(client, fagleder, decision, followup, ks):
    client.force_login(fagleder)
    few = client.post("/api/legality-demands/", {"decision": decision.pk, "signers": [ks.per.pk, ks.kari.pk]},
                      content_type="application/json")
    assert few.status_code == 400 and "signers" in few.json()["errors"]
    ok = client.post("/api/legality-demands/", {"decision": decision.pk,
                                                "signers": [ks.per.pk, ks.kari.pk, ks.ali.pk]},
                     content_type="application/json")
    assert ok.status_code == 201, ok.json()
    assert ok.json()["demanders"] == ["Ali Haugen", "Kari Olsen", "Per Hansen"]
    # A demand has no suspensive effect by itself (koml. § 27-1).
    assert ok.json()["postponed"] is False
    assert client.get(f"/api/followups/{followup.pk}/").json()["paused"] is False


@pytest.mark.parametrize("staff", [True, False])
def test_the_report_over_the_api(client, kommunestyret, kommunedirektor, followup, staff):
    today = timezone.localdate()
    report = report_create(actor=kommunedirektor, organization=kommunestyret, period_start=today - dt.timedelta(days=9),
                           period_end=today + dt.timedelta(days=90))
    if staff:
        client.force_login(kommunedirektor)
    data = client.get(f"/api/followup-reports/{report.pk}/").json()
    assert data["public"] is (not staff)
    assert data["entries"][0]["title"] == "Parkeringsforskrift for sentrum"
    assert data["entries"][0]["followups"][0]["description"] == followup.description
    docx = client.get(f"/api/followup-reports/{report.pk}/docx/")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_creating_a_report_needs_fagleder_or_kommunedirektor(client, saksbehandler, kommunedirektor, kommunestyret):
    payload = {"organization": "kommunestyret", "period_start": "2026-01-01", "period_end": "2026-06-30"}
    client.force_login(saksbehandler)
    assert client.post("/api/followup-reports/", payload, content_type="application/json").status_code == 403
    client.force_login(kommunedirektor)
    assert client.post("/api/followup-reports/", payload, content_type="application/json").status_code == 201


def test_unknown_steps_and_stale_states_get_clear_errors(client, followup, saksbehandler):
    client.force_login(saksbehandler)
    url = f"/api/followups/{followup.pk}/transitions/"
    unknown = client.post(url, {"transition": "finish_now"}, content_type="application/json")
    assert unknown.status_code == 400 and "Ukjent steg" in unknown.json()["detail"]
    stale = client.post(url, {"transition": "start", "expected_state": "pagar"}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    followup.refresh_from_db()
    assert followup.state == "ikke_startet"


def test_bad_create_input_names_the_fields(client, fagleder):
    client.force_login(fagleder)
    response = client.post("/api/followups/", {"decision": 999999, "deadline": "i morgen"},
                           content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"decision", "deadline", "description", "responsible_unit", "responsible_person"} <= set(errors)
