"""One way to send a generated .docx to the browser, and one way to send back a file a person uploaded."""

from pathlib import PurePosixPath

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse

from .filetypes import content_type_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# A browser that renders an uploaded file anyway (a PDF viewer, an image opened in a tab) treats it as a page from
# nowhere: no script, no forms, no access to Saksgang's cookies or origin.
USER_FILE_CSP = "sandbox; default-src 'none'"


def file_response(content: bytes, filename: str, content_type: str = DOCX) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Length"] = str(len(content))
    return response


def docx_response(content: bytes, filename: str) -> HttpResponse:
    return file_response(bytes(content), filename, DOCX)


def user_file_response(file: FieldFile, filename: str = "") -> FileResponse:
    """An uploaded file (vedlegg, kvittering, kursmateriell) as a download: never shown inline, the Content-Type of
    its suffix (which the upload checked against the content, attachments.upload_errors), never sniffed, and
    sandboxed should anything render it. `filename` defaults to the stored file's name."""
    name = filename or PurePosixPath(file.name).name
    try:
        handle = file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("Filen finnes ikke lenger.") from None
    response = FileResponse(handle, as_attachment=True, filename=name,
                            content_type=content_type_for(PurePosixPath(file.name).suffix))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = USER_FILE_CSP
    return response
