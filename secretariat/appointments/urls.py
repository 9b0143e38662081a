from django.urls import path

from . import views

app_name = "appointments"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("ny/", views.round_create, name="create"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/steg/", views.round_transition, name="transition"),
    path("<int:pk>/antall/", views.round_pool_sizes, name="pool_sizes"),
    path("<int:pk>/utvalg/", views.round_pool_add, name="pool_add"),
    path("<int:pk>/sak/", views.round_case_create, name="case_create"),
    path("<int:pk>/liste.docx", views.round_report, name="report"),
    path("<int:pk>/kandidater/ny/", views.candidate_create, name="candidate_create"),
    path("<int:pk>/kandidater/<int:candidate_id>/", views.candidate_edit, name="candidate_edit"),
    path("<int:pk>/kandidater/<int:candidate_id>/utvalg/", views.candidate_pool, name="candidate_pool"),
    # Public, no login: the call for candidates (dl. § 67) and the proposal on display (dl. § 68).
    path("kandidat/", views.public_calls, name="public_calls"),
    path("kandidat/<int:round_id>/", views.public_candidate, name="public_candidate"),
    path("kandidat/<int:round_id>/takk/", views.public_candidate_thanks, name="public_candidate_thanks"),
    path("ettersyn/<int:round_id>/", views.public_display, name="public_display"),
    path("fritak/ny/", views.change_create, name="change_create"),
    path("fritak/<int:pk>/", views.change_detail, name="change_detail"),
]
