from django.urls import path

from . import views

app_name = "innsyn"

urlpatterns = [
    path("", views.index, name="index"),
]
