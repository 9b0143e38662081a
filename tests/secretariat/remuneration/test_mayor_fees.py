"""«Ordførerens godtgjøring dekker andre verv» (the forskrift's flag): the ordfører's fast godtgjøring is all she gets
for her verv, so a held meeting gives her no møtegodtgjøring draft; she still claims skyss and tapt arbeidsinntekt as
the forskrift says. With the flag off, her meetings pay as anyone's; turned on again, her drafts follow (the record's
line goes, an empty draft with it) and a claim she already sent is held until it is sent back."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command

from secretariat.accounts.roles import Role
from secretariat.remuneration.models import Claim, RateTable
from tests.factories import UserFactory
from workflows.models import AuditEntry

from .conftest import held_meeting

pytestmark = pytest.mark.django_db
BASE = "/intern/godtgjoring"


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def step(client, claim, name, comment=""):
    return client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": name, "comment": comment})


def test_a_held_meeting_gives_the_ordforer_no_meeting_fee_while_her_pay_covers_it(kommune, fagleder, client,
                                                                                  tmp_path):
    k = kommune
    k.ola.user = UserFactory(username="ola", role=Role.FOLKEVALGT)
    k.ola.save()
    assert RateTable.objects.get().mayor_covers_other_roles  # the default
    # Kommunestyret and formannskapet meet (the meeting-held path: attendance from the notice, then «hold»).
    ks = held_meeting(fagleder, k.ks, k.month.replace(day=25), 3)
    fsk = held_meeting(fagleder, k.fsk, k.month.replace(day=26), 3)
    assert Claim.objects.get(person=k.kari, meeting=ks).lines.get().amount == 1500  # Kari's as before
    assert not Claim.objects.filter(person=k.ola).exists()  # no draft for the ordfører, in either body

    # She claims her travel herself: the claim has no møtegodtgjøring line, and is paid as the forskrift says.
    client.force_login(k.ola.user)
    page = client.get(f"{BASE}/").content.decode()
    assert f"Krav for Kommunestyret {ks.start:%d.%m.%Y}" in page
    client.post(f"{BASE}/krav/ny/", {"meeting": ks.pk})
    claim = Claim.objects.get(person=k.ola, meeting=ks)
    assert not claim.lines.exists()
    client.post(f"{BASE}/krav/{claim.pk}/linje/", {"kind": "skyss", "km": "30", "description": "Heim–Rådhuset t/r"})
    client.post(f"{BASE}/krav/{claim.pk}/linje/", {"kind": "tapt_ulegitimert"})
    step(client, claim, "submit")
    client.force_login(fagleder)
    step(client, claim, "approve")
    claim.refresh_from_db()
    assert claim.state == "godkjent" and sorted(claim.lines.values_list("kind", flat=True)) == [
        "skyss", "tapt_ulegitimert"]
    # The safety net makes no draft for her either.
    call_command("fill_godtgjoring", month=f"{k.month:%Y-%m}")
    assert list(Claim.objects.filter(person=k.ola).values_list("pk", flat=True)) == [claim.pk]

    out = tmp_path / "lonn.csv"
    call_command("export_godtgjoring", month=f"{k.month:%Y-%m}", out=str(out))
    ola = [row.split(";") for row in out.read_text(encoding="utf-8").splitlines() if f";{k.ola.pk};" in row]
    assert sorted(row[1] for row in ola) == ["1100", "1121", "7100"]  # fast (ordfører), tapt, skyss: no 1110
    assert next(row for row in ola if row[1] == "1100")[6].startswith("Ordfører ")
    assert fsk.pk and not any("Formannskapet" in row[6] for row in ola)


def test_the_flag_turned_on_takes_the_fee_out_of_her_drafts_and_holds_a_sent_claim(kommune, fagleder, client):
    k = kommune
    table = RateTable.objects.get()
    table.mayor_covers_other_roles = False
    table.save()
    k.ola.user = UserFactory(username="ola", role=Role.FOLKEVALGT)
    k.ola.save()
    call_command("fill_godtgjoring", month=f"{k.month:%Y-%m}")  # meetings A, B and C were held before she had a log-in
    a = Claim.objects.get(person=k.ola, meeting=k.meeting_a)
    c = Claim.objects.get(person=k.ola, meeting=k.meeting_c)
    assert [line.amount for line in a.lines.all()] == [1200] and [line.amount for line in c.lines.all()] == [1500]
    b = Claim.objects.get(person=k.ola, meeting=k.meeting_b)  # the short meeting
    client.force_login(k.ola.user)
    client.post(f"{BASE}/krav/{c.pk}/linje/", {"kind": "skyss", "km": "12", "description": "Heim–Rådhuset"})
    step(client, a, "submit")

    # The kommunestyre's forskrift is changed back to the usual rule.
    table.mayor_covers_other_roles = True
    table.save()
    call_command("fill_godtgjoring", month=f"{k.month:%Y-%m}")
    # B had only the record's line: the draft is gone (audited). C keeps her travel, without the fee.
    assert not Claim.objects.filter(pk=b.pk).exists()
    assert AuditEntry.objects.filter(object_id=b.pk, action="krav_slettet").exists()
    assert list(c.lines.values_list("kind", flat=True)) == ["skyss"]
    removed = AuditEntry.for_object(c).filter(action="krav_fulgte_oppmotet").last()
    assert removed.action_label == "Møtegodtgjøring fjernet: ordførerens faste godtgjøring dekker møtegodtgjøringen"
    # A was sent with the fee: it is not changed, but it cannot be approved until it is sent back.
    a.refresh_from_db()
    assert a.state == "innsendt" and [line.amount for line in a.lines.all()] == [1200]
    client.force_login(fagleder)
    page = client.get(f"{BASE}/krav/{a.pk}/").content.decode()
    assert "Ordførerens faste godtgjøring dekker møtegodtgjøringen" in page and 'value="approve"' not in page
    assert "Ordførerens faste godtgjøring dekker" in said(step(client, a, "approve"))
    step(client, a, "send_back", "Forskriften er endret: ordførerens godtgjøring dekker møtegodtgjøringen.")
    a.refresh_from_db()
    assert a.state == "returnert" and not a.lines.exists()
