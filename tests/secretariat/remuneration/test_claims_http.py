"""The claim workflow through the pages, as the member (folkevalgt) and the fagleder, and every refusal: bad input
(each with a clear message and nothing saved), the wrong person, the wrong role and the wrong state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from secretariat.remuneration.models import Claim, ClaimLine, PayrollExport
from tests.factories import UserFactory
from workflows.models import AuditEntry

from .conftest import held_meeting

pytestmark = pytest.mark.django_db
BASE = "/intern/godtgjoring"


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def attestation(name="attest.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 attest", "application/pdf")


def test_the_member_claims_the_fagleder_sends_back_and_approves_and_exports(kommune, fagleder, client):
    k = kommune
    client.force_login(k.kari.user)
    # Marking the meeting held made her draft from the attendance: no click needed.
    claim = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    page = client.get(f"{BASE}/").content.decode()
    assert f'href="{BASE}/krav/{claim.pk}/">Formannskapet {k.meeting_a.start:%d.%m.%Y}</a>' in page
    assert f"Krav for Formannskapet {k.meeting_a.start:%d.%m.%Y}" not in page
    detail = client.get(f"{BASE}/krav/{claim.pk}/").content.decode()
    assert "Møtegodtgjøring (fra oppmøtet)" in detail and "1 200,00" in detail.replace("\xa0", " ")

    response = client.post(f"{BASE}/krav/{claim.pk}/linje/", {"kind": "tapt_legitimert", "amount": "2400",
                                                              "file": attestation()})
    assert response.status_code == 302
    response = client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": "submit", "expected_state": "utkast"})
    claim.refresh_from_db()
    assert claim.state == "innsendt" and not claim.late

    client.force_login(fagleder)
    assert k.kari.name in client.get(f"{BASE}/").content.decode()
    # Sending back needs a reason; without one nothing changes.
    response = client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": "send_back"})
    assert "Skriv hvorfor kravet sendes tilbake" in said(response)
    claim.refresh_from_db()
    assert claim.state == "innsendt"
    client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": "send_back", "comment": "Attesten mangler dato."})
    claim.refresh_from_db()
    assert claim.state == "returnert"

    client.force_login(k.kari.user)
    assert "Attesten mangler dato." in client.get(f"{BASE}/krav/{claim.pk}/").content.decode()
    client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": "submit"})
    # She cannot approve her own claim.
    response = client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": "approve"})
    assert "Du har ikke tilgang til å ta steget «Godkjenn kravet»" in said(response)

    client.force_login(fagleder)
    client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": "approve", "comment": "OK"})
    claim.refresh_from_db()
    assert claim.state == "godkjent"
    trail = list(AuditEntry.for_object(claim).values_list("action", flat=True))
    assert trail == ["krav_opprettet", "kravlinje_lagt_til", "submit", "send_back", "submit", "approve"]

    # The export from the staff page, and its download.
    response = client.post(f"{BASE}/eksport/", {"month": f"{k.month:%Y-%m}"})
    export = PayrollExport.objects.get()
    assert "er eksportert" in said(response)
    csv = client.get(f"{BASE}/eksport/{export.pk}/").content.decode("utf-8-sig")
    assert f";1120;10001;{k.kari.pk};Kari Medlem;{k.meeting_a.start:%d.%m.%Y};" in csv
    # The locked period: a clear message and no second export.
    response = client.post(f"{BASE}/eksport/", {"month": f"{k.month:%Y-%m}"})
    assert "allerede eksportert og er låst. Rettelser registreres på kravet og utbetales i neste periode." in said(response)
    assert PayrollExport.objects.count() == 1
    response = client.post(f"{BASE}/eksport/", {"month": "2026-13"})
    assert "ÅÅÅÅ-MM" in said(response)


def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(kommune, client):
    k = kommune
    client.force_login(k.vera.user)
    # Vera did not attend meeting A.
    response = client.post(f"{BASE}/krav/ny/", {"meeting": k.meeting_a.pk})
    assert "Du er ikke registrert som møtt i Formannskapet" in said(response)
    assert not Claim.objects.filter(person=k.vera, meeting=k.meeting_a).exists()

    client.force_login(k.kari.user)
    claim = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    # Two claims for the same meeting.
    response = client.post(f"{BASE}/krav/ny/", {"meeting": k.meeting_a.pk})
    assert "Du har allerede et krav for dette møtet" in said(response)
    assert Claim.objects.filter(meeting=k.meeting_a).count() == 1

    url = f"{BASE}/krav/{claim.pk}/linje/"
    lines = claim.lines.count()
    refused = [
        ({"kind": "skyss", "km": "250", "description": "Hjemme–Rådhuset"}, "høyst 200 km"),
        ({"kind": "tapt_legitimert", "amount": "3500", "file": attestation()}, "høyst 3 000,00 kr"),
        ({"kind": "tapt_legitimert", "amount": "1000"}, "Legg ved attest fra arbeidsgiver"),
        ({"kind": "utlegg", "amount": "2000", "description": "Hotell", "file": attestation("kvittering.pdf")},
         "Utlegg over 1 500,00 kr"),
        ({"kind": "utlegg", "amount": "200", "description": "Parkering",
          "file": SimpleUploadedFile("k.exe", b"MZ", "application/octet-stream")}, "Filtypen er ikke tillatt"),
        ({"kind": "skyss", "km": "-3", "description": "x"}, "større enn eller lik 1"),
        ({"kind": "mote", "amount": "9999"}, "Velg tapt arbeidsinntekt, skyss eller utlegg"),
    ]
    for data, message in refused:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in response.content.decode().replace("\xa0", " "), (data, message)
        assert claim.lines.count() == lines
    # Above a cap with a reason: saved, and the reason is shown to the one who checks.
    client.post(url, {"kind": "skyss", "km": "250", "description": "Hytta–Rådhuset", "reason": "Bor på hytta i vinter"})
    assert claim.lines.get(kind="skyss").amount == 1325  # 250 km × 5,30
    # Tapt arbeidsinntekt: one per day, across claims: a second meeting the same day gets none.
    client.post(url, {"kind": "tapt_ulegitimert"})
    assert claim.lines.filter(kind="tapt_ulegitimert").count() == 1
    response = client.post(url, {"kind": "tapt_legitimert", "amount": "100", "file": attestation()})
    assert "allerede tapt arbeidsinntekt" in response.content.decode()
    # The automatic line cannot be removed.
    auto = claim.lines.get(automatic=True)
    response = client.post(f"{BASE}/krav/{claim.pk}/fjern-linje/", {"line": auto.pk})
    assert "kommer fra oppmøtet" in said(response)
    assert ClaimLine.objects.filter(pk=auto.pk).exists()


def test_other_people_wrong_roles_and_wrong_states_are_refused(kommune, fagleder, saksbehandler, client):
    k = kommune
    client.force_login(k.kari.user)
    claim = Claim.objects.get(person=k.kari, meeting=k.meeting_b)
    client.post(f"{BASE}/krav/{claim.pk}/linje/", {"kind": "tapt_ulegitimert"})
    line = claim.lines.get(kind="tapt_ulegitimert")

    # Another member: the claim does not exist for her, on every route.
    client.force_login(k.vera.user)
    for method, path, data in [("get", f"/krav/{claim.pk}/", None), ("post", f"/krav/{claim.pk}/linje/",
                                                                      {"kind": "tapt_ulegitimert"}),
                               ("post", f"/krav/{claim.pk}/fjern-linje/", {"line": line.pk}),
                               ("post", f"/krav/{claim.pk}/steg/", {"transition": "submit"}),
                               ("get", f"/arsoppgave/{k.kari.pk}/2026/", None),
                               ("get", f"/krav/{claim.pk}/vedlegg/{line.pk}/", None)]:
        response = getattr(client, method)(BASE + path, data) if data else getattr(client, method)(BASE + path)
        assert response.status_code == 404, path
    claim.refresh_from_db()
    assert claim.state == "utkast" and claim.lines.count() == 2

    # A saksbehandler has no business here; the fagleder may not write the member's lines.
    client.force_login(saksbehandler)
    assert client.get(f"{BASE}/").status_code == 403
    assert client.post(f"{BASE}/eksport/", {"month": f"{k.month:%Y-%m}"}).status_code == 403
    client.force_login(fagleder)
    assert client.post(f"{BASE}/krav/{claim.pk}/linje/", {"kind": "tapt_ulegitimert"}).status_code == 403
    assert client.post(f"{BASE}/krav/ny/", {"meeting": k.meeting_a.pk}).status_code == 403
    # The fagleder cannot approve a draft.
    response = client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": "approve"})
    assert "Kan ikke «Godkjenn kravet» når" in said(response)

    # Sent: the member can no longer change it.
    client.force_login(k.kari.user)
    client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": "submit"})
    response = client.post(f"{BASE}/krav/{claim.pk}/linje/", {"kind": "skyss", "km": "10", "description": "x"})
    assert response.status_code == 400 and "kan ikke endres" in response.content.decode()
    response = client.post(f"{BASE}/krav/{claim.pk}/fjern-linje/", {"line": line.pk})
    assert "kan ikke endres" in said(response)
    assert claim.lines.count() == 2


def test_a_claim_follows_a_corrected_attendance(kommune, fagleder, client):
    from secretariat.meetings.models import Attendance
    from secretariat.meetings.services import attendance_remove

    k = kommune
    client.force_login(k.kari.user)
    claim = Claim.objects.get(person=k.kari, meeting=k.meeting_c)
    client.post(f"{BASE}/krav/{claim.pk}/linje/", {"kind": "tapt_ulegitimert"})
    sent = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    client.post(f"{BASE}/krav/{sent.pk}/steg/", {"transition": "submit"})
    for meeting in (k.meeting_c, k.meeting_a):
        attendance_remove(actor=fagleder, attendance=Attendance.objects.get(meeting=meeting, membership__person=k.kari),
                          reason="Feilregistrert")
    # The draft lost its møtegodtgjøring (her own line stays), and cannot be sent.
    assert [line.kind for line in claim.lines.all()] == ["tapt_ulegitimert"]
    response = client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": "submit"})
    assert "ikke lenger registrert som møtt" in said(response)
    claim.refresh_from_db()
    assert claim.state == "utkast"
    # The sent claim is not touched; the fagleder cannot approve it.
    assert sent.lines.filter(automatic=True).exists()
    client.force_login(fagleder)
    response = client.post(f"{BASE}/krav/{sent.pk}/steg/", {"transition": "approve"})
    assert "ikke lenger registrert som møtt" in said(response)
    sent.refresh_from_db()
    assert sent.state == "innsendt"


def test_a_claim_after_the_forskrifts_deadline_is_flagged(kommune, fagleder, client):
    k = kommune
    old = held_meeting(fagleder, k.fsk, timezone.localdate() - dt.timedelta(days=120), 3)
    client.force_login(k.kari.user)
    claim = Claim.objects.get(meeting=old)
    client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": "submit"})
    claim.refresh_from_db()
    assert claim.state == "innsendt" and claim.late
    client.force_login(fagleder)
    assert "Etter fristen" in client.get(f"{BASE}/").content.decode()


def test_the_public_list_of_fast_godtgjoring_is_there_only_when_published(kommune, client):
    assert client.get("/innsyn/godtgjoring/").status_code == 404
    kommune.table.publish_fixed_rates = True
    kommune.table.save()
    page = client.get("/innsyn/godtgjoring/").content.decode().replace("\xa0", " ")
    assert "Ordfører" in page and "1 200 000,00" in page and "Medlem av organ" in page
    assert UserFactory  # the page needs no log-in
