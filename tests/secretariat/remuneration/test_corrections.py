"""Rettelser: after a month is exported nothing in it changes, and the secretariat puts a mistake right with a
correction on the paid claim (a deduction on a line, or a line the claim lacked), with its reason. The next export
pays it as a row of its own, dated as what it corrects; the årsoppgave counts it; the exported month's file, lines
and amounts stay as they were; every correction is audited on the claim. Wrong input is refused, nothing saved."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command

from secretariat.remuneration.models import Claim, ClaimLine, Correction, PayrollExport
from secretariat.remuneration.services import claim_transition
from tests.helpers import docx_paragraphs
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
BASE = "/intern/godtgjoring"


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def rows(content: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content), delimiter=";"))


def approve(claim, fagleder):
    claim_transition(claim=claim, name="submit", actor=claim.owner)
    claim.refresh_from_db()
    claim_transition(claim=claim, name="approve", actor=fagleder)


def test_a_correction_is_paid_in_the_next_period_and_the_paid_month_stays_as_it_was(kommune, fagleder, client,
                                                                                    tmp_path):
    k = kommune
    a = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    client.force_login(k.kari.user)
    client.post(f"{BASE}/krav/{a.pk}/linje/", {"kind": "skyss", "km": "10", "description": "Neset–Rådhuset"})
    approve(a, fagleder)
    out = tmp_path / "lonn.csv"
    call_command("export_godtgjoring", month=f"{k.month:%Y-%m}", out=str(out))
    paid = PayrollExport.objects.get()
    before = (paid.content, paid.total, sorted(a.lines.values_list("pk", "kind", "amount", "export_id")))
    meeting_line = a.lines.get(kind="mote")

    # Found afterwards: meeting A was a short one (600, not 1 200), and Kari's parking was never claimed.
    client.force_login(fagleder)
    page = client.get(f"{BASE}/krav/{a.pk}/").content.decode()
    assert "Registrer rettelse" in page and "rettes ved å sende det tilbake" not in page
    response = client.post(f"{BASE}/krav/{a.pk}/rettelse/", {
        "line": meeting_line.pk, "amount": "−600", "reason": "Møtet varte under to timer: kort møte, 600 kr."})
    assert response.status_code == 302 and "utbetales i neste lønnseksport" in said(response)
    client.post(f"{BASE}/krav/{a.pk}/rettelse/", {"line": "", "kind": "utlegg", "amount": "85,50",
                                                  "reason": "Parkering ved Rådhuset, kvittering levert på papir."})
    assert Correction.objects.count() == 2
    entries = AuditEntry.for_object(a).filter(action="utbetaling_rettet")
    assert [e.changes["beløp"] for e in entries] == ["-600.00", "85.50"] and entries[0].actor_name == "Kari Nordvik"
    page = client.get(f"{BASE}/krav/{a.pk}/").content.decode().replace("\xa0", " ")
    assert "Møtet varte under to timer" in page and "I neste lønnseksport" in page and "-600,00" in page
    assert "Rettelser til neste eksport" in client.get(f"{BASE}/").content.decode()

    # The exported month is untouched: its file, its sum, its lines.
    paid.refresh_from_db()
    assert (paid.content, paid.total, sorted(a.lines.values_list("pk", "kind", "amount", "export_id"))) == before

    # The next export pays both corrections, dated as the meeting, with the reason in the text.
    next_month = (k.month + dt.timedelta(days=32)).replace(day=1)
    out2 = tmp_path / "neste.csv"
    call_command("export_godtgjoring", month=f"{next_month:%Y-%m}", out=str(out2))
    table = rows(out2.read_bytes().decode("utf-8"))
    fixes = [r for r in table if r["tekst"].startswith("Rettelse")]
    day = f"{k.meeting_a.start:%d.%m.%Y}"
    assert [(r["lonnsart"], r["ansattnummer"], r["dato"], r["antall"], r["sats"], r["belop"]) for r in fixes] == [
        ("1110", "10001", day, "1,00", "-600,00", "-600,00"), ("7200", "10001", day, "1,00", "85,50", "85,50")]
    assert fixes[0]["tekst"] == (f"Rettelse av Møte i Formannskapet {day} (utbetalt {k.month:%Y-%m}): Møtet varte "
                                 "under to timer: kort møte, 600 kr.")
    assert fixes[1]["tekst"].startswith(f"Rettelse av krav Formannskapet {day} (utbetalt {k.month:%Y-%m}): Parkering")
    second = PayrollExport.objects.get(month=next_month)
    assert set(Correction.objects.values_list("export_id", flat=True)) == {second.pk}
    assert "Rettelser til neste eksport" not in client.get(f"{BASE}/").content.decode()  # paid: none pending

    # The årsoppgave of the year the corrections were paid counts them under their kinds, and in the sum.
    year = next_month.year
    same_year = year == k.month.year
    client.force_login(k.kari.user)
    text = docx_paragraphs(client.get(f"{BASE}/arsoppgave/{k.kari.pk}/{year}/").content)
    assert any(t.startswith(f"Rettelse av Møte i Formannskapet {day}") for t in text)
    # The totals table comes first: each kind's name, then its total.
    assert text[text.index("Møtegodtgjøring") + 1] == ("600,00" if same_year else "-600,00")
    assert text[text.index("Utlegg") + 1] == "85,50"
    # Fast godtgjøring 4 500 a month; A paid 1 200 + skyss 53 in the first month.
    total = Decimal("4500") - 600 + Decimal("85.50") + (Decimal("4500") + 1200 + 53 if same_year else 0)
    assert f"Sum utbetalt: {total:,.2f} kr".replace(",", " ").replace(".", ",") in text


def test_wrong_corrections_are_refused_and_nothing_is_saved(kommune, fagleder, client, tmp_path):
    k = kommune
    a = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    c = Claim.objects.get(person=k.kari, meeting=k.meeting_c)
    approve(a, fagleder)
    approve(c, fagleder)
    client.force_login(fagleder)
    # Not paid yet: corrected by sending it back, not by a correction.
    response = client.post(f"{BASE}/krav/{a.pk}/rettelse/", {"line": "", "kind": "utlegg", "amount": "10",
                                                             "reason": "x"})
    assert "er ikke utbetalt ennå" in said(response)
    call_command("export_godtgjoring", month=f"{k.month:%Y-%m}", out=str(tmp_path / "lonn.csv"))
    line = a.lines.get(kind="mote")
    other = c.lines.get(kind="mote")

    def refused(data, message, status=400):
        response = client.post(f"{BASE}/krav/{a.pk}/rettelse/", data)
        assert response.status_code == status, data
        body = response.content.decode().replace("\xa0", " ") if status == 400 else said(response)
        assert message in body, (data, message)

    refused({"line": line.pk, "amount": "-100", "reason": "  "}, "Skriv grunnen til rettelsen")
    refused({"line": line.pk, "amount": "0", "reason": "Feil"}, "Oppgi beløpet som skal rettes")
    refused({"line": line.pk, "amount": "1.250,50", "reason": "Feil"}, "desimalkomma")
    refused({"line": line.pk, "amount": "-1200,01", "reason": "Feil"},
            "Rettelsen kan ikke trekke mer enn det som er utbetalt for dette (1 200,00 kr")
    refused({"line": other.pk, "amount": "-100", "reason": "Feil krav"}, "Velg en utbetalt linje i kravet")
    refused({"line": "", "kind": "", "amount": "100", "reason": "Uten type"}, "Velg linjen som rettes, eller typen")
    refused({"line": "", "kind": "fast", "amount": "100", "reason": "Fast"}, "Velg en gyldig type")
    assert not Correction.objects.exists()
    # A deduction of the whole line is allowed once; then nothing is left to take back.
    assert client.post(f"{BASE}/krav/{a.pk}/rettelse/", {"line": line.pk, "amount": "-1200",
                                                        "reason": "Kari var ikke til stede."}).status_code == 302
    refused({"line": line.pk, "amount": "-1", "reason": "Igjen"}, "(0,00 kr med tidligere rettelser)")
    # Only the secretariat: a member gets 403, the claim unchanged.
    client.force_login(k.kari.user)
    assert client.post(f"{BASE}/krav/{a.pk}/rettelse/", {"line": line.pk, "amount": "500",
                                                        "reason": "Mer"}).status_code == 403
    assert Correction.objects.count() == 1
    assert ClaimLine.objects.get(pk=line.pk).amount == 1200
