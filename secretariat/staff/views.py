import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from secretariat import access
from secretariat.accounts import lockout
from secretariat.accounts.roles import ROLE_LABELS, Role
from secretariat.accounts.selectors import role_changes_recent, users_for_roles_page
from secretariat.accounts.services import (
    RoleChangeRefused,
    may_manage_roles,
    role_grant,
    role_options,
    role_revoke,
)
from secretariat.cases.selectors import cases_waiting_for
from secretariat.meetings.models import Meeting

from .forms import RoleChangeForm, UnlockForm

logger = logging.getLogger(__name__)


def home(request):
    if request.user.is_authenticated:
        return redirect("staff:dashboard")
    return redirect("innsyn:index")


@never_cache
def healthz(request):
    """Up or not, and nothing more: no database host, port, engine or error text to whoever asks (issue 12)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # the whole point is to report, not to raise; the cause goes to the log, not the client
        logger.exception("healthz: databasen svarer ikke")
        return JsonResponse({"status": "error"}, status=503)
    return JsonResponse({"status": "ok"})


@login_required
def dashboard(request):
    from django.utils import timezone

    upcoming = (
        Meeting.objects.filter(start__gte=timezone.now()).select_related("organization").order_by("start")[:8]
    )
    return render(
        request,
        "staff/dashboard.html",
        {
            "waiting": cases_waiting_for(request.user),
            "upcoming": upcoming,
            "is_fagleder": access.is_secretariat(request.user),
            "can_create_cases": access.can_create_cases(request.user),
        },
    )


ROLES_PAGE_LIMIT = 300


def _roles_page(request, *, error: str = "", status: int = 200, posted=None):
    """The roles page: every user with their roles; a fagleder gives and takes folkevalgt and saksbehandler."""
    q = (request.GET.get("q") or "").strip()
    shown = list(users_for_roles_page(q)[:ROLES_PAGE_LIMIT])
    options = role_options(request.user, shown)
    rows = []
    for user in shown:
        names = {g.name for g in user.groups.all()}
        rows.append({
            "user": user,
            "roles": [ROLE_LABELS[r] for r in Role if r.value in names],
            "options": [(change, role.value, ROLE_LABELS[role]) for change, role in options[user.pk]],
        })
    return render(request, "staff/roles.html", {
        "rows": rows, "q": q, "limit": ROLES_PAGE_LIMIT, "truncated": len(shown) == ROLES_PAGE_LIMIT,
        "recent": role_changes_recent(), "error": error, "posted": posted or {},
    }, status=status)


@login_required
def roles(request):
    # Fagleder only: roles decide who may approve an innstilling (koml. § 13-1) and who reads exempt papers.
    if not may_manage_roles(request.user):
        raise PermissionDenied("Bare fagleder kan endre roller.")
    if request.method != "POST":
        return _roles_page(request)
    form = RoleChangeForm(request.POST)
    if not form.is_valid():
        return _roles_page(request, error=form.first_error(), status=400, posted=form.posted())
    posted = form.posted()
    target = form.cleaned_data["user"]
    change_name, role = form.cleaned_data["choice"]
    change = role_grant if change_name == "grant" else role_revoke
    try:
        change(actor=request.user, user=target, role=role, reason=form.cleaned_data["reason"])
    except RoleChangeRefused as refused:
        return _roles_page(request, error=str(refused), status=403, posted=posted)
    done = "gitt" if change_name == "grant" else "fjernet"
    messages.success(request, f"Rollen {ROLE_LABELS[role].lower()} er {done} for "
                              f"{target.get_full_name() or target.get_username()}.")
    return redirect(request.get_full_path())


@login_required
def locked_logins(request):
    """Fagleder: the log-ins locked out after too many wrong passwords (issue 12), each with «Lås opp»."""
    if not may_manage_roles(request.user):
        raise PermissionDenied("Bare fagleder kan låse opp innlogginger.")
    if request.method == "POST":
        form = UnlockForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.error_text())
        elif (username := lockout.unlock(actor=request.user, attempt_id=form.cleaned_data["attempt"])) is None:
            messages.info(request, "Sperren var allerede opphevet.")
        else:
            messages.success(request, f"Innloggingen for «{username}» er låst opp.")
        return redirect("staff:locked_logins")
    return render(request, "staff/locked_logins.html", {
        "attempts": list(lockout.locked_attempts()[:200]),
        "cooloff_minutes": int(lockout.cooloff().total_seconds() // 60),
    })
