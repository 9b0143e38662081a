from django.urls import path

from secretariat.innsyn.caching import cached_public_page

from . import views

app_name = "followups"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ny/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.transition, name="transition"),
    path("<int:pk>/statusmelding/", views.note, name="note"),
    path("vedtak/<int:pk>/", views.decision_detail, name="decision"),
    path("vedtak/<int:pk>/lovlighetskontroll/", views.legality_register, name="legality_register"),
    path("lovlighetskontroll/<int:pk>/avgjort/", views.legality_resolve, name="legality_resolve"),
    path("lovlighetskontroll/<int:pk>/utsatt/", views.legality_postpone, name="legality_postpone"),
    path("rapporter/", views.reports, name="reports"),
    path("rapport/<int:pk>/", views.report, name="report"),
    path("rapport/<int:pk>/docx/", views.report_docx, name="report_docx"),
    # Public (no login): the report as it goes on the body's agenda.
    # The public report is a whole half-year's decisions: rendered once per change (the public page cache).
    path("rapport/<int:pk>/offentlig/", cached_public_page(views.report_public), name="report_public"),
]
