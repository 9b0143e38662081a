from django.urls import path

from . import views

app_name = "weddings"

urlpatterns = [
    path("", views.wedding_list, name="list"),
    # Public (no log-in): the couple's booking form. Mounted under /intern/vielser/ by secretariat/urls.py.
    path("bestill/", views.book, name="book"),
    path("bestill/takk/", views.booked, name="booked"),
    path("bestill/bekreft/<str:token>/", views.book_confirm, name="book_confirm"),
    path("vigslere/", views.officiant_list, name="officiants"),
    path("rapport/", views.report, name="report"),
    path("rapport/<int:pk>/", views.report_detail, name="report_detail"),
    path("rapport/<int:pk>/docx/", views.report_docx, name="report_docx"),
    path("<int:pk>/", views.wedding_detail, name="detail"),
    path("<int:pk>/endre/", views.wedding_edit, name="edit"),
    path("<int:pk>/steg/", views.wedding_transition, name="transition"),
]
