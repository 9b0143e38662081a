from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("ny/", views.case_create, name="create"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/endre/", views.case_edit, name="edit"),
    path("<int:pk>/steg/", views.case_transition, name="transition"),
]
