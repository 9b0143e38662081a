"""A row without an ansattnummer cannot be placed in payroll: the export is refused, naming the people, with a
Norwegian message (a CommandError: manage.py exits non-zero with it); nothing is exported, locked or written. Once
the numbers are in, it runs."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command

from secretariat.remuneration.models import Claim, ClaimLine, Payee, PayrollExport
from secretariat.remuneration.services import claim_transition
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
BASE = "/intern/godtgjoring"


def test_missing_employee_numbers_stop_the_export_and_name_the_people(kommune, fagleder, client, tmp_path):
    k = kommune
    vera_claim = Claim.objects.get(person=k.vera, meeting=k.meeting_b)
    claim_transition(claim=vera_claim, name="submit", actor=vera_claim.owner)
    vera_claim.refresh_from_db()
    claim_transition(claim=vera_claim, name="approve", actor=fagleder)
    # Vera (a substitute: her møtegodtgjøring) was never registered; Per's number was blanked in the admin.
    Payee.objects.filter(person=k.vera).delete()
    Payee.objects.filter(person=k.per).update(employee_number="   ")
    month = f"{k.month:%Y-%m}"
    out = tmp_path / "lonn.csv"

    with pytest.raises(CommandError) as refused:
        call_command("export_godtgjoring", month=month, out=str(out))
    message = str(refused.value)
    assert message.startswith("Ansattnummer i lønnssystemet mangler for Per Fravær og Vera Vara.")
    assert f"perioden {month} er ikke eksportert og ikke låst" in message and "Lønnsmottakere" in message
    client.force_login(fagleder)
    response = client.post(f"{BASE}/eksport/", {"month": month})
    assert "mangler for Per Fravær og Vera Vara" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    # Nothing exported, nothing locked, no file, no audit row.
    assert not PayrollExport.objects.exists() and not out.exists()
    assert not ClaimLine.objects.filter(export__isnull=False).exists()
    assert not AuditEntry.objects.filter(action="lonn_eksportert").exists()

    # The numbers are registered: the export runs, and every row has one.
    Payee.objects.create(person=k.vera, employee_number="10002")
    Payee.objects.filter(person=k.per).update(employee_number="10003")
    call_command("export_godtgjoring", month=month, out=str(out))
    rows = out.read_bytes().decode("utf-8").split("\r\n")[1:-1]
    assert rows and all(row.split(";")[2] for row in rows)
    assert any(row.split(";")[2] == "10002" and ";1110;" in row for row in rows)
