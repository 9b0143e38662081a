"""The demo's story (README «Godtgjøring i demoen»): the member's November 2026 attendance is claim lines, she adds
tapt arbeidsinntekt and sends the claim, the fagleder approves, and `export_godtgjoring --month 2026-11` writes it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from secretariat.remuneration.models import Claim

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(timezone.now() < timezone.make_aware(dt.datetime(2026, 11, 26, 18)),
                    reason="the demo's November 2026 meetings are held only once they are past")
def test_the_demo_members_november_attendance_ends_in_the_payroll_csv(client, tmp_path):
    call_command("seed_demo")
    users = get_user_model().objects
    member, fagleder = users.get(username="folkevalgt"), users.get(username="fagleder")
    client.force_login(member)
    page = client.get("/intern/godtgjoring/").content.decode()
    # Both November meetings are drafts from her attendance (no click); the short one at the reduced rate.
    assert "Krav for Formannskapet 12.11.2026" not in page and "Krav for Formannskapet 26.11.2026" not in page
    short = Claim.objects.get(person=member.person, day=dt.date(2026, 11, 26))
    assert f'/krav/{short.pk}/">Formannskapet 26.11.2026</a>' in page
    assert [line.amount for line in short.lines.all()] == [600]
    claim = Claim.objects.get(person=member.person, day=dt.date(2026, 11, 12))
    # The safety net (which seeding also runs) makes no second draft.
    count = Claim.objects.count()
    call_command("fill_godtgjoring", month="2026-11")
    assert Claim.objects.count() == count
    detail = client.get(f"/intern/godtgjoring/krav/{claim.pk}/").content.decode().replace("\xa0", " ")
    assert "Møte i Formannskapet 12.11.2026" in detail and "1 200,00" in detail

    client.post(f"/intern/godtgjoring/krav/{claim.pk}/linje/", {
        "kind": "tapt_legitimert", "amount": "2100",
        "file": SimpleUploadedFile("attest.pdf", b"%PDF-1.4 attest", "application/pdf")})
    client.post(f"/intern/godtgjoring/krav/{claim.pk}/steg/", {"transition": "submit"})
    client.force_login(fagleder)
    client.post(f"/intern/godtgjoring/krav/{claim.pk}/steg/", {"transition": "approve"})
    claim.refresh_from_db()
    assert claim.state == "godkjent"

    out = tmp_path / "godtgjoring-2026-11.csv"
    call_command("export_godtgjoring", month="2026-11", out=str(out))
    lines = out.read_bytes().decode("utf-8").split("\r\n")
    name = member.person.name
    assert f"2026-11;1110;900101;{member.person.pk};{name};12.11.2026;Møte i Formannskapet 12.11.2026;1,00;1200,00;" \
           "1200,00" in lines
    assert f"2026-11;1120;900101;{member.person.pk};{name};12.11.2026;Formannskapet 12.11.2026;1,00;2100,00;" \
           "2100,00" in lines
