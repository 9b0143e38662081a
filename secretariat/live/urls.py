from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("intern/direkte/<int:pk>/", views.member_live, name="member"),
    path("intern/direkte/<int:pk>/handling/<slug:action>/", views.member_action, name="action"),
    path("intern/direkte/<int:pk>/styring/<slug:action>/", views.control_action, name="control"),
    path("innsyn/moter/<int:pk>/direkte/", views.public_live, name="public"),
]
