from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from document_templates.models import GeneratedDocument
from secretariat.cases.models import CaseAttachment

from .conftest import SUMMARY_1, SUMMARY_2, docx_text


def test_the_case_page_links_to_the_saksframlegg_and_the_download_serves_a_stored_docx(client, fetch, saksbehandler,
                                                                                      plain_case):
    client.force_login(saksbehandler)
    page = client.get(reverse("cases:detail", args=[plain_case.pk])).content.decode()
    url = reverse("documents:download", args=["saksframlegg", plain_case.pk, "docx"])
    assert url in page
    response = fetch(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert SUMMARY_1 in docx_text(response.content)
    assert GeneratedDocument.objects.filter(kind="saksframlegg", object_id=plain_case.pk, public=False).count() == 1


def test_someone_without_access_to_exempt_content_gets_only_the_public_version(client, fetch, other_saksbehandler,
                                                                             exempt_case):
    client.force_login(other_saksbehandler)
    response = fetch(reverse("documents:download", args=["saksframlegg", exempt_case.pk, "docx"]))
    assert response.status_code == 200
    text = docx_text(response.content)
    assert SUMMARY_2 not in text and "Per Persen" not in text
    assert "Søknad om økonomisk stønad" in text


def test_the_api_queues_generation_then_serves_the_document_with_its_checksum(client, fagleder, meeting,
                                                                             django_capture_on_commit_callbacks):
    client.force_login(fagleder)
    url = f"/api/dokumenter/innkalling/{meeting.pk}/?type=docx&maalform=nn"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url).status_code == 202
    response = client.get(url)
    assert response.status_code == 200
    assert "Forfall må meldast" in docx_text(response.content)
    listing = client.get(f"/api/dokumenter/innkalling/{meeting.pk}/genererte/").json()
    assert listing[0]["checksum"] == response["X-Checksum-SHA256"]
    assert listing[0]["maalform"] == "nn"


def test_the_api_answers_404_for_an_unknown_kind(client, fagleder):
    client.force_login(fagleder)
    response = client.get("/api/dokumenter/vedtaksbrev/1/")
    assert response.status_code == 404
    assert "Ukjent dokumenttype" in response.json()["detail"] or response.json()["detail"]


def test_anonymous_users_get_nothing(client, plain_case):
    response = client.get(reverse("documents:download", args=["saksframlegg", plain_case.pk, "docx"]))
    assert response.status_code == 302


def test_attachments_are_uploaded_listed_in_the_paper_and_refused_when_too_big(client, fetch, saksbehandler,
                                                                              formannskapet, settings):
    from tests.helpers import new_case

    case = new_case(organization=formannskapet, officer=saksbehandler)
    client.force_login(saksbehandler)
    url = reverse("documents:attachment_upload", args=[case.pk])
    client.post(url, {"title": "Kart over traseen", "file": SimpleUploadedFile("kart.pdf", b"%PDF-1.4 kart")})
    assert CaseAttachment.objects.filter(case=case, title="Kart over traseen").exists()
    settings.SAKSGANG_ATTACHMENT_MAX_BYTES = 10
    response = client.post(url, {"file": SimpleUploadedFile("stor.pdf", b"x" * 100)}, follow=True)
    assert "grensen er" in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("virus.exe", b"MZ")}, follow=True)
    assert CaseAttachment.objects.filter(case=case).count() == 1
    download = fetch(reverse("documents:download", args=["saksframlegg", case.pk, "docx"]))
    assert "1. Kart over traseen" in docx_text(download.content)


def test_only_the_case_officer_may_add_attachments(client, other_saksbehandler, plain_case):
    client.force_login(other_saksbehandler)
    client.post(reverse("documents:attachment_upload", args=[plain_case.pk]),
                {"file": SimpleUploadedFile("kart.pdf", b"%PDF-1.4")})
    assert not CaseAttachment.objects.filter(case=plain_case).exists()


def test_the_secretariat_downloads_the_notice_and_minutes_from_the_meeting_documents_page(client, fetch, fagleder,
                                                                                          held_meeting):
    client.force_login(fagleder)
    page = client.get(reverse("documents:templates")).content.decode()
    assert reverse("documents:meeting", args=[held_meeting.pk]) in page
    page = client.get(reverse("documents:meeting", args=[held_meeting.pk])).content.decode()
    notice_url = reverse("documents:download", args=["innkalling", held_meeting.pk, "docx"])
    minutes_url = reverse("documents:download", args=["protokoll", held_meeting.pk, "docx"])
    assert notice_url in page and minutes_url in page
    assert SUMMARY_2 in docx_text(fetch(notice_url).content)  # the members' version has the full sakskart
    assert "Gangvegen bygges i 2026." in docx_text(fetch(minutes_url).content)


def test_a_politician_cannot_fetch_a_draft_case_paper(client, folkevalgt, formannskapet, saksbehandler):
    from tests.helpers import new_case

    draft = new_case(organization=formannskapet, officer=saksbehandler)
    client.force_login(folkevalgt)
    response = client.get(reverse("documents:download", args=["saksframlegg", draft.pk, "docx"]) + "?offentlig=1")
    assert response.status_code == 403
    assert not GeneratedDocument.objects.exists()


def test_the_api_lists_the_kinds_and_checks_kort_fortalt(client, saksbehandler):
    client.force_login(saksbehandler)
    names = {k["name"] for k in client.get("/api/dokumenter/typer/").json()}
    assert {"saksframlegg", "innkalling", "protokoll", "saerutskrift"} <= names
    data = client.post("/api/dokumenter/klarsprak/", {"text": "Vi skal iverksette tiltak."},
                       content_type="application/json").json()
    assert data["jargon"][0]["suggestion"] == "starte, sette i gang"
    assert data["lix_ok"] is True
