from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.course_list, name="list"),
    path("plan/", views.plan, name="plan"),
    path("nytt/", views.course_create, name="course_create"),
    path("<int:pk>/", views.course_detail, name="course"),
    path("<int:pk>/kursdag/", views.session_add, name="session_add"),
    path("<int:pk>/materiell/", views.material_add, name="material_add"),
    path("materiell/<int:pk>/", views.material_download, name="material"),
    path("kursdag/<int:pk>/meld-pa/", views.register, name="register"),
    path("kursdag/<int:pk>/meld-av/", views.unregister, name="unregister"),
    path("kursdag/<int:pk>/oppmote/", views.attendance, name="attendance"),
]
