"""The public list of fast godtgjøring per verv (/innsyn/godtgjoring/), only when the kommune publishes it."""

from django.urls import path

from . import views

app_name = "remuneration_public"

urlpatterns = [
    path("", views.public_rates, name="rates"),
]
