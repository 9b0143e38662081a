"""The payroll export as a lønnsansvarlig reads it: every row holds antall × sats = beløp, the file's sum is the page's
and the årsoppgave's, a member's text cannot become a formula or split a row, months go in order (a skipped month's
fast godtgjøring would never be paid), and a bad month or a file that cannot be written leaves nothing behind: no
export, no locked period, no file, and a Norwegian message with a non-zero exit."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from secretariat.remuneration.models import Claim, FixedPayment, Payee, PayrollExport
from secretariat.remuneration.services import claim_line_add, claim_transition
from tests.helpers import docx_paragraphs
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
BASE = "/intern/godtgjoring"


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def approve(claim, fagleder):
    claim_transition(claim=claim, name="submit", actor=claim.owner)
    claim.refresh_from_db()
    claim_transition(claim=claim, name="approve", actor=fagleder)


def rows(content: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content), delimiter=";"))


def number(text: str) -> Decimal:
    return Decimal(text.replace(" ", "").replace("\xa0", "").replace(",", "."))


def months_before(month: dt.date, n: int) -> dt.date:
    for _ in range(n):
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return month


def test_the_file_the_page_and_the_arsoppgave_agree_to_the_ore(kommune, fagleder, client, tmp_path):
    k = kommune
    kari = k.kari.user
    Payee.objects.filter(person=k.kari).update(employee_number="=1+2")  # typed into the admin
    a = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    # A member's text: a formula for a spreadsheet, a line break and a field separator.
    claim_line_add(actor=kari, claim=a, kind="skyss", km=37, description='=HYPERLINK("http://x.example")\nNeset;Rådhuset')
    claim_line_add(actor=kari, claim=a, kind="utlegg", amount=Decimal("123.45"), description="@SUM(A1) parkering",
                   upload=SimpleUploadedFile("k.pdf", b"%PDF-1.4 k", "application/pdf"))
    approve(a, fagleder)
    approve(Claim.objects.get(person=k.vera, meeting=k.meeting_b), fagleder)
    # Per left formannskapet on the 15th: his fast godtgjøring is pro rata, and the text says why.
    per = k.per.memberships.get(organization=k.fsk)
    per.end_date = k.month.replace(day=15)
    per.save()
    out = tmp_path / "lonn.csv"
    call_command("export_godtgjoring", month=f"{k.month:%Y-%m}", out=str(out))
    content = out.read_bytes().decode("utf-8")
    export = PayrollExport.objects.get()
    assert content == export.content

    table = rows(content)
    for row in table:  # antall × sats = beløp on every row, to the øre
        assert (number(row["antall"]) * number(row["sats"])).quantize(Decimal("0.01")) == number(row["belop"]), row
    assert sum(number(r["belop"]) for r in table) == export.total
    kari_rows = [r for r in table if r["person_id"] == str(k.kari.pk)]
    texts = [r["tekst"] for r in kari_rows]
    assert "'=HYPERLINK(\"http://x.example\") Neset;Rådhuset" in texts and "'@SUM(A1) parkering" in texts
    assert {r["ansattnummer"] for r in kari_rows} == {"'=1+2"}
    assert content.count("\r\n") == len(table) + 1  # no row split by the member's line break
    import calendar

    n = calendar.monthrange(k.month.year, k.month.month)[1]
    per_row = next(r for r in table if r["person_id"] == str(k.per.pk))
    assert per_row["tekst"] == f"Medlem av organ (Formannskapet) {k.month:%m.%Y} (15 av {n} dager)"
    assert number(per_row["belop"]) == (Decimal(3000) * 15 / n).quantize(Decimal("0.01"))

    # The page shows the same export and its sum; the CSV download is the same file.
    client.force_login(fagleder)
    page = client.get(f"{BASE}/").content.decode().replace("\xa0", " ")
    shown = f"{export.total:,.2f}".replace(",", " ").replace(".", ",")
    assert f"<td>{export.line_count}</td><td>{shown}</td>" in page
    download = client.get(f"{BASE}/eksport/{export.pk}/").content.decode("utf-8-sig")
    assert download == content
    # The claim's page shows her lines as typed (escaped), with the amounts of the file.
    detail = client.get(f"{BASE}/krav/{a.pk}/").content.decode().replace("\xa0", " ")
    assert "=HYPERLINK(&quot;http://x.example&quot;)" in detail and "196,10" in detail  # 37 km × 5,30

    # The årsoppgave: each kind's total and the sum are the person's rows of the year's exports.
    client.force_login(kari)
    text = docx_paragraphs(client.get(f"{BASE}/arsoppgave/{k.kari.pk}/{k.month.year}/").content)
    total = sum(number(r["belop"]) for r in kari_rows)
    stated = next(t for t in text if t.startswith("Sum utbetalt:"))
    assert number(stated.removeprefix("Sum utbetalt:").removesuffix("kr")) == total > 0
    fixed = sum(FixedPayment.objects.filter(person=k.kari).values_list("amount", flat=True))
    assert fixed == sum(number(r["belop"]) for r in kari_rows if r["lonnsart"] == "1100")


def test_months_are_exported_in_order_so_no_fast_godtgjoring_is_lost(kommune, fagleder, client, tmp_path):
    k = kommune
    two_back, one_back = months_before(k.month, 2), months_before(k.month, 1)
    call_command("export_godtgjoring", month=f"{two_back:%Y-%m}", out=str(tmp_path / "a.csv"))
    client.force_login(fagleder)
    response = client.post(f"{BASE}/eksport/", {"month": f"{k.month:%Y-%m}"})
    assert f"Perioden {one_back:%Y-%m} er ikke eksportert ennå. Eksporter månedene i rekkefølge" in said(response)
    with pytest.raises(CommandError, match=f"Perioden {one_back:%Y-%m} er ikke eksportert ennå"):
        call_command("export_godtgjoring", month=f"{k.month:%Y-%m}", out=str(tmp_path / "c.csv"))
    assert not (tmp_path / "c.csv").exists() and PayrollExport.objects.count() == 1
    for month in (one_back, k.month):
        client.post(f"{BASE}/eksport/", {"month": f"{month:%Y-%m}"})
    assert list(PayrollExport.objects.order_by("month").values_list("month", flat=True)) == [two_back, one_back,
                                                                                             k.month]
    # Every month paid Kari's fast godtgjøring once.
    assert FixedPayment.objects.filter(person=k.kari).count() == 2 * 3
    assert AuditEntry.objects.filter(action="lonn_eksportert").count() == 3


@pytest.mark.parametrize("month", ["abc", "2026-13", "2026-00", "2026-1", "26-01", "", "1999-12", "2026-01-01",
                                   "2026–01", "２０２６-０１"])
def test_a_bad_month_is_a_norwegian_error_and_writes_nothing(month, tmp_path, db):
    out = tmp_path / "lonn.csv"
    with pytest.raises(CommandError, match="Ugyldig måned .*ÅÅÅÅ-MM"):
        call_command("export_godtgjoring", month=month, out=str(out))
    with pytest.raises(CommandError, match="Ugyldig måned .*ÅÅÅÅ-MM"):
        call_command("fill_godtgjoring", month=month)
    assert not out.exists() and not PayrollExport.objects.exists()


def test_manage_py_exits_non_zero_with_the_message(tmp_path):
    out = tmp_path / "lonn.csv"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "secretariat.settings"}
    done = subprocess.run([sys.executable, "manage.py", "export_godtgjoring", "--month", "2026-13", "--out", str(out)],
                          cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "Ugyldig måned «2026-13»: skriv ÅÅÅÅ-MM" in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()


def test_a_file_that_cannot_be_written_leaves_the_month_unexported(kommune, fagleder, tmp_path):
    k = kommune
    approve(Claim.objects.get(person=k.kari, meeting=k.meeting_a), fagleder)
    month = f"{k.month:%Y-%m}"
    folder = tmp_path / "ut"
    folder.mkdir()
    refused = [(folder, "er en mappe"), (tmp_path / "finnes-ikke" / "lonn.csv", "finnes ikke"),
               (folder / ("x" * 300 + ".csv"), "Kunne ikke skrive .*Perioden er ikke eksportert og ikke låst")]
    for out, message in refused:
        with pytest.raises(CommandError, match=message):
            call_command("export_godtgjoring", month=month, out=str(out))
        assert not PayrollExport.objects.exists(), out
        assert not Claim.objects.filter(lines__export__isnull=False).exists()
        assert not AuditEntry.objects.filter(action="lonn_eksportert").exists()
    assert list(folder.iterdir()) == []  # no temporary file left behind
    # And then it works, once.
    call_command("export_godtgjoring", month=month, out=str(folder / "lonn.csv"))
    assert (folder / "lonn.csv").read_bytes().decode("utf-8") == PayrollExport.objects.get().content


def test_the_public_list_shows_the_rates_and_nothing_personal(kommune, fagleder, client, tmp_path):
    k = kommune
    approve(Claim.objects.get(person=k.kari, meeting=k.meeting_a), fagleder)
    call_command("export_godtgjoring", month=f"{k.month:%Y-%m}", out=str(tmp_path / "lonn.csv"))
    assert client.get("/innsyn/godtgjoring/").status_code == 404
    k.table.publish_fixed_rates = True
    k.table.save()
    page = client.get("/innsyn/godtgjoring/").content.decode().replace("\xa0", " ")
    assert "Fast godtgjøring per verv" in page and "1 200 000,00" in page and "18 000,00" in page  # 1,5 %
    for personal in ("Kari", "Ola Ordfører", "Vera", "Per Fravær", "1 200,00", "Ansattnummer", "lonn"):
        assert personal not in page, personal
