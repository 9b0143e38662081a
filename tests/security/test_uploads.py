"""Zip-based uploads (issue 12, part 5): a .docx template or a zip-based attachment is judged from its zip
directory (unpacked size, number of parts, compression ratio) before anything parses or inflates it. Through HTTP,
as the fagleder and the case officer upload them."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from document_templates.builder import DocBuilder
from document_templates.models import DocumentTemplate
from secretariat.cases.models import CaseAttachment
from tests.helpers import new_case

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _valid_docx() -> bytes:
    b = DocBuilder(title="Kommunens mal")
    b.paragraph("{{ case.title }}")
    return b.to_bytes()


def _copy_docx_into(archive: zipfile.ZipFile) -> None:
    with zipfile.ZipFile(io.BytesIO(_valid_docx())) as source:
        for info in source.infolist():
            archive.writestr(info, source.read(info))


@pytest.fixture
def bomb_path(tmp_path):
    """A real .docx with one extra part of 400 MB zeros: about 0.4 MB on disk. Written in 1 MB chunks to a file,
    so the 400 MB never exist in memory."""
    path = tmp_path / "bombe.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _copy_docx_into(archive)
        with archive.open("word/media/fyll.bin", "w", force_zip64=True) as member:
            chunk = bytes(MB)
            for _ in range(400):
                member.write(chunk)
    assert path.stat().st_size < MB
    return path


@pytest.fixture
def fagleder_client(client, fagleder):
    client.force_login(fagleder)
    return client


def _post_template(client, upload, *, api=False):
    data = {"kind": "saksframlegg", "maalform": "nb", "file": upload}
    return client.post("/api/dokumenter/maler/" if api else reverse("documents:templates"), data)


@pytest.mark.parametrize("api", [False, True], ids=["skjema", "api"])
def test_a_template_that_unpacks_to_400_mb_is_refused_quickly_and_nothing_is_stored(fagleder_client, bomb_path, api):
    started = time.monotonic()
    with open(bomb_path, "rb") as handle:
        response = _post_template(fagleder_client, handle, api=api)
    elapsed = time.monotonic() - started
    # Inflating 400 MB takes seconds; reading the directory takes milliseconds.
    assert elapsed < 3, f"took {elapsed:.1f} s: the file was unpacked"
    if api:
        assert response.status_code == 400
        message = response.json()["errors"]["file"][0]
    else:
        assert response.status_code == 200
        message = " ".join(response.context["form"].errors["file"])
    assert "for stor når den pakkes ut" in message and "50 MB" in message
    assert not DocumentTemplate.objects.exists()


def test_a_template_with_10000_parts_is_refused(fagleder_client, tmp_path):
    path = tmp_path / "mange.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _copy_docx_into(archive)
        for i in range(10_000):
            archive.writestr(f"customXml/fyll{i}.xml", b"")
    with open(path, "rb") as handle:
        response = _post_template(fagleder_client, handle, api=True)
    assert response.status_code == 400
    assert "grensen er 2000" in response.json()["errors"]["file"][0]
    assert not DocumentTemplate.objects.exists()


def test_a_part_packed_more_than_100_to_1_is_refused_even_when_the_total_is_small(fagleder_client, tmp_path):
    path = tmp_path / "hard.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _copy_docx_into(archive)
        archive.writestr("word/media/fyll.bin", bytes(10 * MB))
    with open(path, "rb") as handle:
        response = _post_template(fagleder_client, handle, api=True)
    assert response.status_code == 400
    assert "mer enn 100 ganger større" in response.json()["errors"]["file"][0]


def _understate(content: bytes, name: str, declared: int) -> bytes:
    """Rewrite the uncompressed size of one member in its local header and in the central directory."""
    data = bytearray(content)
    encoded = name.encode()
    position = 0
    while (position := data.find(encoded, position + 1)) != -1:
        if data[position - 30:position - 26] == b"PK\x03\x04":
            data[position - 30 + 22:position - 30 + 26] = declared.to_bytes(4, "little")
        elif data[position - 46:position - 42] == b"PK\x01\x02":
            data[position - 46 + 24:position - 46 + 28] = declared.to_bytes(4, "little")
    return bytes(data)


def test_a_zip_whose_directory_understates_a_part_is_refused_without_being_unpacked(fagleder_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _copy_docx_into(archive)
        archive.writestr("word/media/fyll.bin", bytes(40 * MB))
    lying = _understate(buffer.getvalue(), "word/media/fyll.bin", 1000)
    with zipfile.ZipFile(io.BytesIO(lying)) as archive:
        assert archive.getinfo("word/media/fyll.bin").file_size == 1000
    response = _post_template(fagleder_client, SimpleUploadedFile("lyver.docx", lying), api=True)
    assert response.status_code == 400
    # Refused by the bounded read of the guard, which names the part (the parser's own error names no part).
    message = response.json()["errors"]["file"][0]
    assert "skadet" in message and "fyll.bin" in message
    assert not DocumentTemplate.objects.exists()


def test_a_normal_template_is_still_accepted(fagleder_client):
    response = _post_template(fagleder_client, SimpleUploadedFile("mal.docx", _valid_docx()), api=True)
    assert response.status_code == 201, response.content
    assert response.json()["version"] == 1
    assert DocumentTemplate.objects.filter(kind="saksframlegg", maalform="nb", version=1).exists()


def test_a_zip_bomb_attachment_is_refused_and_a_normal_one_accepted(client, saksbehandler, formannskapet, bomb_path):
    case = new_case(organization=formannskapet, officer=saksbehandler)
    client.force_login(saksbehandler)
    url = reverse("documents:attachment_upload", args=[case.pk])
    with open(bomb_path, "rb") as handle:
        response = client.post(url, {"title": "Regneark", "file": SimpleUploadedFile("tall.xlsx", handle.read())},
                               follow=True)
    assert "for stor når den pakkes ut" in response.content.decode()
    assert not CaseAttachment.objects.filter(case=case).exists()
    client.post(url, {"title": "Notat", "file": SimpleUploadedFile("notat.docx", _valid_docx())})
    assert CaseAttachment.objects.filter(case=case, title="Notat").exists()
