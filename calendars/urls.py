"""Public iCalendar feeds (CONTRACTS.md): /ical/public.ics, /ical/organizations/<slug>.ics, personal token feeds."""

from django.urls import path

from . import views

app_name = "calendars"

urlpatterns = [
    path("public.ics", views.public_feed, name="public"),
    path("organizations/<slug:slug>.ics", views.organization_feed, name="organization"),
    path("personal/<str:token>.ics", views.personal_feed, name="personal"),
]
