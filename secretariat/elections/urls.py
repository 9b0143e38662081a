from django.urls import path

from . import views

app_name = "elections"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("nytt/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/tidslinje/", views.project_timeline, name="timeline"),
    path("<int:pk>/oppgaver/ny/", views.task_edit, name="task_add"),
    path("<int:pk>/oppgaver/<int:task_pk>/", views.task_edit, name="task_edit"),
    path("<int:pk>/oppgaver/<int:task_pk>/handling/", views.task_action, name="task_action"),
    path("<int:pk>/evaluering/", views.evaluation, name="evaluation"),
    path("<int:pk>/evaluering/docx/", views.evaluation_docx, name="evaluation_docx"),
]
