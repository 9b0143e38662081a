"""One way to send a generated .docx to the browser."""

from django.http import HttpResponse

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def file_response(content: bytes, filename: str, content_type: str = DOCX) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Length"] = str(len(content))
    return response


def docx_response(content: bytes, filename: str) -> HttpResponse:
    return file_response(bytes(content), filename, DOCX)
