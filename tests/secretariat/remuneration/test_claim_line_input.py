"""What a member types into a claim line, through the page: amounts as Norwegians write them (decimal comma, spaces
between thousands) are read to the øre; ambiguous, negative, huge or non-numeric ones are refused with a Norwegian
message and nothing saved; text is shown as text; a receipt must be a document of allowed size; and tapt
arbeidsinntekt keeps its daily rule across the person's claims for the same day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from secretariat.remuneration.models import Claim, ClaimLine
from secretariat.training.models import Audience, Course, TrainingSession
from secretariat.training.services import attendance_set
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
BASE = "/intern/godtgjoring"


def pdf(name="kvittering.pdf", content=b"%PDF-1.4 kvittering"):
    return SimpleUploadedFile(name, content, "application/pdf")


def text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def test_an_amount_is_read_as_a_norwegian_writes_it(kommune, client):
    k = kommune
    claim = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    client.force_login(k.kari.user)
    for typed, stored, shown in [("1250,50", "1250.50", "1 250,50"), ("1250.50", "1250.50", "1 250,50"),
                                 ("1 250,5", "1250.50", "1 250,50"), ("1\xa0250,05", "1250.05", "1 250,05"),
                                 (" 99 ", "99.00", "99,00"), ("0,01", "0.01", "0,01")]:
        response = client.post(f"{BASE}/krav/{claim.pk}/linje/", {"kind": "utlegg", "amount": typed,
                                                                  "description": "Parkering", "file": pdf()})
        assert response.status_code == 302, (typed, text(response)[-2000:])
        line = claim.lines.filter(kind="utlegg").latest("pk")
        assert (line.amount, line.rate, line.quantity) == (Decimal(stored), Decimal(stored), Decimal(1))
        assert f"<td>{shown}</td>" in text(client.get(f"{BASE}/krav/{claim.pk}/")), typed


def test_wrong_amounts_and_texts_are_refused_and_nothing_is_saved(kommune, client, settings):
    k = kommune
    claim = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    client.force_login(k.kari.user)
    url = f"{BASE}/krav/{claim.pk}/linje/"
    lines, trail = claim.lines.count(), AuditEntry.for_object(claim).count()
    settings.SAKSGANG_ATTACHMENT_MAX_BYTES = 1024 * 1024
    refused = [
        ({"amount": "1.250,50"}, "med desimalkomma og uten tusenskille"),
        ({"amount": "1,250.50"}, "med desimalkomma og uten tusenskille"),
        ({"amount": "abc"}, "Skriv beløpet som et tall i kroner"),
        ({"amount": "12 kr"}, "Skriv beløpet som et tall i kroner"),
        ({"amount": "NaN"}, "Skriv beløpet som et tall i kroner"),
        ({"amount": "Infinity"}, "Skriv beløpet som et tall i kroner"),
        ({"amount": "-5"}, "Beløpet må være større enn 0."),
        ({"amount": "0"}, "Beløpet må være større enn 0."),
        ({"amount": "1000000,01"}, "høyst 1 000 000 kr"),
        ({"amount": "9" * 40}, "Beløpet"),
        ({"amount": "12,345"}, "høyst to desimaler"),
        ({"amount": ""}, "Oppgi utlegget i kroner."),
        ({"amount": "100", "description": "   "}, "Skriv hva utlegget gjaldt."),
        ({"amount": "100", "description": "x" * 251}, "251"),
        ({"amount": "100", "description": "Nul\x00byte"}, "kontrolltegn"),
        ({"amount": "100", "file": SimpleUploadedFile("k.html", b"<script>", "text/html")}, "Filtypen er ikke tillatt"),
        ({"amount": "100", "file": SimpleUploadedFile("k.exe", b"MZ", "application/x-msdownload")},
         "Filtypen er ikke tillatt"),
        ({"amount": "100", "file": pdf(content=b"%PDF" + b"0" * 1024 * 1024)}, "grensen er 1 MB"),
        ({"amount": "100", "file": SimpleUploadedFile("tom.pdf", b"", "application/pdf")}, "tom"),
        ({"amount": "100", "file": ""}, "Legg ved kvittering"),
    ]
    for data, message in refused:
        post = {"kind": "utlegg", "description": "Parkering", "file": pdf(), **data}
        if post["file"] == "":
            del post["file"]
        response = client.post(url, post)
        assert response.status_code == 400, data
        assert message in text(response), (data, message)
    for data, message in [({"kind": "skyss", "km": "12,5", "description": "A–B"}, "heltall"),
                          ({"kind": "skyss", "km": "0", "description": "A–B"}, "større enn eller lik 1"),
                          ({"kind": "skyss", "km": "100001", "description": "A–B"}, "mindre enn eller lik 100000"),
                          ({"kind": "skyss", "km": "", "description": "A–B"}, "Oppgi antall kilometer."),
                          ({"kind": "skyss", "km": "12"}, "Skriv hvor du reiste fra og til."),
                          ({"kind": "tapt_legitimert", "amount": "500"}, "Legg ved attest fra arbeidsgiver"),
                          ({"kind": "fast"}, "Velg tapt arbeidsinntekt, skyss eller utlegg."),
                          ({}, "Dette feltet er påkrevd.")]:
        response = client.post(url, data)
        assert response.status_code == 400 and message in text(response), (data, message)
    assert claim.lines.count() == lines and AuditEntry.for_object(claim).count() == trail
    assert not ClaimLine.objects.exclude(attachment="").exists()

    # HTML and script in the texts are stored as typed and shown as text.
    script = "<script>alert('x')</script>"
    client.post(url, {"kind": "skyss", "km": "250", "description": script, "reason": f"<b>{script}</b>"})
    page = client.get(f"{BASE}/krav/{claim.pk}/").content.decode()
    assert script not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert claim.lines.get(kind="skyss").description == script


def test_tapt_arbeidsinntekt_keeps_its_daily_rule_across_claims(kommune, fagleder, client):
    k = kommune
    # A course day the same day as meeting A: two claims for one day.
    course = Course.objects.create(term=k.term, title="Økonomi", audience=Audience.BODY, organization=k.fsk)
    start = k.meeting_a.start - dt.timedelta(hours=8)
    session = TrainingSession.objects.create(course=course, start=start, end=start + dt.timedelta(hours=3),
                                             location="Salen")
    attendance_set(actor=fagleder, session=session, persons=[k.kari])
    client.force_login(k.kari.user)
    client.post(f"{BASE}/krav/ny/", {"session": session.pk})
    training = Claim.objects.get(person=k.kari, training_session=session)
    meeting = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    assert training.day == meeting.day

    def add(claim, data):
        return client.post(f"{BASE}/krav/{claim.pk}/linje/", {**data, "file": pdf("attest.pdf")})

    # Non-legitimated loss for the course day: the meeting's claim may then have neither kind for that day.
    assert add(training, {"kind": "tapt_ulegitimert"}).status_code == 302
    response = add(meeting, {"kind": "tapt_legitimert", "amount": "1000"})
    assert response.status_code == 400
    assert "Legitimert og ulegitimert tap kan ikke kombineres for samme dag" in text(response)
    assert "allerede krevd tapt arbeidsinntekt" in text(add(meeting, {"kind": "tapt_ulegitimert"}))
    assert not meeting.lines.filter(kind__startswith="tapt").exists()

    # Legitimated loss instead: the daily cap (3 000 kr) is the sum over the day's claims.
    client.post(f"{BASE}/krav/{training.pk}/fjern-linje/", {"line": training.lines.get().pk})
    assert add(training, {"kind": "tapt_legitimert", "amount": "2000,00"}).status_code == 302
    response = add(meeting, {"kind": "tapt_legitimert", "amount": "1000,01"})
    assert response.status_code == 400
    assert "høyst 3 000,00 kr" in text(response) and "2 000,00 kr for dagen" in text(response)
    assert add(meeting, {"kind": "tapt_legitimert", "amount": "1000"}).status_code == 302
    assert sum(ClaimLine.objects.filter(claim__person=k.kari, claim__day=meeting.day, kind="tapt_legitimert")
               .values_list("amount", flat=True)) == Decimal("3000.00")
