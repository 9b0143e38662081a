"""Staff UI: kommune templates (list, upload, download, stop using) and document downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from secretariat import access
from secretariat.accounts.roles import is_staff_member
from secretariat.cases.plain_language import analyse

from . import registry
from .access import may_offer_public, may_see_internal, version_to_serve
from .forms import AttachmentForm, PlainLanguageForm, TemplateUploadForm
from .http import DOCX, file_response, user_file_response
from .models import DocumentTemplate
from .pdf import ensure_pdf
from .tasks import queue_generation
from .validation import max_template_bytes, template_deactivate, template_upload


def _require_fagleder(user) -> None:
    access.require_secretariat(user, "Bare politisk sekretariat kan endre dokumentmalene.")


@login_required
def template_list(request):
    if not is_staff_member(request.user):
        raise PermissionDenied("Denne siden er for ansatte i kommunen.")
    kinds = registry.all_kinds()
    form = TemplateUploadForm(kinds=kinds)
    if request.method == "POST":
        _require_fagleder(request.user)
        form = TemplateUploadForm(request.POST, request.FILES, kinds=kinds)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > max_template_bytes():
                    raise ValidationError({"file": f"Filen er {upload.size / 1024 / 1024:.1f} MB; grensen er "
                                                   f"{max_template_bytes() / 1024 / 1024:.0f} MB."})
                template = template_upload(actor=request.user, kind=form.cleaned_data["kind"],
                                           maalform=form.cleaned_data["maalform"], content=upload.read(),
                                           filename=upload.name)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, f"Malen er kontrollert og tatt i bruk som versjon {template.version}.")
                return redirect("documents:templates")
    rows = []
    for kind in kinds:
        for maalform, label in (("nb", "Bokmål"), ("nn", "Nynorsk")):
            rows.append({"kind": kind, "maalform": maalform, "maalform_label": label,
                         "active": DocumentTemplate.active_for(kind.name, maalform)})
    history = DocumentTemplate.objects.select_related("uploaded_by").defer("content")[:50]
    from secretariat.meetings.models import Meeting

    meetings = Meeting.objects.select_related("organization").exclude(agenda_items=None).order_by("-start")[:20]
    return render(request, "document_templates/templates.html", {
        "rows": rows, "form": form, "history": history, "meetings": meetings,
        "can_upload": access.is_secretariat(request.user),
        "max_mb": max_template_bytes() // (1024 * 1024),
        "fields": {kind.name: sorted(kind.sample_context("nb")) for kind in kinds},
    })


@login_required
def template_download(request, kind: str, maalform: str, version: str):
    if not is_staff_member(request.user):
        raise PermissionDenied("Denne siden er for ansatte i kommunen.")
    try:
        document_kind = registry.get_kind(kind)
    except registry.UnknownKind as exc:
        raise Http404(exc.message) from None
    if maalform not in ("nb", "nn"):
        raise Http404("Ukjent målform.")
    if version == "standard":
        content, name = registry.default_template_bytes(document_kind, maalform), f"{kind}-{maalform}-standard.docx"
    else:
        template = get_object_or_404(DocumentTemplate, kind=kind, maalform=maalform, version=version)
        content, name = bytes(template.content), f"{kind}-{maalform}-v{template.version}.docx"
    return file_response(content, name, DOCX)


@login_required
@require_POST
def template_stop(request, pk: int):
    _require_fagleder(request.user)
    template = get_object_or_404(DocumentTemplate, pk=pk)
    template_deactivate(actor=request.user, template=template)
    messages.success(request, f"Versjon {template.version} er tatt ut av bruk.")
    return redirect("documents:templates")



def resolve_request(user, kind: str, pk: int, *, want_public: bool, maalform: str | None):
    """(kind, obj, public, maalform) for a download, or raise Http404/PermissionDenied."""
    try:
        document_kind = registry.get_kind(kind)
        obj = registry.get_object(document_kind, pk)
        maalform = registry.resolve_maalform(maalform or None)
    except registry.DocumentError as exc:
        raise Http404(exc.message) from None
    public = version_to_serve(user, document_kind, obj, want_public=want_public)
    return document_kind, obj, public, maalform


@login_required
def download(request, kind: str, pk: int, fmt: str):
    """Serve the stored document when it is up to date; otherwise queue generation and wait."""
    if fmt not in ("docx", "pdf"):
        raise Http404("Ukjent format.")
    document_kind, obj, public, maalform = resolve_request(
        request.user, kind, pk, want_public=request.GET.get("offentlig") == "1", maalform=request.GET.get("maalform"))
    def ready():
        doc = registry.current_document(kind, obj, public=public, maalform=maalform)
        if doc is not None and fmt == "docx":
            return file_response(bytes(doc.content), doc.filename, DOCX)
        if doc is not None and doc.pdf:
            return file_response(bytes(doc.pdf), doc.pdf_filename, "application/pdf")
        return None

    try:
        response = ready()
        if response is not None:
            return response
        if request.GET.get("venter") != "1":
            queue_generation(kind, obj, public=public, maalform=maalform, actor=request.user, pdf=(fmt == "pdf"))
            response = ready()  # tasks running in-process (no broker) are done already
            if response is not None:
                return response
    except registry.DocumentError as exc:
        messages.error(request, exc.message)
        return redirect(request.META.get("HTTP_REFERER") or "documents:templates")
    query = request.GET.copy()
    query["venter"] = "1"
    return render(request, "document_templates/waiting.html", {
        "label": document_kind.label, "obj": obj, "fmt": fmt.upper(), "public": public,
        "retry_url": f"{request.path}?{query.urlencode()}",
    }, status=202)


@login_required
def pdf_now(request, kind: str, pk: int):
    """Used by the waiting page when a stored .docx exists but its PDF is still missing (no worker)."""
    _kind, obj, public, maalform = resolve_request(
        request.user, kind, pk, want_public=request.GET.get("offentlig") == "1", maalform=request.GET.get("maalform"))
    doc = registry.current_document(kind, obj, public=public, maalform=maalform)
    if doc is None:
        raise Http404("Dokumentet er ikke laget ennå.")
    try:
        pdf = ensure_pdf(doc)
    except registry.DocumentError as exc:
        return HttpResponse(exc.message, status=503, content_type="text/plain; charset=utf-8")
    return file_response(pdf, doc.pdf_filename, "application/pdf")


@login_required
@require_POST
def plain_language(request):
    """The kort fortalt assistant: character count, LIX, long sentences and jargon, as JSON."""
    if not is_staff_member(request.user):
        raise PermissionDenied("Denne tjenesten er for ansatte i kommunen.")
    form = PlainLanguageForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"detail": form.error_text(), "errors": {k: list(v) for k, v in form.errors.items()}},
                            status=400)
    return JsonResponse(analyse(form.cleaned_data["text"]).as_dict())


def journalpost_numbers(kind: str, object_ids) -> dict[int, str]:
    """{object id: the journalpost number of its document of `kind` in the kommune's archive}, once the archive's
    receipt has come (the archive app's one lookup; the newest filed document counts)."""
    from secretariat.archive.selectors import journalposts

    return {pk: filed[-1].number for pk, filed in journalposts(kind, object_ids).items()}


def journalpost_number(kind: str, obj) -> str:
    return journalpost_numbers(kind, [obj.pk]).get(obj.pk, "")


def download_links(user, kind: str, obj) -> list[dict]:
    """Links for a page: .docx and PDF, the complete version when this person may have it, and the public version
    only for a kind that has one and when this person may have it (no link that answers 403 or 404)."""
    links = []
    base = reverse("documents:download", args=[kind, obj.pk, "docx"])
    pdf = reverse("documents:download", args=[kind, obj.pk, "pdf"])
    if may_see_internal(user, kind, obj):
        links += [{"label": "Last ned .docx", "url": base}, {"label": "PDF", "url": pdf}]
    if may_offer_public(user, registry.get_kind(kind), obj):
        links += [{"label": "Offentlig versjon (.docx)", "url": base + "?offentlig=1"},
                  {"label": "Offentlig PDF", "url": pdf + "?offentlig=1"}]
    return links


@login_required
@require_POST
def attachment_upload(request, case_pk: int):
    from secretariat.cases.models import Case
    from workflows.errors import WorkflowError

    from .attachments import attachment_add

    case = get_object_or_404(Case, pk=case_pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form.error_text())
        return redirect(reverse("cases:detail", args=[case.pk]) + "#vedlegg")
    try:
        attachment = attachment_add(actor=request.user, case=case, upload=form.cleaned_data["file"],
                                    **{k: form.cleaned_data[k] for k in ("title", "exempt", "exempt_basis")})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Vedlegget «{attachment.title}» er lagt til.")
    return redirect(reverse("cases:detail", args=[case.pk]) + "#vedlegg")


@login_required
@require_POST
def attachment_delete(request, pk: int):
    from secretariat.cases.models import CaseAttachment
    from workflows.errors import WorkflowError

    from .attachments import attachment_remove

    attachment = get_object_or_404(CaseAttachment, pk=pk)
    case_pk = attachment.case_id
    try:
        attachment_remove(actor=request.user, attachment=attachment)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Vedlegget er fjernet.")
    return redirect(reverse("cases:detail", args=[case_pk]) + "#vedlegg")


@login_required
def attachment_file(request, pk: int):
    from secretariat import access
    from secretariat.cases.models import CaseAttachment

    attachment = get_object_or_404(CaseAttachment.objects.select_related("case"), pk=pk)
    if not access.can_view_case(request.user, attachment.case):
        raise Http404("Saken finnes ikke.")
    if not access.can_view_attachment(request.user, attachment):
        raise PermissionDenied("Vedlegget er unntatt offentlighet.")
    return user_file_response(attachment.file)


@login_required
def meeting_documents(request, pk: int):
    """Every document of one meeting: the notice with sakskart, the minutes, and each item's særutskrift."""
    from secretariat.meetings.models import Meeting

    if not is_staff_member(request.user):
        raise PermissionDenied("Denne siden er for ansatte i kommunen.")
    meeting = get_object_or_404(Meeting.objects.select_related("organization"), pk=pk)
    kinds = {k.name: k for k in registry.all_kinds()}
    sections = [{"label": kinds["innkalling"].label, "links": download_links(request.user, "innkalling", meeting),
                 "journalpost": journalpost_number("innkalling", meeting)}]
    protokoll = kinds["protokoll"]
    sections.append({"label": protokoll.label + (" (godkjent og låst)" if protokoll.is_frozen(meeting) else " (utkast)"),
                     "links": download_links(request.user, "protokoll", meeting),
                     "journalpost": journalpost_number("protokoll", meeting)})
    agenda = list(meeting.agenda_items.order_by("position"))
    numbers = journalpost_numbers("saerutskrift", [item.pk for item in agenda])
    items = [{"item": item, "links": download_links(request.user, "saerutskrift", item),
              "journalpost": numbers.get(item.pk, "")} for item in agenda]
    return render(request, "document_templates/meeting.html", {"meeting": meeting, "sections": sections, "items": items})
