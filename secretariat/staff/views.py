from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from secretariat.accounts.roles import Role, has_role
from secretariat.cases.selectors import cases_waiting_for
from secretariat.meetings.models import Meeting


def home(request):
    if request.user.is_authenticated:
        return redirect("staff:dashboard")
    return redirect("innsyn:index")


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # the whole point is to report, not to raise
        return JsonResponse({"status": "error", "database": "unavailable", "detail": str(exc)[:200]}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


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
            "is_fagleder": has_role(request.user, Role.FAGLEDER),
        },
    )
