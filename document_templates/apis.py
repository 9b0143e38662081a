"""Documents over the API: kinds, generated documents (metadata + download), generation, templates, klarspråk."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import path, reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from secretariat import access
from secretariat.accounts.roles import is_staff_member
from secretariat.api.input import validated
from secretariat.cases.plain_language import analyse

from . import registry
from .access import NoPublicVersion, version_to_serve
from .models import GeneratedDocument
from .tasks import queue_generation
from .validation import max_template_bytes, template_upload

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class GeneratedDocumentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    has_pdf = serializers.SerializerMethodField()
    # The archive's journalpost number once its receipt has come ("" before, or for a version never archived).
    journalpost = serializers.SerializerMethodField()

    class Meta:
        model = GeneratedDocument
        fields = ["id", "kind", "object_id", "public", "maalform", "filename", "checksum", "size",
                  "template_version", "input_version", "frozen", "created_at", "has_pdf", "pdf_checksum",
                  "download_url", "pdf_url", "journalpost"]

    def get_journalpost(self, obj) -> str:
        return self.context.get("journalposts", {}).get(obj.pk, "")

    def _url(self, obj, fmt):
        query = "?offentlig=1" if obj.public else ""
        query += ("&" if query else "?") + f"maalform={obj.maalform}"
        return reverse("api-document", args=[obj.kind, obj.object_id]) + query + f"&type={fmt}"

    def get_download_url(self, obj) -> str:
        return self._url(obj, "docx")

    def get_pdf_url(self, obj) -> str:
        return self._url(obj, "pdf")

    def get_has_pdf(self, obj) -> bool:
        return bool(obj.pdf_checksum)


def _resolve(request, kind: str, pk: int):
    try:
        document_kind = registry.get_kind(kind)
        obj = registry.get_object(document_kind, pk)
        maalform = registry.resolve_maalform(request.query_params.get("maalform") or None)
    except registry.DocumentError as exc:
        raise NotFound(exc.message) from None
    want_public = (request.query_params.get("offentlig") or request.query_params.get("public")) in ("1", "true")
    try:
        public = version_to_serve(request.user, document_kind, obj, want_public=want_public)
    except NoPublicVersion as exc:
        raise NotFound(str(exc)) from None  # the API's 404s say nothing, unless they say this much
    return document_kind, obj, public, maalform


class DocumentView(APIView):
    """GET: the current document (.docx or PDF) when stored, else 202 and generation is queued."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[
        OpenApiParameter("type", str, enum=["docx", "pdf"]), OpenApiParameter("offentlig", str),
        OpenApiParameter("maalform", str, enum=["nb", "nn"])],
        responses={200: bytes, 202: inline_serializer("DocumentQueued", {"detail": serializers.CharField()})})
    def get(self, request, kind: str, pk: int):
        fmt = request.query_params.get("type", "docx")
        if fmt not in ("docx", "pdf"):
            return Response({"detail": "Ukjent type. Bruk docx eller pdf.", "errors": {"type": ["Ukjent type."]}},
                            status=status.HTTP_400_BAD_REQUEST)
        _kind, obj, public, maalform = _resolve(request, kind, pk)
        response = self._stored(kind, obj, public, maalform, fmt)
        if response is not None:
            return response
        try:
            queue_generation(kind, obj, public=public, maalform=maalform, actor=request.user, pdf=(fmt == "pdf"))
        except registry.DocumentError as exc:
            raise ValidationError(exc.message) from None
        response = self._stored(kind, obj, public, maalform, fmt)  # done already when tasks run in-process
        if response is not None:
            return response
        return Response({"detail": "Dokumentet lages. Prøv igjen om litt."}, status=status.HTTP_202_ACCEPTED)


    @staticmethod
    def _stored(kind, obj, public, maalform, fmt):
        doc = registry.current_document(kind, obj, public=public, maalform=maalform)
        if doc is None or (fmt == "pdf" and not doc.pdf):
            return None
        content, name, ctype = ((bytes(doc.content), doc.filename, DOCX) if fmt == "docx"
                                else (bytes(doc.pdf), doc.pdf_filename, "application/pdf"))
        response = HttpResponse(content, content_type=ctype)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["X-Checksum-SHA256"] = doc.checksum if fmt == "docx" else doc.pdf_checksum
        return response


class GenerateView(APIView):
    """POST: queue generation (after commit); 202."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={202: inline_serializer("GenerateQueued", {"detail": serializers.CharField()})})
    def post(self, request, kind: str, pk: int):
        _kind, obj, public, maalform = _resolve(request, kind, pk)
        queue_generation(kind, obj, public=public, maalform=maalform, actor=request.user,
                         pdf=request.query_params.get("pdf") in ("1", "true"))
        return Response({"detail": "Dokumentet lages."}, status=status.HTTP_202_ACCEPTED)


class GeneratedListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=GeneratedDocumentSerializer(many=True))
    def get(self, request, kind: str, pk: int):
        _kind, obj, public, _maalform = _resolve(request, kind, pk)
        docs = GeneratedDocument.objects.filter(kind=kind, object_id=obj.pk).defer("content", "pdf")
        if public:
            docs = docs.filter(public=True)
        from secretariat.archive.selectors import journalposts

        numbers = {j.document_id: j.number for j in journalposts(kind, [obj.pk]).get(obj.pk, [])}
        return Response(GeneratedDocumentSerializer(docs[:100], many=True, context={"journalposts": numbers}).data)


class KindsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=inline_serializer("DocumentKindInfo", {"name": serializers.CharField(),
                                                                     "label": serializers.CharField()}, many=True))
    def get(self, request):
        return Response([{"name": k.name, "label": k.label} for k in registry.all_kinds()])


class TemplateUploadView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    class TemplateUpload(serializers.Serializer):
        kind = serializers.CharField(max_length=40)
        maalform = serializers.ChoiceField(choices=["nb", "nn"])
        file = serializers.FileField(error_messages={"required": "Velg en .docx-fil å laste opp.",
                                                     "empty": "Filen er tom.", "invalid": "Velg en .docx-fil å laste opp."})

    @extend_schema(request=TemplateUpload, responses={201: inline_serializer("TemplateStored", {
            "kind": serializers.CharField(), "maalform": serializers.CharField(), "version": serializers.IntegerField(),
            "checksum": serializers.CharField()})})
    def post(self, request):
        if not access.is_secretariat(request.user):
            raise PermissionDenied("Bare politisk sekretariat kan laste opp dokumentmaler.")
        data = validated(self.TemplateUpload, request)
        upload = data["file"]
        if upload.size > max_template_bytes():
            raise ValidationError({"file": f"Filen er for stor; grensen er {max_template_bytes() // (1024 * 1024)} MB."})
        template = template_upload(actor=request.user, kind=data["kind"], maalform=data["maalform"],
                                   content=upload.read(),
                                   filename=upload.name)
        return Response({"kind": template.kind, "maalform": template.maalform, "version": template.version,
                         "checksum": template.checksum}, status=status.HTTP_201_CREATED)


class PlainLanguageView(APIView):
    permission_classes = [IsAuthenticated]
    # The project's default parsers (secretariat/api/parsers.py): a JSON body must be an object, nesting is bounded.

    class PlainLanguageInput(serializers.Serializer):
        text = serializers.CharField(allow_blank=True, required=False, default="", max_length=20_000)

    @extend_schema(request=PlainLanguageInput, responses={200: dict})
    def post(self, request):
        if not is_staff_member(request.user):
            raise PermissionDenied("Denne tjenesten er for ansatte i kommunen.")
        return Response(analyse(validated(self.PlainLanguageInput, request)["text"]).as_dict())


def register(router) -> None:
    """Plain APIViews only (see urlpatterns)."""


urlpatterns = [
    path("dokumenter/typer/", KindsView.as_view(), name="api-document-kinds"),
    path("dokumenter/maler/", TemplateUploadView.as_view(), name="api-document-template-upload"),
    path("dokumenter/klarsprak/", PlainLanguageView.as_view(), name="api-plain-language"),
    path("dokumenter/<str:kind>/<int:pk>/", DocumentView.as_view(), name="api-document"),
    path("dokumenter/<str:kind>/<int:pk>/generer/", GenerateView.as_view(), name="api-document-generate"),
    path("dokumenter/<str:kind>/<int:pk>/genererte/", GeneratedListView.as_view(), name="api-document-list"),
]
