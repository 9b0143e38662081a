from django.urls import path

from . import views

app_name = "remuneration"

urlpatterns = [
    path("", views.index, name="index"),
    path("krav/ny/", views.claim_create, name="claim_create"),
    path("krav/<int:pk>/", views.claim_detail, name="claim"),
    path("krav/<int:pk>/linje/", views.line_add, name="line_add"),
    path("krav/<int:pk>/fjern-linje/", views.line_remove, name="line_remove"),
    path("krav/<int:pk>/steg/", views.claim_step, name="transition"),
    path("krav/<int:pk>/forkast/", views.claim_discard, name="discard"),
    path("krav/<int:pk>/rettelse/", views.correction_create, name="correction"),
    path("krav/<int:pk>/vedlegg/<int:line_pk>/", views.attachment, name="attachment"),
    path("eksport/", views.export_create, name="export"),
    path("eksport/<int:pk>/", views.export_download, name="export_download"),
    path("eksport/<int:pk>/vis/", views.export_detail, name="export_detail"),
    path("fast/<int:pk>/rettelse/", views.fixed_correction_create, name="fixed_correction"),
    path("arsoppgave/<int:person_pk>/<int:year>/", views.annual_summary, name="annual_summary"),
]
