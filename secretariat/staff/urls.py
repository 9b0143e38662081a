from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("roller/", views.roles, name="roles"),
    path("roller/laaste/", views.locked_logins, name="locked_logins"),
]
