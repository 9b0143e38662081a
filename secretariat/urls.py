from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from secretariat.staff import views as staff_views

urlpatterns = [
    path("", staff_views.home, name="home"),
    path("healthz", staff_views.healthz, name="healthz"),
    path("logg-inn/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("intern/", include("secretariat.staff.urls")),
    path("intern/saker/", include("secretariat.cases.urls")),
    path("intern/moter/", include("secretariat.meetings.urls")),
    path("intern/oppfolging/", include("secretariat.followups.urls")),
    path("intern/vielser/", include("secretariat.weddings.urls")),
    path("intern/oppnevninger/", include("secretariat.appointments.urls")),
    path("intern/delegerte-vedtak/", include("secretariat.delegations.urls")),
    path("intern/valg/", include("secretariat.elections.urls")),
    path("intern/valgperiode/", include("secretariat.term.urls")),
    path("intern/dokumenter/", include("document_templates.urls")),
    path("intern/kalender/", include("calendars.staff_urls")),
    path("ical/", include("calendars.urls")),
    path("intern/godtgjoring/", include("secretariat.remuneration.urls")),
    path("intern/opplaering/", include("secretariat.training.urls")),
    path("innsyn/godtgjoring/", include("secretariat.remuneration.public_urls")),
    path("", include("secretariat.live.urls")),  # issue 16: /intern/direkte/<id>/ and /innsyn/moter/<id>/direkte/
    path("innsyn/", include("secretariat.innsyn.urls")),
    path("api/", include("secretariat.api.urls")),
    path("oparl/v1.1/", include("secretariat.oparl.urls")),
    path("admin/", admin.site.urls),
    path("folkevalgt/", include("secretariat.members.urls")),  # the politikerportal
    path("intern/permisjoner/", include("secretariat.members.staff_urls")),  # permisjon og fritak (koml. § 7-9)
]

# Norwegian error pages; JSON under /api/ (secretariat/staff/errors.py). The 500 handler needs no database.
handler400 = "secretariat.staff.errors.bad_request"
handler403 = "secretariat.staff.errors.permission_denied"
handler404 = "secretariat.staff.errors.page_not_found"
handler500 = "secretariat.staff.errors.server_error"

# The benchmarks' floor (benchmarks/run_all.py): the cheapest Django view on the same server, to divide by.
# Only there when SAKSGANG_BENCHMARK_FLOOR is on; never in a normal start.
if getattr(settings, "SAKSGANG_BENCHMARK_FLOOR", False):
    from django.http import HttpResponse

    def _benchmark_floor(request):
        return HttpResponse(b"ok", content_type="text/plain")

    urlpatterns.append(path("_benchmark/floor", _benchmark_floor))
