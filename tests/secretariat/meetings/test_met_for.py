"""The protokoll records who attended, absences and substitutes (koml. § 11-4): «Møtte for», per item. A
substitute can meet for different members in different items: for a member with forfall for some items
(koml. § 7-10), and for a member declared inhabil in one item (koml. § 11-10). The innkalling lists the
called-in substitutes and whom they meet for, and nobody with forfall for the whole meeting."""

import pytest
from django.urls import reverse

from document_templates import registry
from secretariat.meetings import selectors
from secretariat.meetings.services import (
    absence_confirm_substitute,
    absence_register,
    agenda_item_add_other,
    attendance_fill_from_notice,
    meeting_send_notice,
    recusal_register,
)
from tests.document_templates.conftest import docx_text, mammoth_text


@pytest.fixture
def agenda(meeting, fagleder):
    return [agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title=f"Orientering {n}")
            for n in (1, 2)]


@pytest.fixture
def hilde_in_two_roles(fsk, meeting, fagleder, agenda):
    """Hanne (H) has forfall for item 2 only; Hilde (H 1) is called in for her there. In item 1 Henrik (H) is
    declared inhabil and Hilde takes his seat for that item."""
    first, second = agenda
    absence = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.hanne, items=[second])
    absence_confirm_substitute(actor=fagleder, absence=absence)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    recusal_register(actor=fagleder, item=first, membership=fsk.m.henrik, grounds="Nær slekt av søkeren",
                     substitute=fsk.s.hilde)
    return agenda


def test_met_for_is_recorded_per_item(fsk, meeting, hilde_in_two_roles):
    first, second = hilde_in_two_roles
    att = selectors.build_minutes_data(meeting, public=False)["attendance"]
    assert [(r["name"], r["for"], r["items"]) for r in att["met_for"]] == [
        ("Hilde Vara", "Henrik Fsk", [first.label]),
        ("Hilde Vara", "Hanne Fsk", [second.label]),
    ]
    assert att["met_for_lines"] == [
        f"Hilde Vara (H) møtte for Henrik Fsk i {first.label} og for Hanne Fsk i {second.label}"]
    assert {a["name"]: a["substitute"] for a in att["absent"]} == {"Hanne Fsk": "Hilde Vara"}


def test_the_protokoll_docx_prints_motte_for_per_item(fsk, meeting, hilde_in_two_roles):
    first, second = hilde_in_two_roles
    line = f"Hilde Vara (H) møtte for Henrik Fsk i {first.label} og for Hanne Fsk i {second.label}"
    content = registry.render("protokoll", meeting)
    for reader in (docx_text, mammoth_text):
        text = reader(content)
        assert "Møtte for" in text and line in text
        assert "Møtende varamedlemmer" not in text and "varamedlem for" not in text
        assert f"Hilde Vara (H) møtte for Hanne Fsk i {first.label}" not in text
    nynorsk = mammoth_text(registry.render("protokoll", meeting, maalform="nn"))
    assert "Møtte for" in nynorsk and line in nynorsk and "Møtande varamedlemmer" not in nynorsk


def test_the_protokoll_page_prints_motte_for(client, fagleder, meeting, hilde_in_two_roles):
    first, second = hilde_in_two_roles
    client.force_login(fagleder)
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "<h2>Møtte for</h2>" in page
    assert f"Hilde Vara (H) møtte for Henrik Fsk i {first.label} og for Hanne Fsk i {second.label}" in page
    assert "vara: " not in page
    live = client.get(reverse("meetings:live", args=[meeting.pk])).content.decode()
    assert f"Hilde Vara (H) møtte for Henrik Fsk i {first.label} og for Hanne Fsk i {second.label}" in live


def test_a_removed_attendance_is_not_in_motte_for(fsk, meeting, fagleder, hilde_in_two_roles):
    from secretariat.meetings.services import attendance_remove

    attendance_remove(actor=fagleder, attendance=meeting.attendances.get(membership=fsk.s.hilde),
                      reason="Feilregistrert")
    att = selectors.build_minutes_data(meeting, public=False)["attendance"]
    assert att["met_for"] == [] and att["met_for_lines"] == []
    assert {a["name"]: a["substitute"] for a in att["absent"]} == {"Hanne Fsk": ""}


# -- the innkalling --------------------------------------------------------------------------------------


def test_the_innkalling_lists_the_called_in_substitutes_and_not_the_absent(fsk, meeting, fagleder, agenda):
    second = agenda[1]
    anders = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.anders)
    absence_confirm_substitute(actor=fagleder, absence=anders)  # Arne
    absence_register(actor=fagleder, meeting=meeting, membership=fsk.s.arne)  # ... who then has forfall
    anders.refresh_from_db()
    absence_confirm_substitute(actor=fagleder, absence=anders)  # Astrid
    hanne = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.hanne, items=[second])
    absence_confirm_substitute(actor=fagleder, absence=hanne)  # Hilde, for item 2
    for reader in (docx_text, mammoth_text):
        text = reader(registry.render("innkalling", meeting))
        assert "Innkalte varamedlemmer" in text
        assert "Astrid Vara" in text and "Anders Fsk" in text  # she meets for him
        assert f"Hanne Fsk ({second.label})" in text
        assert "Arne Vara" not in text  # forfall for the whole meeting: not called
        members = text[text.index("Innkalte medlemmer"):text.index("Innkalte varamedlemmer")]
        assert "Anders Fsk" not in members and "Hanne Fsk" in members
    assert "Innkalla varamedlemer" in mammoth_text(registry.render("innkalling", meeting, maalform="nn"))


def test_the_meeting_page_lists_the_called_in_substitutes(client, fsk, meeting, fagleder, agenda):
    anders = absence_register(actor=fagleder, meeting=meeting, membership=fsk.m.anders)
    absence_confirm_substitute(actor=fagleder, absence=anders)
    absence_register(actor=fagleder, meeting=meeting, membership=fsk.s.arne)
    anders.refresh_from_db()
    absence_confirm_substitute(actor=fagleder, absence=anders)
    client.force_login(fagleder)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    called = page[page.index("Innkalte varamedlemmer"):page.index('id="medlemmer"')]
    assert "Astrid Vara (Ap) møter for Anders Fsk" in called and "Arne Vara" not in called


def test_minutes_frozen_before_met_for_existed_still_print_who_met_for_whom(fsk, meeting, hilde_in_two_roles):
    from django.utils import timezone

    from secretariat.meetings.models import Minutes

    data = selectors.build_minutes_data(meeting, public=False)
    del data["attendance"]["met_for"], data["attendance"]["met_for_lines"]  # as stored before issue 13
    Minutes.objects.create(meeting=meeting, approved_at=timezone.now(),
                           snapshot={"internal": selectors.freeze(data), "public": selectors.freeze(data)})
    meeting.refresh_from_db()
    att = selectors.minutes_data(meeting, public=False)["attendance"]
    assert att["met_for_lines"] == ["Hilde Vara (H) møtte for Hanne Fsk i " + ", ".join(
        i.label for i in hilde_in_two_roles)]  # what the old record said, not rebuilt from today's data
