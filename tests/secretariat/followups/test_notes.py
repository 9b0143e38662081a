"""Progress notes: by the responsible person (or fagleder/kommunedirektør), never empty, audited."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from secretariat.followups.models import FollowUpNote
from secretariat.followups.services import followup_note_add
from workflows.errors import TransitionForbidden
from workflows.models import AuditEntry


def test_the_responsible_person_posts_a_note(followup, saksbehandler):
    note = followup_note_add(followup=followup, actor=saksbehandler, text="Skiltene er bestilt.")
    assert followup.latest_note == note
    assert AuditEntry.for_object(followup).filter(action="statusmelding", comment="Skiltene er bestilt.").exists()


def test_someone_not_responsible_cannot_post_a_note(followup, other_saksbehandler):
    with pytest.raises(TransitionForbidden):
        followup_note_add(followup=followup, actor=other_saksbehandler, text="Hei")
    assert not FollowUpNote.objects.exists()


def test_an_empty_note_is_refused(followup, saksbehandler):
    with pytest.raises(ValidationError):
        followup_note_add(followup=followup, actor=saksbehandler, text="   ")
    assert not FollowUpNote.objects.exists()


def test_the_page_shows_a_clear_message_to_someone_not_responsible(client, followup, other_saksbehandler):
    client.force_login(other_saksbehandler)
    response = client.post(reverse("followups:note", args=[followup.pk]), {"text": "Hei"}, follow=True)
    assert "Bare den som er ansvarlig" in response.content.decode()
    assert not FollowUpNote.objects.exists()


def test_the_page_lets_the_responsible_person_post_and_move(client, followup, saksbehandler):
    client.force_login(saksbehandler)
    page = client.get(reverse("followups:detail", args=[followup.pk])).content.decode()
    assert "Start arbeidet" in page and "Ny statusmelding" in page
    client.post(reverse("followups:note", args=[followup.pk]), {"text": "I gang."})
    client.post(reverse("followups:transition", args=[followup.pk]), {"transition": "start"})
    followup.refresh_from_db()
    assert followup.state == "pagar"
    assert "I gang." in client.get(reverse("followups:detail", args=[followup.pk])).content.decode()
