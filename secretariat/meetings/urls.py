from django.urls import path

from . import question_views, views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("nytt/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/endre/", views.meeting_edit, name="edit"),
    path("<int:pk>/motemodus/", views.meeting_live, name="live"),
    path("<int:pk>/protokoll/", views.meeting_minutes, name="minutes"),
    path("<int:pk>/handling/<slug:action>/", views.meeting_action, name="action"),
    # spørsmål og interpellasjoner: members hand them in; the secretariat answers and marks exempt
    path("<int:pk>/sporsmal/", question_views.meeting_questions, name="questions"),
    path("<int:pk>/sporsmal/<int:question_pk>/", question_views.question_update, name="question"),
]

