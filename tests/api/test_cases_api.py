"""The REST API: cases with consultations and audit trail, transitions by name, token auth, OpenAPI."""

import pytest
import yaml
from rest_framework.authtoken.models import Token

from workflows.engine import run_transition

from ..helpers import case_in_state, new_case


def test_a_token_user_drafts_and_submits_and_the_kommunedirektor_approves(client, formannskapet, saksbehandler,
                                                                         kommunedirektor):
    token = Token.objects.create(user=saksbehandler)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    r = client.post("/api/cases/", {
        "arkivsaksnummer": "26/777", "title": "Nytt lysanlegg", "organization": "formannskapet",
        "summary": "Nytt lys i lysløypa.", "recommendation": "Lysanlegget vedtas.",
    }, content_type="application/json", **auth)
    assert r.status_code == 201, r.content
    case = r.json()
    assert case["state"] == "utredning" and case["consultations"][0]["organization"] == "formannskapet"
    assert case["allowed_transitions"] == [{"name": "submit", "label": "Send til godkjenning",
                                            "target": "til_godkjenning"}]
    r = client.post(f"/api/cases/{case['id']}/transitions/", {"transition": "submit", "comment": "Klar."},
                    content_type="application/json", **auth)
    assert r.status_code == 200 and r.json()["state"] == "til_godkjenning"

    kd = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=kommunedirektor).key}"}
    r = client.get(f"/api/cases/{case['id']}/transitions/", **kd)
    assert {t["name"] for t in r.json()} == {"approve", "return_to_drafting", "withdraw"}
    r = client.post(f"/api/cases/{case['id']}/transitions/",
                    {"transition": "approve", "expected_state": "til_godkjenning"},
                    content_type="application/json", **kd)
    assert r.status_code == 200 and r.json()["state"] == "klar"
    history = client.get(f"/api/cases/{case['id']}/history/", **kd).json()
    assert [(h["action"], h["from_state"], h["to_state"]) for h in history] == [
        ("opprettet", "", "utredning"), ("submit", "utredning", "til_godkjenning"),
        ("approve", "til_godkjenning", "klar"),
    ]
    assert history[2]["actor_name"] == "Trine Aalvik"


def test_a_stale_expected_state_gives_409(client, formannskapet, saksbehandler, fagleder, kommunedirektor):
    case = case_in_state("klar", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    client.force_login(kommunedirektor)
    r = client.post(f"/api/cases/{case.pk}/transitions/",
                    {"transition": "return_to_drafting", "comment": "x", "expected_state": "til_godkjenning"},
                    content_type="application/json")
    assert r.status_code == 409 and r.json()["code"] == "conflict"


def test_anonymous_users_see_only_public_cases_and_never_exempt_content(client, formannskapet, saksbehandler,
                                                                        fagleder, kommunedirektor):
    draft = new_case(organization=formannskapet, officer=saksbehandler, title="Utkast-sak")
    secret = case_in_state("satt_opp", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                           kommunedirektor=kommunedirektor, title="Oppsigelse av MARKØR-NAVN", exempt=True,
                           exempt_basis="offl13_fvl13_1", public_title="Personalsak",
                           summary="MARKØR-SAMMENDRAG")
    # koml. § 11-3: the agenda and its papers become public with the notice, not before.
    assert "Personalsak" not in client.get("/api/cases/").content.decode()
    meeting = secret.current_consultation.agenda_items.get().meeting
    run_transition(meeting, "send_notice", actor=fagleder)
    r = client.get("/api/cases/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "Utkast-sak" not in body
    assert "MARKØR" not in body and "Personalsak" in body
    r = client.get(f"/api/cases/{secret.pk}/")
    assert r.status_code == 200 and "MARKØR" not in r.content.decode()
    assert r.json()["exempt_marking"].startswith("Unntatt offentlighet, offl. § 13")
    assert client.get(f"/api/cases/{draft.pk}/").status_code == 404
    assert client.get(f"/api/cases/{secret.pk}/history/").status_code == 403


def test_reference_data_endpoints(client, formannskapet):
    for path in ("/api/organizations/", "/api/people/", "/api/memberships/", "/api/parties/", "/api/terms/"):
        assert client.get(path).status_code == 200, path
    orgs = client.get("/api/organizations/").json()["results"]
    assert {o["slug"]: o["notice_days"] for o in orgs} == {"formannskapet": 7, "kommunestyret": 10}


def test_the_openapi_schema_describes_cases_and_transitions(client, db):
    r = client.get("/api/schema/")
    assert r.status_code == 200
    schema = yaml.safe_load(r.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/cases/{id}/transitions/" in schema["paths"]
    assert "/api/organizations/" in schema["paths"]


@pytest.mark.parametrize("payload", [b"{not json", b"[]"])
def test_garbage_json_gets_a_json_400(client, saksbehandler, payload, db):
    client.force_login(saksbehandler)
    r = client.post("/api/cases/", payload, content_type="application/json")
    assert r.status_code == 400 and "detail" in r.json()


def test_the_openapi_schema_is_valid_and_generates_without_warnings(db, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    assert "/api/cases/{id}/" in schema["paths"] and "/api/meetings/" in schema["paths"]


def test_the_public_people_api_shows_e_mail_only_for_people_in_office(client, formannskapet):
    import datetime as dt

    from tests.factories import MembershipFactory, PersonFactory

    member = MembershipFactory(organization=formannskapet, person=PersonFactory(email="leder@example.no")).person
    former = MembershipFactory(organization=formannskapet, end_date=dt.date(2024, 1, 1),
                               person=PersonFactory(email="tidligere@example.no")).person
    private = PersonFactory(email="privat@example.no")
    people = {p["id"]: p for p in client.get("/api/people/").json()["results"]}
    assert people[member.pk]["email"] == "leder@example.no"
    assert people[former.pk]["email"] == "" and people[private.pk]["email"] == ""
    assert "phone" not in people[member.pk]
