from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.home, name="home"),
    path("moter/<int:pk>/", views.meeting, name="meeting"),
    path("moter/<int:pk>/forfall/", views.absence, name="absence"),
    path("moter/<int:pk>/inhabil/", views.recusal, name="recusal"),
    path("moter/<int:pk>/sporsmal/", views.question, name="question"),
    path("saker/<int:pk>/", views.paper, name="paper"),
    path("saker/<int:pk>/notater/", views.note_add, name="note_add"),
    path("notater/", views.notes, name="notes"),
    path("notater/<int:pk>/slett/", views.note_delete, name="note_delete"),
    path("permisjon/", views.leave_list, name="leave"),
    path("permisjon/<int:pk>/trekk/", views.leave_withdraw, name="leave_withdraw"),
]
