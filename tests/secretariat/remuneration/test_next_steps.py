"""«Hva kan skje nå» and the engine's messages come from one rule: the claim workflow's preconditions. A step the rules
hold back is neither offered on the page nor named as a possible next step in a refusal, and the page says why."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command

from secretariat.remuneration.models import Claim
from workflows.engine import available_transitions, transitions_from

pytestmark = pytest.mark.django_db
BASE = "/intern/godtgjoring"


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def step(client, claim, name, comment=""):
    return client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": name, "comment": comment})


def test_a_paid_claim_offers_and_names_no_send_back(kommune, fagleder, client, tmp_path):
    k = kommune
    claim = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    client.force_login(k.kari.user)
    step(client, claim, "submit")
    client.force_login(fagleder)
    step(client, claim, "approve")
    claim.refresh_from_db()
    # Approved, not yet paid: «Send tilbake» is a real next step, in the page and in a refusal's message.
    assert [t.name for t in available_transitions(claim, fagleder)] == ["send_back"]
    assert 'value="send_back"' in client.get(f"{BASE}/krav/{claim.pk}/").content.decode()
    assert "Mulige neste steg: «Send tilbake»." in said(step(client, claim, "approve"))

    call_command("export_godtgjoring", month=f"{k.month:%Y-%m}", out=str(tmp_path / "lonn.csv"))
    claim.refresh_from_db()
    # Paid: the period is locked. Nothing is offered, and no message names «Send tilbake».
    assert available_transitions(claim, fagleder) == [] and transitions_from(claim) == []
    page = client.get(f"{BASE}/krav/{claim.pk}/").content.decode()
    assert 'value="send_back"' not in page
    assert f"<strong>Send tilbake</strong> er ikke mulig nå: Kravet er utbetalt i lønnseksporten for {k.month:%Y-%m}" \
        in page and "Registrer rettelse" in page
    refused = said(step(client, claim, "approve"))
    assert "Mulige neste steg: ingen." in refused and "Send tilbake" not in refused
    refused = said(step(client, claim, "send_back", "For sent"))
    assert f"utbetalt i lønnseksporten for {k.month:%Y-%m}, som er låst" in refused
    client.force_login(k.kari.user)
    refused = said(step(client, claim, "submit"))
    assert "Mulige neste steg: ingen." in refused and "Send tilbake" not in refused
    claim.refresh_from_db()
    assert claim.state == "godkjent"


def test_a_draft_without_lines_says_why_it_cannot_be_sent(kommune, fagleder, client):
    k = kommune
    k.table.meeting_rates.filter(organization=k.fsk).delete()  # formannskapet pays no møtegodtgjøring now
    call_command("fill_godtgjoring", month=f"{k.month:%Y-%m}")
    assert not Claim.objects.filter(person=k.kari, meeting=k.meeting_a).exists()  # the record's draft is gone
    client.force_login(k.kari.user)
    client.post(f"{BASE}/krav/ny/", {"meeting": k.meeting_a.pk})
    claim = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    page = client.get(f"{BASE}/krav/{claim.pk}/").content.decode()
    assert 'value="submit"' not in page
    assert "<strong>Send kravet</strong> er ikke mulig nå: Kravet har ingen linjer å betale." in page
    assert "Kravet har ingen linjer å betale" in said(step(client, claim, "submit"))
    client.post(f"{BASE}/krav/{claim.pk}/linje/", {"kind": "skyss", "km": "8", "description": "Neset–Rådhuset"})
    assert 'value="submit"' in client.get(f"{BASE}/krav/{claim.pk}/").content.decode()
    step(client, claim, "submit")
    claim.refresh_from_db()
    assert claim.state == "innsendt"
