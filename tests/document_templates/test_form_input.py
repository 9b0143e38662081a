"""Bad input on the attachment upload and the kort fortalt assistant (issue 12), through HTTP as the case officer:
a Norwegian message (JSON for the assistant), never a 500, nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from secretariat.cases.models import TITLE_MAX, CaseAttachment
from secretariat.common.forms import TEXT_MAX_LENGTH


@pytest.fixture
def draft_case(saksbehandler, formannskapet):
    from tests.helpers import new_case

    return new_case(organization=formannskapet, officer=saksbehandler)


def _pdf():
    return SimpleUploadedFile("kart.pdf", b"%PDF-1.4 kart")


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": "T" * (TITLE_MAX + 1)}, f"{TITLE_MAX} eller færre tegn"),
    ({"exempt": "on", "exempt_basis": "offl. § 99"}, "Ukjent hjemmel."),
    ({"exempt_basis": ["a", "b"]}, "Ukjent hjemmel."),
    ({}, None),
])
def test_an_attachment_with_bad_fields_is_refused_and_not_saved(client, saksbehandler, draft_case, fields, message):
    client.force_login(saksbehandler)
    url = reverse("documents:attachment_upload", args=[draft_case.pk])
    with_file = {**fields, "file": _pdf()} if message else fields
    page = client.post(url, with_file, follow=True).content.decode()
    assert (message or "Velg en fil å laste opp.") in page
    assert not CaseAttachment.objects.exists()


def test_a_valid_attachment_is_still_saved_with_its_basis(client, saksbehandler, draft_case):
    client.force_login(saksbehandler)
    client.post(reverse("documents:attachment_upload", args=[draft_case.pk]),
                {"file": _pdf(), "title": "Kart", "exempt": "on", "exempt_basis": "offl13_fvl13_1"})
    attachment = CaseAttachment.objects.get()
    assert (attachment.title, attachment.exempt) == ("Kart", True)


def test_the_assistant_answers_a_huge_text_with_a_json_400(client, saksbehandler):
    client.force_login(saksbehandler)
    response = client.post(reverse("documents:plain_language"), {"text": "ord " * TEXT_MAX_LENGTH})
    assert response.status_code == 400
    assert "eller færre tegn" in response.json()["detail"]
    assert "text" in response.json()["errors"]
