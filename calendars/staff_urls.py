"""Staff pages: /intern/kalender/ (møteplan, synkronisering, kalenderlenker)."""

from django.urls import path

from . import staff_views as views

app_name = "calendars_staff"

urlpatterns = [
    path("", views.plans, name="plans"),
    path("moteplan/<int:pk>/", views.plan_detail, name="plan"),
    path("moteplan/<int:pk>/dato/<int:date_pk>/", views.plan_date_action, name="plan_date"),
    path("moteplan/<int:pk>/ny-dato/", views.plan_date_add, name="plan_date_add"),
    path("moteplan/<int:pk>/publiser/", views.plan_publish, name="plan_publish"),
    path("moteplan/<int:pk>/moteplan.docx", views.plan_docx, name="plan_docx"),
    path("skoleferier/", views.school_holidays, name="school_holidays"),
    path("synkronisering/", views.sync_status, name="sync"),
    path("personer/", views.people, name="people"),
    path("personer/<int:pk>/", views.person_calendar, name="person"),
    path("min/", views.my_calendar, name="mine"),
]
