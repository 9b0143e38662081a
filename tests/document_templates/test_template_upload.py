import io
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from document_templates import registry
from document_templates.builder import DocBuilder
from document_templates.models import DocumentTemplate
from document_templates.validation import template_upload

from .conftest import docx_text


def _template(*lines: str) -> bytes:
    b = DocBuilder(title="Kommunens mal")
    for line in lines:
        b.paragraph(line)
    return b.to_bytes()


def _upload(client, content: bytes, name="mal.docx", kind="saksframlegg", maalform="nb"):
    return client.post(reverse("documents:templates"),
                       {"kind": kind, "maalform": maalform, "file": SimpleUploadedFile(name, content)})


@pytest.fixture
def secretariat_client(client, fagleder):
    client.force_login(fagleder)
    return client


def test_a_valid_template_is_stored_and_used_for_rendering(secretariat_client, plain_case):
    content = _template("FJORDVIK EGEN MAL", "{{ case.title }}", "{{ paper.summary }}")
    response = _upload(secretariat_client, content)
    assert response.status_code == 302
    stored = DocumentTemplate.objects.get(kind="saksframlegg", maalform="nb")
    assert stored.version == 1 and len(stored.checksum) == 64
    text = docx_text(registry.render("saksframlegg", plain_case, maalform="nb"))
    assert "FJORDVIK EGEN MAL" in text and "Gangveg langs Skolevegen" in text
    # Nynorsk still uses the standard template.
    assert "FJORDVIK EGEN MAL" not in docx_text(registry.render("saksframlegg", plain_case, maalform="nn"))


def test_a_generated_document_records_the_template_version(fagleder, plain_case):
    standard = registry.generate("saksframlegg", plain_case, maalform="nb")
    assert standard.template_version == "standard-1"
    template_upload(actor=fagleder, kind="saksframlegg", maalform="nb", content=_template("{{ case.title }}"),
                    filename="mal.docx")
    again = registry.generate("saksframlegg", plain_case, maalform="nb")
    assert again.pk != standard.pk
    assert again.template_version == "kommune-1"


@pytest.mark.parametrize("content, name, message", [
    (b"%PDF-1.4 not a word file", "mal.pdf", "Word-fil (.docx)"),
    (b"just text, not a zip", "mal.docx", "ikke en gyldig .docx"),
])
def test_it_refuses_files_that_are_not_docx(secretariat_client, content, name, message):
    response = _upload(secretariat_client, content, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_it_refuses_a_corrupt_docx(secretariat_client):
    good = _template("{{ case.title }}")
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]  # truncated XML
            dst.writestr(item, data)
    response = _upload(secretariat_client, broken.getvalue())
    assert "skadet" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_it_refuses_a_docx_without_a_document_part(secretariat_client):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("hello.txt", "hei")
    response = _upload(secretariat_client, archive.getvalue())
    assert "mangler word/document.xml" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_it_names_an_unknown_top_level_field(secretariat_client):
    response = _upload(secretariat_client, _template("{{ saken.title }}"))
    assert "«saken»" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_it_names_a_misspelt_field(secretariat_client):
    response = _upload(secretariat_client, _template("{{ case.titel }}"))
    body = response.content.decode()
    assert "ukjent felt" in body and "«titel»" in body
    assert not DocumentTemplate.objects.exists()


def test_it_reports_a_broken_tag(secretariat_client):
    response = _upload(secretariat_client, _template("{{ case.title "))
    assert "feil i en flettekode" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(secretariat_client, settings):
    settings.SAKSGANG_TEMPLATE_MAX_BYTES = 10_000
    content = _template("{{ case.title }}", "x" * 50_000)
    assert len(content) > 10_000
    response = _upload(secretariat_client, content)
    assert "grensen er" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_only_the_secretariat_may_upload(client, saksbehandler):
    client.force_login(saksbehandler)
    response = _upload(client, _template("{{ case.title }}"))
    assert response.status_code == 403
    assert not DocumentTemplate.objects.exists()


def test_every_standard_template_passes_its_own_validation(fagleder):
    for kind in registry.all_kinds():
        for maalform in ("nb", "nn"):
            content = registry.default_template_bytes(kind, maalform)
            template_upload(actor=fagleder, kind=kind.name, maalform=maalform, content=content,
                            filename=f"{kind.name}.docx")
    assert DocumentTemplate.objects.count() == 2 * len(registry.all_kinds())


def test_the_standard_template_can_be_downloaded_as_a_starting_point(secretariat_client):
    response = secretariat_client.get(reverse("documents:template_download", args=["innkalling", "nn", "standard"]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "{{ meeting.organization }}" in text


def test_the_api_refuses_a_bad_template_with_the_field_named(client, fagleder):
    client.force_login(fagleder)
    response = client.post("/api/dokumenter/maler/", {"kind": "saksframlegg", "maalform": "nb",
                                                      "file": SimpleUploadedFile("m.docx", _template("{{ case.titel }}"))})
    assert response.status_code == 400
    assert "titel" in response.json()["errors"]["file"][0]
    with pytest.raises(ValidationError):
        template_upload(actor=fagleder, kind="ukjent", maalform="nb", content=b"", filename="x.docx")
