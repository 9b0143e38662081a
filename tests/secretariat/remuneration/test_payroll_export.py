"""A month's payroll, recomputed by hand from the attendance and the forskrift's rates, checked line by line in the
CSV that `manage.py export_godtgjoring` writes; the exported month is locked, corrections go in the next one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from secretariat.remuneration.models import Claim, PayrollExport
from secretariat.remuneration.services import claim_create, claim_line_add, claim_transition
from secretariat.training.models import Audience, Course, TrainingSession
from secretariat.training.services import attendance_set
from tests.helpers import docx_paragraphs
from tests.secretariat.remuneration.conftest import EMPLOYEE_NUMBERS

pytestmark = pytest.mark.django_db


def attestation():
    return SimpleUploadedFile("attest.pdf", b"%PDF-1.4 attest fra arbeidsgiver", "application/pdf")


def approved(claim, *, fagleder):
    claim_transition(claim=claim, name="submit", actor=claim.owner)
    claim.refresh_from_db()
    claim_transition(claim=claim, name="approve", actor=fagleder)
    claim.refresh_from_db()
    return claim


def kr(value: str) -> str:
    return value.replace(".", ",")


def test_the_month_is_recomputed_from_attendance_and_rates_line_by_line(kommune, fagleder, tmp_path, client):
    k = kommune
    kari = k.kari.user
    # The drafts for meetings come from the attendance (made when each meeting was marked held).
    a = Claim.objects.get(person=k.kari, meeting=k.meeting_a)
    claim_line_add(actor=kari, claim=a, kind="tapt_legitimert", amount=Decimal("2500"), upload=attestation())
    c = Claim.objects.get(person=k.kari, meeting=k.meeting_c)
    claim_line_add(actor=kari, claim=c, kind="skyss", km=42, description="Neset–Rådhuset t/r")
    b = Claim.objects.get(person=k.kari, meeting=k.meeting_b)
    vb = Claim.objects.get(person=k.vera, meeting=k.meeting_b)  # as the substitute for Per
    # Training in the same month: tapt arbeidsinntekt, no møtegodtgjøring (the forskrift's flag is off).
    course = Course.objects.create(term=k.term, title="Økonomi", audience=Audience.BODY, organization=k.fsk)
    start = dt.datetime.combine(k.month.replace(day=5), dt.time(9)).astimezone()
    session = TrainingSession.objects.create(course=course, start=start, end=start + dt.timedelta(hours=6),
                                             location="Rådhuset")
    attendance_set(actor=fagleder, session=session, persons=[k.kari])
    t = claim_create(actor=kari, session=session)
    assert not t.lines.exists()
    claim_line_add(actor=kari, claim=t, kind="tapt_ulegitimert")
    for claim in (a, c, vb, t):
        approved(claim, fagleder=fagleder)
    claim_transition(claim=b, name="submit", actor=kari)  # still waiting for the secretariat at the export
    out = tmp_path / "lonn.csv"

    call_command("export_godtgjoring", month=f"{k.month:%Y-%m}", out=str(out))

    p = f"{k.month:%Y-%m}"
    first = f"01.{k.month:%m.%Y}"
    day = lambda n: f"{n:02d}.{k.month:%m.%Y}"  # noqa: E731
    ids = {p_.name: p_.pk for p_ in (k.kari, k.ola, k.per, k.vera)}
    kari_no, ola_no, per_no, vera_no = (EMPLOYEE_NUMBERS[n] for n in ("Kari", "Ola", "Per", "Vera"))
    expected = [
        "periode;lonnsart;ansattnummer;person_id;navn;dato;tekst;antall;sats;belop",
        # Kari: fast godtgjøring 1.5 % and 3 % of 1 200 000 a year, a twelfth each month (whole month held): one
        # unit of the month's amount, so antall × sats = beløp on every row, as payroll reads it.
        f"{p};1100;{kari_no};{ids['Kari Medlem']};Kari Medlem;{first};Medlem av organ (Kommunestyret) {k.month:%m.%Y};"
        "1,00;1500,00;1500,00",
        f"{p};1100;{kari_no};{ids['Kari Medlem']};Kari Medlem;{first};Medlem av organ (Formannskapet) {k.month:%m.%Y};"
        "1,00;3000,00;3000,00",
        f"{p};1121;{kari_no};{ids['Kari Medlem']};Kari Medlem;{day(5)};Opplæring: Økonomi {day(5)};1,00;800,00;800,00",
        f"{p};1110;{kari_no};{ids['Kari Medlem']};Kari Medlem;{day(10)};Møte i Formannskapet {day(10)};1,00;1200,00;1200,00",
        f"{p};1120;{kari_no};{ids['Kari Medlem']};Kari Medlem;{day(10)};Formannskapet {day(10)};1,00;2500,00;2500,00",
        f"{p};1110;{kari_no};{ids['Kari Medlem']};Kari Medlem;{day(15)};Møte i Kommunestyret {day(15)};1,00;1500,00;1500,00",
        f"{p};7100;{kari_no};{ids['Kari Medlem']};Kari Medlem;{day(15)};Neset–Rådhuset t/r;42,00;5,30;222,60",
        # Ola is ordfører: 100 % of the ordfører's pay, which covers his leading formannskapet (no 4 % leader line);
        # he claimed nothing for meetings A, B and C, so nothing is paid for them.
        f"{p};1100;{ola_no};{ids['Ola Ordfører']};Ola Ordfører;{first};Ordfører {k.month:%m.%Y};1,00;100000,00;100000,00",
        f"{p};1100;{per_no};{ids['Per Fravær']};Per Fravær;{first};Medlem av organ (Formannskapet) {k.month:%m.%Y};"
        "1,00;3000,00;3000,00",
        # Vera met for Per in meeting B: the substitute's møtegodtgjøring; a substitute has no fast godtgjøring.
        f"{p};1110;{vera_no};{ids['Vera Vara']};Vera Vara;{day(20)};Møte i Formannskapet {day(20)} (kort møte);1,00;"
        "600,00;600,00",
    ]
    assert out.read_bytes().decode("utf-8").split("\r\n") == [*expected, ""]
    export = PayrollExport.objects.get()
    assert export.total == Decimal("1500") + 3000 + 800 + 1200 + 2500 + 1500 + Decimal("222.60") + 100000 + 3000 \
        + 600

    # The month is locked: a second export is refused with a message, and nothing changes.
    with pytest.raises(CommandError, match="allerede eksportert og er låst"):
        call_command("export_godtgjoring", month=p, out=str(tmp_path / "igjen.csv"))
    assert PayrollExport.objects.count() == 1 and not (tmp_path / "igjen.csv").exists()

    # Kari's claim for meeting B, approved after the export, is paid in the next period (meeting B lasted one hour:
    # the short-meeting rate).
    b.refresh_from_db()
    claim_transition(claim=b, name="approve", actor=fagleder)
    next_month = (k.month + dt.timedelta(days=32)).replace(day=1)
    out2 = tmp_path / "neste.csv"
    call_command("export_godtgjoring", month=f"{next_month:%Y-%m}", out=str(out2))
    assert (f"{next_month:%Y-%m};1110;{kari_no};{ids['Kari Medlem']};Kari Medlem;{day(20)};Møte i Formannskapet {day(20)} "
            "(kort møte);1,00;600,00;600,00") in out2.read_bytes().decode("utf-8").split("\r\n")
    assert Claim.objects.filter(lines__export=export).distinct().count() == 4
    with pytest.raises(CommandError, match="ligger før siste eksporterte periode"):
        call_command("export_godtgjoring", month=f"{k.month - dt.timedelta(days=1):%Y-%m}", out=str(out))

    # The annual summary (.docx), read back with the independent reader.
    client.force_login(kari)
    response = client.get(f"/intern/godtgjoring/arsoppgave/{k.kari.pk}/{k.month.year}/")
    assert response.status_code == 200
    text = docx_paragraphs(response.content)
    assert "Årsoppgave over godtgjøring " + str(k.month.year) in text
    # fast 4 500 + opplæring 800 + møte 1 200 + tapt 2 500 + møte 1 500 + skyss 222,60; and, when the next month is
    # in the same year, møte B 600 and that month's fast 4 500
    total = "15 822,60" if k.month.year == next_month.year else "10 722,60"
    assert f"Sum utbetalt: {total} kr" in text, [t for t in text if "Sum" in t]


def test_render_document_writes_the_annual_summary(kommune, fagleder, tmp_path):
    from secretariat.remuneration.services import annual_summary_ensure

    k = kommune
    approved(Claim.objects.get(person=k.kari, meeting=k.meeting_a), fagleder=fagleder)
    call_command("export_godtgjoring", month=f"{k.month:%Y-%m}", out=str(tmp_path / "lonn.csv"))
    summary = annual_summary_ensure(person=k.kari, year=k.month.year)
    out = tmp_path / "arsoppgave.docx"
    call_command("render_document", "godtgjoringsoppgave", str(summary.pk), out=str(out))
    text = docx_paragraphs(out.read_bytes())
    assert "Kari Medlem" in text and f"Møte i Formannskapet {k.meeting_a.start:%d.%m.%Y}" in text
    assert "Sum utbetalt: 5 700,00 kr" in text  # fast 1 500 + 3 000, møte 1 200
