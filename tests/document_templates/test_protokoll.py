import pytest

from document_templates import registry
from document_templates.models import GeneratedDocument
from secretariat.meetings.models import Decision
from tests.helpers import meeting_took_place
from workflows.engine import run_transition

from .conftest import docx_text, mammoth_text


def test_minutes_record_proposals_votes_by_party_named_splits_and_the_decision(held_meeting):
    content = registry.render("protokoll", held_meeting)
    for reader in (docx_text, mammoth_text):
        text = reader(content)
        assert "Møteprotokoll" in text
        assert "Forslag 1 (Høyre): Gangvegen bygges i 2027." in text
        assert "Forslag 1 (Høyre): Forslaget falt med 3 mot 1 stemmer" in text
        assert "Ap: 0 for, 2 mot" in text
        assert "H: 1 for, 1 mot" in text
        assert "Medlem2 H (H): For" in text  # Høyre split: members named (koml. § 11-4)
        assert "Gangvegen bygges i 2026." in text
        order = [text.index(t) for t in ("Gangveg langs Skolevegen", "Sosialhjelp til Per Persen", "Tomtekjøp på Nesset")]
        assert order == sorted(order)


def test_public_minutes_leave_out_exempt_and_closed_items(held_meeting):
    text = mammoth_text(registry.render("protokoll", held_meeting, public=True))
    assert "Gangvegen bygges i 2026." in text
    assert "Per Persen" not in text and "Søknaden innvilges" not in text
    assert "Kommunen kjøper tomta" not in text
    assert "Saken ble behandlet i lukket møte" in text


def test_nynorsk_minutes(held_meeting):
    text = mammoth_text(registry.render("protokoll", held_meeting, maalform="nn"))
    assert "Til stades" in text
    assert "Røysting" in text
    assert "Framlegg 1 (Høyre)" in text
    assert "Framlegg 1 (Høyre): Framlegget fall med 3 mot 1 røyster" in text  # the vote in nynorsk too


def _approve(meeting, fagleder):
    from secretariat.meetings.models import Minutes

    Minutes.objects.update_or_create(meeting=meeting, defaults={"approval_label": "Formannskapet i neste møte"})
    for step in ("send_notice", "hold", "draft_minutes", "approve_minutes"):
        if step == "hold":
            meeting_took_place(meeting)
        meeting.refresh_from_db()
        kwargs = {"override_reason": "Test."} if step == "send_notice" else {}
        run_transition(meeting, step, actor=fagleder, **kwargs)
    meeting.refresh_from_db()


def test_approved_minutes_are_generated_once_and_never_change(held_meeting, fagleder,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _approve(held_meeting, fagleder)
    stored = GeneratedDocument.objects.filter(kind="protokoll", object_id=held_meeting.pk, public=False)
    assert stored.count() == 1  # generated on approval
    first = stored.get()
    assert first.frozen

    Decision.objects.filter(agenda_item__meeting=held_meeting).update(text="Endret etterpå.")
    again = registry.generate("protokoll", held_meeting, actor=fagleder)
    assert again.pk == first.pk
    assert again.checksum == first.checksum
    assert "Gangvegen bygges i 2026." in docx_text(bytes(again.content))
    with pytest.raises(registry.DocumentFrozen, match="godkjent og låst"):
        registry.generate("protokoll", held_meeting, actor=fagleder, force=True)
    assert GeneratedDocument.objects.filter(kind="protokoll", object_id=held_meeting.pk, public=False).count() == 1


def test_særutskrift_has_one_items_record(held_meeting, plain_case):
    item = held_meeting.agenda_items.get(consultation__case=plain_case)
    text = mammoth_text(registry.render("saerutskrift", item))
    assert "Særutskrift" in text
    assert plain_case.arkivsaksnummer in text
    assert "Gangvegen bygges i 2026." in text
    assert "Sosialhjelp" not in text
    assert "Rett utskrift" in text
    assert "Rett utskrift stadfesta" in mammoth_text(registry.render("saerutskrift", item, maalform="nn"))
