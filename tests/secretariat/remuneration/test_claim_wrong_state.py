"""A claim in the wrong state, through the pages: nothing changes after approval or export, nobody approves her own
claim (nor one made for her person before her account was linked), a step taken twice is refused, a claim goes back
only with a reason, and a record corrected after the approval stops the payment: the claim is sent back, the export
refuses until it is. Every refusal leaves the claim, its lines and its audit trail as they were."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from secretariat.accounts.roles import Role
from secretariat.meetings.models import Attendance
from secretariat.meetings.services import attendance_remove
from secretariat.remuneration.models import Claim, PayrollExport
from tests.factories import UserFactory
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
BASE = "/intern/godtgjoring"


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def trail(claim) -> list[str]:
    return list(AuditEntry.for_object(claim).values_list("action", flat=True))


def snapshot(claim) -> tuple:
    claim.refresh_from_db()
    return claim.state, sorted(claim.lines.values_list("kind", "amount", "export_id")), trail(claim)


def step(client, claim, name, comment=""):
    return client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": name, "comment": comment})


def test_an_approved_and_then_an_exported_claim_cannot_be_changed_by_anyone(kommune, fagleder, client):
    k = kommune
    claim = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    client.force_login(k.kari.user)
    client.post(f"{BASE}/krav/{claim.pk}/linje/", {"kind": "skyss", "km": "10", "description": "Neset–Rådhuset"})
    step(client, claim, "submit")
    client.force_login(fagleder)
    step(client, claim, "approve", "OK")
    claim.refresh_from_db()
    assert claim.state == "godkjent"
    travel = claim.lines.get(kind="skyss")

    def every_change_refused(paid: bool):
        before = snapshot(claim)
        client.force_login(k.kari.user)
        response = client.post(f"{BASE}/krav/{claim.pk}/linje/", {"kind": "tapt_ulegitimert"})
        assert response.status_code == 400 and "«Godkjent» og kan ikke endres" in response.content.decode()
        assert "kan ikke endres" in said(client.post(f"{BASE}/krav/{claim.pk}/fjern-linje/", {"line": travel.pk}))
        assert "Kan ikke «Send kravet»" in said(step(client, claim, "submit"))
        client.force_login(fagleder)
        assert "Kan ikke «Godkjenn kravet»" in said(step(client, claim, "approve"))  # approve twice
        if paid:
            page = client.get(f"{BASE}/krav/{claim.pk}/").content.decode()
            assert 'value="send_back"' not in page and f"Betalt i {k.month:%Y-%m}" in page
            assert "utbetalt i lønnseksporten for" in said(step(client, claim, "send_back", "For sent"))
        assert snapshot(claim) == before

    every_change_refused(paid=False)
    client.force_login(fagleder)
    client.post(f"{BASE}/eksport/", {"month": f"{k.month:%Y-%m}"})
    assert PayrollExport.objects.count() == 1
    every_change_refused(paid=True)


def test_nobody_approves_her_own_claim_and_a_return_needs_a_reason(kommune, fagleder, client):
    k = kommune
    # A fagleder who is also a folkevalgt: Kari's account gets the secretariat's role as well.
    k.kari.user.groups.add(*fagleder.groups.all())
    claim = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    client.force_login(k.kari.user)
    step(client, claim, "submit")
    before = snapshot(claim)
    assert "Du kan ikke godkjenne ditt eget krav." in said(step(client, claim, "approve"))
    assert snapshot(claim) == before

    # Vera's claim was made for her person; her account was then replaced by a new one that is also a fagleder: the
    # claim is still her own.
    vera_claim = Claim.objects.get(person=k.vera, meeting=k.meeting_b)
    client.force_login(k.vera.user)
    step(client, vera_claim, "submit")
    new_account = UserFactory(username="vera2", role=Role.FAGLEDER)
    k.vera.user = new_account
    k.vera.save()
    client.force_login(new_account)
    before = snapshot(vera_claim)
    assert "Du kan ikke godkjenne ditt eget krav." in said(step(client, vera_claim, "approve"))
    assert snapshot(vera_claim) == before

    # Sending back without a reason (or with only spaces) is refused; nothing changes.
    client.force_login(fagleder)
    for comment in ("", "   \n  "):
        assert "Skriv hvorfor kravet sendes tilbake" in said(step(client, claim, "send_back", comment))
    assert snapshot(claim)[0] == "innsendt" and trail(claim)[-1] == "submit"
    # Approved once; the second click is refused.
    step(client, claim, "approve")
    assert "Kan ikke «Godkjenn kravet»" in said(step(client, claim, "approve"))
    assert trail(claim).count("approve") == 1


def test_a_record_corrected_after_approval_stops_the_payment_until_the_claim_is_sent_back(kommune, fagleder, client,
                                                                                          tmp_path):
    from django.core.management import CommandError, call_command

    k = kommune
    claim = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    client.force_login(k.kari.user)
    step(client, claim, "submit")
    client.force_login(fagleder)
    step(client, claim, "approve")
    # The protokoll is not approved yet: the secretariat finds that Kari left before the meeting began.
    attendance_remove(actor=fagleder, attendance=Attendance.objects.get(meeting=k.meeting_a, membership__person=k.kari),
                      reason="Feilregistrert")
    claim.refresh_from_db()
    assert claim.state == "godkjent" and claim.lines.filter(automatic=True).exists()  # an approved claim is not touched
    page = client.get(f"{BASE}/krav/{claim.pk}/").content.decode()
    assert "ikke lenger registrert som møtt" in page and "lønnseksporten stopper" in page

    # The export refuses, names the claim and says what to do; no export, no file, nothing locked.
    response = client.post(f"{BASE}/eksport/", {"month": f"{k.month:%Y-%m}"})
    assert (f"Kari Medlem: Formannskapet {k.meeting_a.start:%d.%m.%Y} (ikke lenger registrert som møtt). Send "
            "kravene tilbake") in said(response)
    out = tmp_path / "lonn.csv"
    with pytest.raises(CommandError, match="Disse godkjente kravene stemmer ikke lenger med protokollen"):
        call_command("export_godtgjoring", month=f"{k.month:%Y-%m}", out=str(out))
    assert not PayrollExport.objects.exists() and not out.exists()

    # The approved claim goes back (with a reason); the export then pays everything else.
    assert "Send tilbake" in page
    step(client, claim, "send_back", "Du var ikke til stede etter protokollen.")
    claim.refresh_from_db()
    assert claim.state == "returnert" and trail(claim)[-1] == "send_back"
    call_command("export_godtgjoring", month=f"{k.month:%Y-%m}", out=str(out))
    assert f"Møte i Formannskapet {k.meeting_a.start:%d.%m.%Y}" not in out.read_text(encoding="utf-8")
    assert not claim.lines.filter(export__isnull=False).exists()
    # The member sees why, and cannot send it again while the record says she was not there.
    client.force_login(k.kari.user)
    assert "Du var ikke til stede etter protokollen." in client.get(f"{BASE}/krav/{claim.pk}/").content.decode()
    assert "ikke lenger registrert som møtt" in said(step(client, claim, "submit"))


def test_other_peoples_occasions_and_lines_are_out_of_reach(kommune, fagleder, client):
    """IDOR: ids changed in the URL and in the form fields."""
    from secretariat.training.models import Audience, Course, TrainingSession
    from secretariat.training.services import attendance_set

    k = kommune
    kari_a = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    client.force_login(k.kari.user)
    client.post(f"{BASE}/krav/{kari_a.pk}/linje/", {
        "kind": "utlegg", "amount": "120", "description": "Parkering",
        "file": SimpleUploadedFile("kvittering.pdf", b"%PDF-1.4 kvittering", "application/pdf")})
    receipt = kari_a.lines.get(kind="utlegg")

    vera_b = Claim.objects.get(person=k.vera, meeting=k.meeting_b)
    client.force_login(k.vera.user)
    # Kari's meeting (A: Vera was not there) and Kari's meeting C (another body): no claim for Vera.
    for meeting in (k.meeting_a, k.meeting_c):
        assert "Du er ikke registrert som møtt" in said(client.post(f"{BASE}/krav/ny/", {"meeting": meeting.pk}))
    # A course day of another body that Kari attended.
    course = Course.objects.create(term=k.term, title="Kommunestyret: økonomi", audience=Audience.BODY,
                                   organization=k.ks)
    start = k.meeting_c.start.replace(hour=9)
    session = TrainingSession.objects.create(course=course, start=start, end=start.replace(hour=12),
                                             location="Salen")
    attendance_set(actor=fagleder, session=session, persons=[k.kari])
    assert "ikke registrert som møtt på denne opplæringen" in said(
        client.post(f"{BASE}/krav/ny/", {"session": session.pk}))
    # Nonsense ids: a message, not a 500.
    for data in ({"meeting": "999999"}, {"meeting": "abc"}, {"session": "-1"}, {"meeting": k.meeting_b.pk,
                                                                                  "session": session.pk}):
        response = client.post(f"{BASE}/krav/ny/", data)
        assert response.status_code == 302 and said(response), data
    assert set(Claim.objects.filter(person=k.vera).values_list("pk", flat=True)) == {vera_b.pk}

    # Kari's line through Vera's own claim: not found, and not removed.
    assert client.get(f"{BASE}/krav/{vera_b.pk}/vedlegg/{receipt.pk}/").status_code == 404
    client.post(f"{BASE}/krav/{vera_b.pk}/fjern-linje/", {"line": receipt.pk})
    assert kari_a.lines.filter(pk=receipt.pk).exists()
    # Kari's årsoppgave, her claim, her receipt: 404 for Vera, as for the staff outside the secretariat.
    assert client.get(f"{BASE}/arsoppgave/{k.kari.pk}/{k.month.year}/").status_code == 404
    assert client.get(f"{BASE}/krav/{kari_a.pk}/vedlegg/{receipt.pk}/").status_code == 404
    for role in (Role.SAKSBEHANDLER, Role.KOMMUNEDIREKTOR):
        client.force_login(UserFactory(role=role))
        assert client.get(f"{BASE}/").status_code == 403
        assert client.get(f"{BASE}/krav/{kari_a.pk}/").status_code == 404
        assert client.get(f"{BASE}/arsoppgave/{k.kari.pk}/{k.month.year}/").status_code == 404
        assert client.post(f"{BASE}/eksport/", {"month": f"{k.month:%Y-%m}"}).status_code == 403
    # The secretariat reads the receipt; the file is Kari's.
    client.force_login(fagleder)
    response = client.get(f"{BASE}/krav/{kari_a.pk}/vedlegg/{receipt.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 kvittering"
