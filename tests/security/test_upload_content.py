"""An upload is judged by its content, not only by its name: a «PDF» that is HTML with script, a «PNG» that is SVG, a
.docx that is a plain zip, a text file with binary bytes are refused with a Norwegian message on every page that
takes a file — case vedlegg, a godtgjøring receipt, course material, the kommune's logo in the admin — and nothing
is written (no row, no file on disk). Real files of every allowed type are still taken, stored whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from document_templates.attachments import ALLOWED_SUFFIXES
from secretariat.cases.models import CaseAttachment
from secretariat.organizations.models import Body
from secretariat.remuneration.models import Claim, ClaimLine
from secretariat.training.models import Material
from secretariat.training.services import course_create
from tests.factories import TermFactory, UserFactory
from tests.helpers import new_case
from tests.secretariat.remuneration.conftest import kommune  # noqa: F401 (a fixture: a member with a claim)
from tests.upload_samples import LYING, SVG, VALID, docx_file, png
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db

MISMATCH = "Innholdet i filen stemmer ikke med filtypen"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_in(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


# --- one way in per page that stores a file: post it, say what the page answered, count what was written ---------

class CaseAttachmentPage:
    def __init__(self, client, saksbehandler, formannskapet):
        self.case = new_case(organization=formannskapet, officer=saksbehandler)
        self.url = reverse("documents:attachment_upload", args=[self.case.pk])
        client.force_login(saksbehandler)
        self.client = client

    def post(self, name: str, content: bytes) -> str:
        response = self.client.post(self.url, {"title": "Vedlegg", "file": SimpleUploadedFile(name, content)})
        assert response.status_code == 302
        return said(response)

    def stored(self):
        return list(CaseAttachment.objects.filter(case=self.case))

    def trail(self) -> int:
        return AuditEntry.for_object(self.case).count()

    def download(self, row) -> bytes:
        return b"".join(self.client.get(reverse("documents:attachment", args=[row.pk])).streaming_content)


class ReceiptPage:
    def __init__(self, client, world):
        self.claim = Claim.objects.get(person=world.kari, meeting=world.meeting_a)
        self.url = f"/intern/godtgjoring/krav/{self.claim.pk}/linje/"
        client.force_login(world.kari.user)
        self.client = client

    def post(self, name: str, content: bytes) -> str:
        response = self.client.post(self.url, {"kind": "utlegg", "amount": "120", "description": "Parkering",
                                               "file": SimpleUploadedFile(name, content)})
        assert response.status_code in (302, 400)
        return said(response) + response.content.decode()

    def stored(self):
        return list(ClaimLine.objects.filter(claim=self.claim).exclude(attachment=""))

    def trail(self) -> int:
        return AuditEntry.for_object(self.claim).count()

    def download(self, row) -> bytes:
        url = reverse("remuneration:attachment", args=[self.claim.pk, row.pk])
        return b"".join(self.client.get(url).streaming_content)


class MaterialPage:
    def __init__(self, client, fagleder):
        self.course = course_create(actor=fagleder, data={"term": TermFactory(), "title": "Budsjett",
                                                          "audience": "alle"})
        self.url = reverse("training:material_add", args=[self.course.pk])
        client.force_login(fagleder)
        self.client = client

    def post(self, name: str, content: bytes) -> str:
        response = self.client.post(self.url, {"title": "Lysark", "file": SimpleUploadedFile(name, content)})
        assert response.status_code in (302, 400)
        return said(response) + response.content.decode()

    def stored(self):
        return list(Material.objects.filter(course=self.course))

    def trail(self) -> int:
        return AuditEntry.for_object(self.course).count()

    def download(self, row) -> bytes:
        return b"".join(self.client.get(reverse("training:material", args=[row.pk])).streaming_content)


@pytest.fixture(params=["vedlegg", "kvittering", "kursmateriell"])
def upload_page(request, client, media):
    if request.param == "vedlegg":
        return CaseAttachmentPage(client, request.getfixturevalue("saksbehandler"),
                                  request.getfixturevalue("formannskapet"))
    if request.param == "kvittering":
        return ReceiptPage(client, request.getfixturevalue("kommune"))
    return MaterialPage(client, request.getfixturevalue("fagleder"))


def test_every_allowed_suffix_has_a_real_sample_here():
    assert set(VALID) == set(ALLOWED_SUFFIXES)


def test_files_whose_content_lies_about_their_type_are_refused_and_nothing_is_written(upload_page, media):
    trail = upload_page.trail()
    for name, content, detail in LYING:
        answer = upload_page.post(name, content)
        assert f"{MISMATCH} {Path(name).suffix}." in answer, (name, answer[-1500:])
        assert detail in answer, name
        assert upload_page.stored() == [], name
        assert files_in(media) == [], name
    assert upload_page.trail() == trail


def test_real_files_of_every_allowed_type_are_taken_and_stored_whole(upload_page, media):
    for suffix, content in VALID.items():
        answer = upload_page.post(f"fil{suffix}", content)
        assert MISMATCH not in answer, (suffix, answer[-1500:])
    rows = upload_page.stored()
    assert len(rows) == len(VALID)
    # The check read the start of each file and left it at position 0: what is stored is all of it.
    assert sorted(upload_page.download(row) for row in rows) == sorted(VALID.values())
    assert len(files_in(media)) == len(VALID)


def test_documents_libreoffice_saves_are_accepted(client, saksbehandler, formannskapet, media, libreoffice):
    """Real .doc (the OLE compound file of Word 97–2003), .odt and .pdf, as LibreOffice writes them."""
    from document_templates.pdf import docx_to

    page = CaseAttachmentPage(client, saksbehandler, formannskapet)
    saved = {fmt: docx_to(docx_file(), fmt) for fmt in ("doc", "odt", "pdf")}
    for fmt, content in saved.items():
        answer = page.post(f"notat.{fmt}", content)
        assert MISMATCH not in answer, (fmt, answer)
    assert len(page.stored()) == 3


def test_a_svg_logo_is_refused_in_the_admin_and_a_png_one_is_taken(client, body, media):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    url = reverse("admin:organizations_body_change", args=[body.pk])
    form = {"name": body.name, "kommunenummer": body.kommunenummer, "maalform": body.maalform,
            "population": body.population or "", "website": "", "email": "", "address": "", "_save": "Lagre"}
    for name, content, message in [("logo.svg", SVG, "PNG- eller JPG-format"), ("logo.png", SVG, f"{MISMATCH} .png.")]:
        response = client.post(url, {**form, "logo": SimpleUploadedFile(name, content)})
        assert response.status_code == 200 and message in response.content.decode(), name
        body.refresh_from_db()
        assert not body.logo and files_in(media) == []
    response = client.post(url, {**form, "logo": SimpleUploadedFile("logo.png", png())})
    assert response.status_code == 302
    body.refresh_from_db()
    assert Path(body.logo.path).read_bytes() == png()
    assert Body.objects.count() == 1


def test_a_member_cannot_slip_a_lying_receipt_past_the_check_by_its_content_type(kommune, client, media):  # noqa: F811
    """The browser's Content-Type is the uploader's word too: image/png on an SVG changes nothing."""
    page = ReceiptPage(client, kommune)
    response = client.post(page.url, {"kind": "utlegg", "amount": "120", "description": "Parkering",
                                      "file": SimpleUploadedFile("kvittering.png", SVG, "image/png")})
    assert response.status_code == 400 and f"{MISMATCH} .png." in response.content.decode()
    assert page.stored() == [] and files_in(media) == []
    page.post("kvittering.png", png())
    assert len(page.stored()) == 1


def test_a_damaged_zip_package_is_refused_in_norwegian_only(upload_page, media):
    """A «.docx» that starts like a zip but is not one. Before: the message ended with Python's own English words,
    «(File is not a zip file)»."""
    answer = upload_page.post("notat.docx", b"PK\x03\x04" + b"skadet" * 200)
    assert "Filen er skadet og kan ikke åpnes. Lagre den på nytt" in answer, answer[-1500:]
    assert "zip file" not in answer.lower()
    assert upload_page.stored() == [] and files_in(media) == []
