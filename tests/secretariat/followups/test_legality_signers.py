"""Issue 13: a demand for lovlighetskontroll «signed» by Donald Duck was registered, and a demand paused the
follow-up by itself. Under koml. § 27-1 it takes three or more members of kommunestyret, within three weeks; a
demand has no suspensive effect, and postponing implementation is the body's own recorded decision (fvl. § 42)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from secretariat.followups.legality import legality_review_deadline, legality_signer_choices
from secretariat.followups.models import LegalityReviewDemand
from secretariat.followups.services import legality_demand_register
from workflows.actions import AuditAction
from workflows.errors import GuardFailed
from workflows.models import AuditEntry


def _errors(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


def test_only_regular_members_of_kommunestyret_on_the_day_are_offered(ks):
    offered = set(legality_signer_choices())
    assert offered == {ks.per, ks.kari, ks.ali, ks.eva}


def test_the_staff_page_refuses_a_demand_signed_by_donald_duck(client, fagleder, decision, ks):
    client.force_login(fagleder)
    response = client.post(reverse("followups:legality_register", args=[decision.pk]),
                           {"signers": [ks.per.pk, ks.kari.pk, ks.donald.pk]}, follow=True)
    errors = _errors(response)
    assert errors and "Donald Duck var ikke medlem av kommunestyret" in errors[0] and "koml. § 27-1" in errors[0]
    assert not LegalityReviewDemand.objects.exists()


def test_the_staff_page_offers_the_members_and_registers_the_signers(client, fagleder, decision, ks):
    client.force_login(fagleder)
    page = client.get(reverse("followups:decision", args=[decision.pk])).content.decode()
    assert "Kari Olsen" in page and "Donald Duck" not in page and "Vera Vik" not in page
    response = client.post(reverse("followups:legality_register", args=[decision.pk]),
                           {"signers": [ks.per.pk, ks.kari.pk, ks.eva.pk], "note": "Feil hjemmel."}, follow=True)
    assert not _errors(response)
    demand = LegalityReviewDemand.objects.get()
    assert set(demand.signers.all()) == {ks.per, ks.kari, ks.eva}
    page = response.content.decode()
    assert "Eva Berg, Kari Olsen, Per Hansen" in page and "iverksettingen er ikke utsatt" in page


def test_a_substitute_does_not_count_as_a_member(decision, fagleder, ks):
    with pytest.raises(GuardFailed, match="Vera Vik var ikke medlem av kommunestyret") as exc:
        legality_demand_register(actor=fagleder, decision=decision, signers=[ks.per, ks.kari, ks.vara])
    assert "varamedlemmer teller ikke" in exc.value.message
    assert not LegalityReviewDemand.objects.exists()


def test_a_member_who_had_left_on_the_day_does_not_count(decision, fagleder, ks):
    with pytest.raises(GuardFailed, match="Gammel Medlem var ikke medlem"):
        legality_demand_register(actor=fagleder, decision=decision, signers=[ks.per, ks.kari, ks.left])


def test_the_same_member_twice_is_not_three(decision, fagleder, ks):
    with pytest.raises(GuardFailed, match="minst tre"):
        legality_demand_register(actor=fagleder, decision=decision, signers=[ks.per, ks.kari, ks.kari])


def test_the_api_refuses_a_stranger_an_unknown_id_and_a_date_outside_the_three_weeks(client, fagleder, decision,
                                                                                     ks):
    client.force_login(fagleder)

    def post(**data):
        return client.post("/api/legality-demands/", {"decision": decision.pk, **data},
                           content_type="application/json")

    r = post(signers=[ks.per.pk, ks.kari.pk, ks.donald.pk])
    assert r.status_code == 400 and "Donald Duck" in r.json()["errors"]["signers"][0]
    r = post(signers=[ks.per.pk, ks.kari.pk, 999999])
    assert r.status_code == 400 and "signers" in r.json()["errors"]
    r = post(signers="Donald Duck")
    assert r.status_code == 400 and "signers" in r.json()["errors"]
    late = legality_review_deadline(decision) + dt.timedelta(days=1)
    if late <= timezone.localdate():
        r = post(signers=[ks.per.pk, ks.kari.pk, ks.ali.pk], received_on=late.isoformat())
        assert r.status_code == 400 and "Fristen" in r.json()["detail"]
    before = timezone.localtime(decision.decided_at).date() - dt.timedelta(days=1)
    r = post(signers=[ks.per.pk, ks.kari.pk, ks.ali.pk], received_on=before.isoformat())
    assert r.status_code == 400 and "før vedtaket ble truffet" in r.json()["detail"]
    r = post(signers=[ks.per.pk, ks.kari.pk, ks.ali.pk],
             received_on=(timezone.localdate() + dt.timedelta(days=2)).isoformat())
    assert r.status_code == 400 and "registered_at" in r.json()["errors"]
    assert not LegalityReviewDemand.objects.exists()


@pytest.fixture
def demand(decision, fagleder, ks):
    return legality_demand_register(actor=fagleder, decision=decision, signers=[ks.per, ks.kari, ks.ali])


def test_postponing_implementation_is_its_own_audited_step_over_the_api(client, fagleder, demand, followup):
    client.force_login(fagleder)
    assert client.get(f"/api/followups/{followup.pk}/").json()["paused"] is False
    today = timezone.localdate()
    r = client.post(f"/api/legality-demands/{demand.pk}/postpone/",
                    {"decided_by": "Kommunestyret, sak PS 14/26", "decided_on": today.isoformat()},
                    content_type="application/json")
    assert r.status_code == 200, r.json()
    assert r.json()["postponed"] is True and r.json()["postponed_by"] == "Kommunestyret, sak PS 14/26"
    assert client.get(f"/api/followups/{followup.pk}/").json()["paused"] is True
    entry = AuditEntry.for_object(followup).get(action=AuditAction.LEGALITY_POSTPONED)
    assert entry.actor == fagleder and "Kommunestyret, sak PS 14/26" in entry.comment
    assert entry.changes["besluttet"] == f"{today:%d.%m.%Y}"
    case = demand.decision.consultation.case
    assert AuditEntry.for_object(case).filter(action=AuditAction.LEGALITY_POSTPONED).count() == 1
    again = client.post(f"/api/legality-demands/{demand.pk}/postpone/",
                        {"decided_by": "Ordføreren", "decided_on": today.isoformat()}, content_type="application/json")
    assert again.status_code == 400
    demand.refresh_from_db()
    assert demand.postponed_by == "Kommunestyret, sak PS 14/26"


def test_postponing_refuses_bad_input_and_the_wrong_role(client, fagleder, saksbehandler, demand):
    url = f"/api/legality-demands/{demand.pk}/postpone/"
    client.force_login(saksbehandler)
    r = client.post(url, {"decided_by": "Kommunestyret", "decided_on": timezone.localdate().isoformat()},
                    content_type="application/json")
    assert r.status_code == 403
    client.force_login(fagleder)
    r = client.post(url, {"decided_by": "", "decided_on": timezone.localdate().isoformat()},
                    content_type="application/json")
    assert r.status_code == 400 and "decided_by" in r.json()["errors"]
    r = client.post(url, {"decided_by": "Kommunestyret", "decided_on": "i morgen"}, content_type="application/json")
    assert r.status_code == 400 and "decided_on" in r.json()["errors"]
    future = timezone.localdate() + dt.timedelta(days=3)
    r = client.post(url, {"decided_by": "Kommunestyret", "decided_on": future.isoformat()},
                    content_type="application/json")
    assert r.status_code == 400 and "decided_on" in r.json()["errors"]
    demand.refresh_from_db()
    assert demand.postponed_on is None


def test_the_staff_page_records_a_postponement_and_refuses_others(client, fagleder, saksbehandler, demand, followup):
    url = reverse("followups:legality_postpone", args=[demand.pk])
    client.force_login(saksbehandler)
    assert client.post(url, {"decided_by": "Kommunestyret",
                             "decided_on": timezone.localdate().isoformat()}).status_code == 403
    client.force_login(fagleder)
    response = client.post(url, {"decided_by": "", "decided_on": ""}, follow=True)
    assert _errors(response)
    demand.refresh_from_db()
    assert demand.postponed_on is None
    response = client.post(url, {"decided_by": "Ordføreren (koml. § 11-8)",
                                 "decided_on": timezone.localdate().isoformat()}, follow=True)
    assert not _errors(response)
    assert "Ordføreren (koml. § 11-8) besluttet" in response.content.decode()
    page = client.get(reverse("followups:detail", args=[followup.pk])).content.decode()
    assert "I bero: iverksettingen er utsatt" in page
