"""The public portal (innsyn). Thin views: parse input, ask one selector, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from document_templates.http import user_file_response
from secretariat import access
from secretariat.common.parsing import year_param
from workflows.actions import AuditAction
from workflows.engine import audit

from . import documents, selectors
from .forms import HearingForm, InfluencePageForm
from .models import Hearing, InfluencePage


def index(request):
    calendar = selectors.meeting_calendar(limit=8)
    return render(request, "innsyn/index.html", {
        "upcoming": calendar["upcoming"],
        "past": calendar["past"][:5],
        "next_kommunestyre": selectors.next_kommunestyre_meeting(),
        "organizations": selectors.public_organizations(),
    })


def _year(request) -> int | None:
    """The `ar` filter, bounded (common.parsing.year_param): a year out of range is ignored with a message."""
    year, problem = year_param(request.GET.get("ar"))
    if problem:
        messages.warning(request, problem)
    return year


def meetings(request):
    organization = request.GET.get("organ", "")
    year = _year(request)
    calendar = selectors.meeting_calendar(organization=organization, year=year, page=request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "innsyn/meetings.html", {
        **calendar, "organizations": selectors.public_organizations(), "years": selectors.meeting_years(),
        "organ": organization, "year": year, "page_query": query.urlencode(),
    })


def meeting_detail(request, pk: int):
    meeting = get_object_or_404(selectors.public_meetings(), pk=pk)
    return render(request, "innsyn/meeting_detail.html", selectors.meeting_page(meeting))


def meeting_digest(request, pk: int):
    meeting = get_object_or_404(selectors.public_meetings(), pk=pk)
    data = selectors.meeting_digest(meeting, base_url=request.build_absolute_uri("/").rstrip("/"))
    return render(request, "innsyn/digest.html", data)


def meeting_digest_text(request, pk: int):
    meeting = get_object_or_404(selectors.public_meetings(), pk=pk)
    data = selectors.meeting_digest(meeting, base_url=request.build_absolute_uri("/").rstrip("/"))
    return HttpResponse(data["newsletter_text"], content_type="text/plain; charset=utf-8")


def minutes(request, pk: int):
    meeting = get_object_or_404(selectors.public_meetings(), pk=pk)
    if not access.minutes_are_public(meeting):
        raise Http404("Protokollen er ikke godkjent ennå.")
    return render(request, "innsyn/minutes.html", {
        "meeting": meeting, "minutes": selectors.public_minutes(meeting),
        "documents": documents.meeting_document_links(meeting, has_agenda=True),
    })


def case_detail(request, pk: int):
    case = selectors.public_case_or_none(pk)
    if case is None:
        raise Http404("Saken finnes ikke, eller den er ikke offentlig ennå.")
    return render(request, "innsyn/case_detail.html", selectors.case_page(case))


def search(request):
    q = request.GET.get("q", "")
    organization = request.GET.get("organ", "")
    year = _year(request)
    state = request.GET.get("status", "")
    searched = bool(q.strip() or organization or year or state)
    hits = selectors.search_cases(q=q, organization=organization, year=year, state=state) if searched else []
    return render(request, "innsyn/search.html", {
        "q": q, "organ": organization, "year": year, "status": state, "hits": hits, "searched": searched,
        "organizations": selectors.public_organizations(), "years": selectors.meeting_years(),
        "states": selectors.PUBLIC_STATE_CHOICES, "query_string": request.GET.urlencode(),
    })


def influence(request):
    # The edit link: for whoever the edit page lets in (access.require_secretariat below), no one else.
    return render(request, "innsyn/influence.html", {**selectors.influence_page_data(),
                                                     "may_edit": access.is_secretariat(request.user)})


def accessibility(request):
    # The date the portal was last checked against WCAG 2.1 AA (the statement must say when).
    checked = getattr(settings, "SAKSGANG_ACCESSIBILITY_CHECKED", "23.11.2026")
    return render(request, "innsyn/accessibility.html", {"checked": checked})


def document(request, kind: str, pk: int, fmt: str):
    result = documents.public_document(kind, pk, fmt)
    if result is None:
        raise Http404("Dokumentet finnes ikke i offentlig versjon.")
    content, filename, content_type = result
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def attachment(request, pk: int):
    found = selectors.public_attachment_or_none(pk)
    if found is None or not found.file:
        raise Http404("Vedlegget finnes ikke eller er ikke offentlig.")
    return user_file_response(found.file)


# --- the secretariat edits the "Slik kan du påvirke" page and the høringer ---------------------------


def _require_fagleder(request):
    access.require_secretariat(request.user, "Bare politisk sekretariat kan endre denne siden.")


@login_required
@require_http_methods(["GET", "POST"])
def influence_edit(request):
    _require_fagleder(request)
    page = InfluencePage.objects.order_by("pk").first() or InfluencePage()
    form = InfluencePageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            page = form.save(commit=False)
            page.updated_by = request.user
            page.save()
            audit(page, actor=request.user, action=AuditAction.CHANGED, action_label="«Slik kan du påvirke» endret",
                  changes={"fields": form.changed_data})
        messages.success(request, "Siden er lagret og publisert.")
        return redirect("innsyn:influence")
    return render(request, "innsyn/influence_edit.html", {
        "form": form, "hearings": Hearing.objects.select_related("organization").order_by("-deadline"),
    })


@login_required
@require_http_methods(["GET", "POST"])
def hearing_edit(request, pk: int | None = None):
    _require_fagleder(request)
    hearing = get_object_or_404(Hearing, pk=pk) if pk else None
    form = HearingForm(request.POST or None, instance=hearing,
                       initial=None if hearing else {"opens": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            audit(saved, actor=request.user, action=AuditAction.CHANGED if hearing else AuditAction.CREATED,
                  action_label="Høring lagret", changes={"fields": form.changed_data})
        messages.success(request, f"Høringen «{saved.title}» er lagret.")
        return redirect(reverse("innsyn:influence_edit"))
    return render(request, "innsyn/hearing_edit.html", {"form": form, "hearing": hearing})


def followup_reports(request):
    """The kommunedirektør's status reports on how decisions are implemented (KS: report to the political level)."""
    from secretariat.followups.models import FollowUpReport

    reports = FollowUpReport.objects.select_related("organization").order_by("-period_end", "organization__name")
    return render(request, "innsyn/followup_reports.html", {"reports": reports})
