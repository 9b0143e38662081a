"""Every route that sends back an uploaded file — a case's vedlegg (staff and the public portal), a godtgjøring
receipt, course material — sends it as a download with the Content-Type of its checked suffix, tells the browser not
to sniff it, and sandboxes it should anything render it. A file stored before uploads were checked by content (an
.txt that is HTML, an .svg from an older version) cannot run script either."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from secretariat.cases.models import CaseAttachment
from secretariat.remuneration.models import Claim
from secretariat.remuneration.services import claim_line_add
from secretariat.training.models import Material
from secretariat.training.services import course_create
from tests.factories import TermFactory
from tests.helpers import case_in_state
from tests.secretariat.remuneration.conftest import kommune  # noqa: F401 (a fixture: a member with a claim)
from tests.upload_samples import HTML, SVG, VALID

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def assert_served_safely(response, content_type: str, filename: str, content: bytes) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;") and filename in response["Content-Disposition"]
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy, policy
    assert b"".join(response.streaming_content) == content


def test_a_case_attachment_is_served_safely_to_staff_and_on_the_portal(client, saksbehandler, formannskapet,
                                                                       fagleder, kommunedirektor):
    case = case_in_state("vedtatt", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    kinds = [("kart.pdf", VALID[".pdf"], "application/pdf"), ("gammel.txt", HTML, "text/plain"),
             ("tegning.svg", SVG, "application/octet-stream"),
             ("notat.docx", VALID[".docx"],
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    for position, (name, content, content_type) in enumerate(kinds, start=1):
        attachment = CaseAttachment.objects.create(case=case, title=name, position=position,
                                                   file=ContentFile(content, name=name))
        client.force_login(saksbehandler)
        assert_served_safely(client.get(reverse("documents:attachment", args=[attachment.pk])), content_type, name,
                             content)
        client.logout()
        assert_served_safely(client.get(reverse("innsyn:attachment", args=[attachment.pk])), content_type, name,
                             content)


def test_a_receipt_is_served_safely(kommune, client):  # noqa: F811
    claim = Claim.objects.get(person=kommune.kari, meeting=kommune.meeting_a)
    line = claim_line_add(actor=kommune.kari.user, claim=claim, kind="utlegg", amount=120, description="Parkering",
                          upload=ContentFile(VALID[".png"], name="kvittering.png"))
    client.force_login(kommune.kari.user)
    response = client.get(reverse("remuneration:attachment", args=[claim.pk, line.pk]))
    assert_served_safely(response, "image/png", "kvittering.png", VALID[".png"])


def test_course_material_is_served_safely(client, fagleder):
    course = course_create(actor=fagleder, data={"term": TermFactory(), "title": "Budsjett", "audience": "alle"})
    client.force_login(fagleder)
    for name, content, content_type in [("tall.csv", VALID[".csv"], "text/csv"),
                                        ("lysark.svg", SVG, "application/octet-stream")]:
        material = Material.objects.create(course=course, title=name, file=ContentFile(content, name=name))
        assert_served_safely(client.get(reverse("training:material", args=[material.pk])), content_type, name,
                             content)
