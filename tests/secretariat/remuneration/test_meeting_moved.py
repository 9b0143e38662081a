"""A held meeting moved (its date corrected) or changed in length after the claim was sent: the claim is held as it is
when an attendance is corrected. A draft follows by itself; a sent or approved claim keeps what was sent, shows what
changed, cannot be approved, and stops the export until it is sent back; sent back, it follows the record (audited as
the system), and it is paid in the period of the meeting's new date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command

from secretariat.meetings.services import meeting_update
from secretariat.remuneration.models import Claim
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
BASE = "/intern/godtgjoring"


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def step(client, claim, name, comment=""):
    return client.post(f"{BASE}/krav/{claim.pk}/steg/", {"transition": name, "comment": comment})


def test_a_sent_claim_follows_its_moved_meeting_only_when_sent_back(kommune, fagleder, client, tmp_path):
    k = kommune
    a = Claim.objects.get(person=k.kari, meeting=k.meeting_a)  # day 10 of the month
    b = Claim.objects.get(person=k.vera, meeting=k.meeting_b)  # the short meeting, 600
    kari_b = Claim.objects.get(person=k.kari, meeting=k.meeting_b)  # a draft
    client.force_login(k.kari.user)
    client.post(f"{BASE}/krav/{a.pk}/linje/", {"kind": "skyss", "km": "10", "description": "Neset–Rådhuset"})
    step(client, a, "submit")
    client.force_login(k.vera.user)
    step(client, b, "submit")
    client.force_login(fagleder)
    step(client, b, "approve")

    # The secretariat corrects the record: meeting A was held on the 2nd of the next month, not the 10th; meeting B
    # lasted three hours, not one.
    new_day = (k.month + dt.timedelta(days=32)).replace(day=2)
    a_start = k.meeting_a.start.replace(year=new_day.year, month=new_day.month, day=new_day.day)
    meeting_update(actor=fagleder, meeting=k.meeting_a,
                   data={"start": a_start, "end": a_start + (k.meeting_a.end - k.meeting_a.start)})
    meeting_update(actor=fagleder, meeting=k.meeting_b, data={"end": k.meeting_b.start + dt.timedelta(hours=3)})

    # The draft followed by itself; the sent and the approved claim did not change.
    kari_b.refresh_from_db()
    assert [line.amount for line in kari_b.lines.all()] == [1200]
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.state, a.day) == ("innsendt", k.month.replace(day=10))
    assert (b.state, [line.amount for line in b.lines.all()]) == ("godkjent", [600])

    # Each shows what changed; neither can be approved (the step is not offered, and refused when posted).
    page = client.get(f"{BASE}/krav/{a.pk}/").content.decode().replace("\xa0", " ")
    moved = f"Møtet er flyttet fra {k.month.replace(day=10):%d.%m.%Y} til {new_day:%d.%m.%Y}"
    assert moved in page and 'value="approve"' not in page and 'value="send_back"' in page
    assert moved in said(step(client, a, "approve"))
    a.refresh_from_db()
    assert a.state == "innsendt"
    page = client.get(f"{BASE}/krav/{b.pk}/").content.decode().replace("\xa0", " ")
    assert "Møtegodtgjøringen etter møtets lengde og forskriften er nå 1 200,00 kr, men kravet har 600,00 kr" in page

    # The export of the month refuses the approved claim (A is not approved: it is not in any export yet).
    out = tmp_path / "lonn.csv"
    with pytest.raises(CommandError, match=r"Vera Vara: Formannskapet .* \(møtegodtgjøringen etter møtets lengde og "
                                           r"forskriften er nå 1 200,00 kr\)"):
        call_command("export_godtgjoring", month=f"{k.month:%Y-%m}", out=str(out))
    assert not out.exists()

    # Sent back, each follows the record, audited as the system.
    step(client, b, "send_back", "Møtet varte tre timer: full sats.")
    step(client, a, "send_back", "Møtedatoen er rettet.")
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.state, a.day, a.title) == ("returnert", new_day, f"Formannskapet {new_day:%d.%m.%Y}")
    assert a.lines.get(automatic=True).description == f"Møte i Formannskapet {new_day:%d.%m.%Y}"
    assert (b.state, [line.amount for line in b.lines.all()]) == ("returnert", [1200])
    followed = AuditEntry.for_object(a).filter(action="krav_fulgte_oppmotet").last()
    assert followed.actor_name == "System" and followed.changes["dato"]["til"] == f"{new_day:%d.%m.%Y}"

    # Sent again and approved: B is paid this month at the full rate; A in the period of its new date.
    for claim, member in ((a, k.kari), (b, k.vera)):
        client.force_login(member.user)
        step(client, claim, "submit")
        client.force_login(fagleder)
        step(client, claim, "approve")
        claim.refresh_from_db()
        assert claim.state == "godkjent"
    call_command("export_godtgjoring", month=f"{k.month:%Y-%m}", out=str(out))
    first = out.read_text(encoding="utf-8")
    assert f"Vera Vara;{k.meeting_b.start:%d.%m.%Y};Møte i Formannskapet" in first and ";1200,00;1200,00" in first
    assert "Neset–Rådhuset" not in first and f"{k.month.replace(day=10):%d.%m.%Y};Møte" not in first
    out2 = tmp_path / "neste.csv"
    call_command("export_godtgjoring", month=f"{new_day:%Y-%m}", out=str(out2))
    second = out2.read_text(encoding="utf-8")
    assert f";Kari Medlem;{new_day:%d.%m.%Y};Møte i Formannskapet {new_day:%d.%m.%Y};1,00;1200,00;1200,00" in second
    assert "Neset–Rådhuset" in second
