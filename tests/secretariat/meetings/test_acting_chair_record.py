"""Who led an item when it was not the meeting's møteleder (koml. § 11-2) is part of the record: the protokoll
.docx says so under the item (bokmål and nynorsk, read back with two independent readers), and the admin lists
the recorded setteledere (read-only: they are written in møtemodus, audited)."""

import pytest
from django.urls import reverse

from document_templates import registry
from secretariat.meetings.services import (
    agenda_item_add_other,
    attendance_fill_from_notice,
    chair_record,
    meeting_send_notice,
    recusal_register,
)
from tests.document_templates.conftest import docx_text, mammoth_text


@pytest.fixture
def led(fsk, meeting, fagleder):
    """Item 1: Anna (leder) inhabil, Henrik (nestleder) leads. Item 2: Anna and Henrik inhabil, Sigrid elected
    setteleder. Item 3: Anna leads."""
    items = [agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title=f"Orientering {n}")
             for n in (1, 2, 3)]
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    first, second, third = items
    recusal_register(actor=fagleder, item=first, membership=fsk.m.anna, grounds="Søker er hennes bror")
    recusal_register(actor=fagleder, item=second, membership=fsk.m.anna, grounds="Søker er hennes bror")
    recusal_register(actor=fagleder, item=second, membership=fsk.m.henrik, grounds="Søker er hans svoger")
    chair_record(actor=fagleder, meeting=meeting, membership=fsk.m.sigrid, item=second)
    return items


def _part(text: str, label: str, following: str | None) -> str:
    start = text.index(label)
    return text[start:text.index(following, start)] if following else text[start:]


@pytest.mark.parametrize(("maalform", "nestleder", "setteleder", "word"), [
    ("nb", "Møteleder i saken: Henrik Fsk (nestleder)", "Møteleder i saken: Sigrid Fsk (setteleder)", "Møteleder"),
    ("nn", "Møteleiar i saka: Henrik Fsk (nestleiar)", "Møteleiar i saka: Sigrid Fsk (setteleiar)", "Møteleiar"),
])
def test_the_protokoll_says_who_led_an_item_the_chair_did_not(meeting, led, maalform, nestleder, setteleder, word):
    first, second, third = led
    content = registry.render("protokoll", meeting, maalform=maalform)
    for reader in (docx_text, mammoth_text):
        text = reader(content)
        assert nestleder in _part(text, first.label, second.label)
        assert setteleder in _part(text, second.label, third.label)
        assert f"{word} i sak" not in _part(text, third.label, None)  # Anna, the meeting's chair, led it
        assert text.count(f"{word} i sak") == 2


def test_the_protokoll_has_no_such_line_when_the_chair_led_every_item(meeting, fsk, fagleder):
    agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title="Orientering")
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    assert "Møteleder i saken" not in docx_text(registry.render("protokoll", meeting))


def test_the_admin_lists_the_setteleder_read_only(admin_client, meeting, led, fsk):
    listing = admin_client.get(reverse("admin:meetings_actingchair_changelist"))
    assert listing.status_code == 200 and "Sigrid Fsk" in listing.content.decode()
    assert admin_client.get(reverse("admin:meetings_actingchair_add")).status_code == 403
    acting = meeting.acting_chairs.get()
    response = admin_client.post(reverse("admin:meetings_actingchair_delete", args=[acting.pk]), {"post": "yes"})
    assert response.status_code == 403 and meeting.acting_chairs.filter(pk=acting.pk).exists()
