from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("nytt/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/endre/", views.meeting_edit, name="edit"),
    path("<int:pk>/motemodus/", views.meeting_live, name="live"),
    path("<int:pk>/protokoll/", views.meeting_minutes, name="minutes"),
    path("<int:pk>/handling/<slug:action>/", views.meeting_action, name="action"),
]
