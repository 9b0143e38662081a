from django.urls import path

from . import views

app_name = "delegations"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("ny/", views.decision_create, name="create"),
    path("importer/", views.decision_import, name="import"),
    path("meld/", views.decision_report, name="report"),
]
