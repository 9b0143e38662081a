"""Fast godtgjøring during an approved permisjon (midlertidig fritak, koml. § 7-9): the verv is not exercised, so the
days of the permisjon pay nothing (pro rata), after the days the forskrift still pays; a verv that is the main
occupation keeps it for two weeks (koml. § 8-10). An application not yet approved changes nothing. The export's text
says why the month is short. (A fritak ends the membership itself: its days after the end are not held.)"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from secretariat.cases.services import case_transition
from secretariat.meetings.services import agenda_item_add, meeting_create
from secretariat.members.leave import leave_apply
from secretariat.members.models import LeaveApplication
from secretariat.remuneration.models import FixedRate, FixedRole, RateTable
from tests.helpers import decide_in_meeting
from workflows.engine import run_transition

pytestmark = pytest.mark.django_db


def approved_permisjon(person, start: dt.date, end: dt.date, *, fagleder, kommunedirektor, n: int):
    """The real path: the application, its case, kommunestyret's decision, the approval."""
    application = leave_apply(actor=fagleder, person=person, kind="permisjon", start_date=start, end_date=end,
                              ground="Foreldrepermisjon")
    run_transition(application, "register_case", actor=fagleder, arkivsaksnummer=f"26/70{n:02d}")
    case = application.case
    case_transition(case=case, name="submit", actor=fagleder)
    case.refresh_from_db()
    case_transition(case=case, name="approve", actor=kommunedirektor)
    case.refresh_from_db()
    meeting_start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=40 + n),
                                                            dt.time(18)))
    meeting = meeting_create(actor=fagleder, organization=case.current_consultation.organization, start=meeting_start)
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    case.refresh_from_db()
    decide_in_meeting(case, actor=fagleder, text="Søknaden innvilges.")
    application.refresh_from_db()
    run_transition(application, "approve", actor=fagleder)
    application.refresh_from_db()
    assert application.state == "innvilget"
    return application


def fixed_rows(path) -> dict[str, list[dict]]:
    table = csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8")), delimiter=";")
    found: dict[str, list[dict]] = {}
    for row in table:
        if row["lonnsart"] == "1100":
            found.setdefault(row["navn"], []).append(row)
    return found


def pro_rata(per_month: int, days: int, of: int) -> str:
    amount = (Decimal(per_month) * days / of).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{amount:.2f}".replace(".", ",")


def test_a_permisjon_stops_fast_godtgjoring_for_its_days(kommune, fagleder, kommunedirektor, tmp_path):
    k = kommune
    m = k.month
    n = calendar.monthrange(m.year, m.month)[1]
    # The ordfører's verv is her main occupation (koml. § 8-10: two weeks of a permisjon keep the godtgjøring).
    FixedRate.objects.filter(role=FixedRole.MAYOR).update(main_occupation=True)
    approved_permisjon(k.per, m.replace(day=11), m.replace(day=20), fagleder=fagleder, kommunedirektor=kommunedirektor,
                       n=1)
    approved_permisjon(k.ola, m.replace(day=1), m.replace(day=20), fagleder=fagleder, kommunedirektor=kommunedirektor,
                       n=2)
    # Kari has applied, not been granted: nothing changes for her.
    leave_apply(actor=fagleder, person=k.kari, kind="permisjon", start_date=m.replace(day=5),
                end_date=m.replace(day=6), ground="Reise")
    assert LeaveApplication.objects.get(person=k.kari).state == "soknad"

    out = tmp_path / "lonn.csv"
    call_command("export_godtgjoring", month=f"{m:%Y-%m}", out=str(out))
    rows = fixed_rows(out)
    per = rows["Per Fravær"]
    assert [(r["tekst"], r["belop"]) for r in per] == [
        (f"Medlem av organ (Formannskapet) {m:%m.%Y} ({n - 10} av {n} dager; permisjon "
         f"{m.replace(day=11):%d.%m.%Y}–{m.replace(day=20):%d.%m.%Y})", pro_rata(3000, n - 10, n))]
    ola = rows["Ola Ordfører"]
    assert [(r["tekst"], r["belop"]) for r in ola] == [
        (f"Ordfører {m:%m.%Y} ({n - 6} av {n} dager; permisjon {m.replace(day=15):%d.%m.%Y}–"
         f"{m.replace(day=20):%d.%m.%Y})", pro_rata(100000, n - 6, n))]
    assert [(r["tekst"], r["belop"]) for r in rows["Kari Medlem"]] == [
        (f"Medlem av organ (Kommunestyret) {m:%m.%Y}", "1500,00"),
        (f"Medlem av organ (Formannskapet) {m:%m.%Y}", "3000,00")]

    # The forskrift pays the first five days of a permisjon (its own rule): Per's next permisjon pays from day 8.
    RateTable.objects.update(leave_fixed_paid_days=5)
    nxt = (m + dt.timedelta(days=32)).replace(day=1)
    n2 = calendar.monthrange(nxt.year, nxt.month)[1]
    approved_permisjon(k.per, nxt.replace(day=3), nxt.replace(day=12), fagleder=fagleder,
                       kommunedirektor=kommunedirektor, n=3)
    out2 = tmp_path / "neste.csv"
    call_command("export_godtgjoring", month=f"{nxt:%Y-%m}", out=str(out2))
    per = fixed_rows(out2)["Per Fravær"]
    assert [(r["tekst"], r["belop"]) for r in per] == [
        (f"Medlem av organ (Formannskapet) {nxt:%m.%Y} ({n2 - 5} av {n2} dager; permisjon "
         f"{nxt.replace(day=8):%d.%m.%Y}–{nxt.replace(day=12):%d.%m.%Y})", pro_rata(3000, n2 - 5, n2))]
    # Ola's permisjon ended on the 20th of the month before: a whole month again.
    assert [r["belop"] for r in fixed_rows(out2)["Ola Ordfører"]] == ["100000,00"]


def test_a_permisjon_granted_after_the_export_is_put_right_by_a_correction(kommune, fagleder, kommunedirektor,
                                                                           client, tmp_path):
    from secretariat.remuneration.models import Correction, PayrollExport

    k = kommune
    m = k.month
    n = calendar.monthrange(m.year, m.month)[1]
    call_command("export_godtgjoring", month=f"{m:%Y-%m}", out=str(tmp_path / "lonn.csv"))
    export = PayrollExport.objects.get()
    paid = export.fixed_payments.get(person=k.per)
    assert paid.amount == 3000
    # Kommunestyret grants Per a permisjon for days 11–20 of that month only afterwards.
    approved_permisjon(k.per, m.replace(day=11), m.replace(day=20), fagleder=fagleder, kommunedirektor=kommunedirektor,
                       n=4)
    now = Decimal(pro_rata(3000, n - 10, n).replace(",", "."))
    difference = f"{now - 3000:.2f}".replace(".", ",")

    # The export's page shows what was paid, what the record gives now, and offers the difference as a correction.
    client.force_login(fagleder)
    page = client.get(f"/intern/godtgjoring/eksport/{export.pk}/vis/").content.decode().replace("\xa0", " ")
    assert "Per Fravær: Medlem av organ (Formannskapet)" in page and f'value="{difference}"' in page
    assert f"permisjon {m.replace(day=11):%d.%m.%Y}–{m.replace(day=20):%d.%m.%Y}" in page
    url = f"/intern/godtgjoring/fast/{paid.pk}/rettelse/"
    prefix = f"f{paid.pk}"
    response = client.post(url, {f"{prefix}-amount": difference, f"{prefix}-reason": ""})
    assert response.status_code == 400 and "Skriv grunnen til rettelsen" in response.content.decode()
    response = client.post(url, {f"{prefix}-amount": "-3000,01", f"{prefix}-reason": "For mye"})
    assert response.status_code == 400 and "kan ikke trekke mer enn det som er utbetalt" in response.content.decode()
    client.force_login(k.kari.user)
    assert client.post(url, {f"{prefix}-amount": "-1", f"{prefix}-reason": "x"}).status_code == 403
    assert not Correction.objects.exists()
    client.force_login(fagleder)
    response = client.post(url, {f"{prefix}-amount": difference, f"{prefix}-reason": "Permisjon innvilget etter "
                                                                                     "eksporten (sak 26/7004)."})
    assert response.status_code == 302
    paid.refresh_from_db()
    assert paid.amount == 3000  # the paid month is not changed

    nxt = (m + dt.timedelta(days=32)).replace(day=1)
    out2 = tmp_path / "neste.csv"
    call_command("export_godtgjoring", month=f"{nxt:%Y-%m}", out=str(out2))
    fix = [r for r in csv.DictReader(io.StringIO(out2.read_bytes().decode("utf-8")), delimiter=";")
           if r["tekst"].startswith("Rettelse")]
    assert [(r["navn"], r["lonnsart"], r["dato"], r["belop"]) for r in fix] == [
        ("Per Fravær", "1100", f"01.{m:%m.%Y}", difference)]
    assert fix[0]["tekst"] == (f"Rettelse av Medlem av organ (Formannskapet) {m:%m.%Y} (utbetalt {m:%Y-%m}): "
                               "Permisjon innvilget etter eksporten (sak 26/7004).")
    # Put right: the page shows no difference any more.
    page = client.get(f"/intern/godtgjoring/eksport/{export.pk}/vis/").content.decode()
    assert "forskjell" not in page
