from django.urls import path

from . import staff_views

app_name = "leave_staff"

urlpatterns = [
    path("", staff_views.leave_list, name="list"),
    path("<int:pk>/", staff_views.leave_detail, name="detail"),
    path("<int:pk>/steg/", staff_views.leave_transition, name="transition"),
]
