"""A draft whose attendance was corrected away keeps the lines the member wrote, and can never be sent: the member
(or the secretariat) discards it, audited with what it held, its receipts removed. A draft the record would make
again, a sent claim, and another member's claim cannot be discarded."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from secretariat.meetings.models import Attendance
from secretariat.meetings.services import attendance_remove
from secretariat.remuneration.models import Claim, ClaimLine
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
BASE = "/intern/godtgjoring"


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_a_draft_the_record_no_longer_supports_is_discarded_by_its_member(kommune, fagleder, client,
                                                                          django_capture_on_commit_callbacks):
    k = kommune
    a = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    client.force_login(k.kari.user)
    client.post(f"{BASE}/krav/{a.pk}/linje/", {
        "kind": "utlegg", "amount": "120", "description": "Parkering",
        "file": SimpleUploadedFile("kvittering.pdf", b"%PDF-1.4 kvittering", "application/pdf")})
    receipt = a.lines.get(kind="utlegg").attachment.name
    assert default_storage.exists(receipt)
    # A draft the record supports is not discarded: the record would only make it again.
    response = client.post(f"{BASE}/krav/{a.pk}/forkast/", {"comment": ""})
    assert "bygger på at Kari Medlem er registrert som møtt" in said(response)
    assert Claim.objects.filter(pk=a.pk).exists()
    assert "Forkast kravet" not in client.get(f"{BASE}/krav/{a.pk}/").content.decode()

    # The secretariat corrects the protokoll: Kari was not there. Her line stays; the record's line goes.
    attendance_remove(actor=fagleder, attendance=Attendance.objects.get(meeting=k.meeting_a,
                                                                         membership__person=k.kari),
                      reason="Feilregistrert")
    a.refresh_from_db()
    assert list(a.lines.values_list("kind", flat=True)) == ["utlegg"]
    # It cannot be sent (the step is not offered, and refused), but it can be discarded.
    page = client.get(f"{BASE}/krav/{a.pk}/").content.decode()
    assert 'value="submit"' not in page and "ikke lenger registrert som møtt" in page and "Forkast kravet" in page
    assert "ikke lenger registrert som møtt" in said(client.post(f"{BASE}/krav/{a.pk}/steg/",
                                                                 {"transition": "submit"}))
    # Not by another member (the claim does not exist for her), nor by staff outside the secretariat.
    client.force_login(k.vera.user)
    assert client.post(f"{BASE}/krav/{a.pk}/forkast/", {}).status_code == 404
    assert Claim.objects.filter(pk=a.pk).exists()

    client.force_login(k.kari.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BASE}/krav/{a.pk}/forkast/", {"comment": "Jeg var ikke der."})
    assert response.status_code == 302 and "er forkastet" in said(response)
    assert not Claim.objects.filter(pk=a.pk).exists() and not ClaimLine.objects.filter(claim_id=a.pk).exists()
    entry = AuditEntry.objects.filter(object_id=a.pk, action="krav_slettet").last()
    assert entry.actor_name == "Kari Medlem" and entry.action_label == "Kravet er forkastet"
    assert entry.comment == "Jeg var ikke der." and entry.changes["linjer"] == ["Utlegg: 120,00 kr (Parkering)"]
    assert not default_storage.exists(receipt)
    # The meeting is no longer offered to her either: she is not recorded present.
    assert f"Krav for Formannskapet {k.meeting_a.start:%d.%m.%Y}" not in client.get(f"{BASE}/").content.decode()


def test_the_secretariat_discards_a_claim_sent_back_but_not_a_sent_one(kommune, fagleder, client):
    k = kommune
    c = Claim.objects.get(person=k.kari, meeting=k.meeting_c)
    client.force_login(k.kari.user)
    client.post(f"{BASE}/krav/{c.pk}/linje/", {"kind": "skyss", "km": "20", "description": "Neset–Rådhuset"})
    client.post(f"{BASE}/krav/{c.pk}/steg/", {"transition": "submit"})
    attendance_remove(actor=fagleder, attendance=Attendance.objects.get(meeting=k.meeting_c,
                                                                         membership__person=k.kari),
                      reason="Feilregistrert")
    client.force_login(fagleder)
    response = client.post(f"{BASE}/krav/{c.pk}/forkast/", {})
    assert "«Sendt til kontroll» og kan ikke forkastes" in said(response)
    client.post(f"{BASE}/krav/{c.pk}/steg/", {"transition": "send_back", "comment": "Du var ikke til stede."})
    c.refresh_from_db()
    assert c.state == "returnert" and list(c.lines.values_list("kind", flat=True)) == ["skyss"]
    response = client.post(f"{BASE}/krav/{c.pk}/forkast/", {"comment": "Oppmøtet er rettet."})
    assert "er forkastet" in said(response) and not Claim.objects.filter(pk=c.pk).exists()
    entry = AuditEntry.objects.filter(object_id=c.pk, action="krav_slettet").last()
    assert entry.actor_name == "Kari Nordvik" and entry.changes["status"] == "Sendt tilbake"
