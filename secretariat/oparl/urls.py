from django.urls import path

from . import views

app_name = "oparl"

urlpatterns = [
    path("system", views.system, name="system"),
    path("bodies", views.body_list, name="body_list"),
    path("body/<int:pk>", views.body, name="body"),
    path("body/<int:pk>/organizations", views.organization_list, name="organization_list"),
    path("body/<int:pk>/persons", views.person_list, name="person_list"),
    path("body/<int:pk>/memberships", views.membership_list, name="membership_list"),
    path("body/<int:pk>/meetings", views.meeting_list, name="meeting_list"),
    path("body/<int:pk>/agenda-items", views.agendaitem_list, name="agendaitem_list"),
    path("body/<int:pk>/papers", views.paper_list, name="paper_list"),
    path("body/<int:pk>/consultations", views.consultation_list, name="consultation_list"),
    path("body/<int:pk>/files", views.file_list, name="file_list"),
    path("body/<int:pk>/locations", views.location_list, name="location_list"),
    path("body/<int:pk>/legislative-terms", views.legislativeterm_list, name="legislativeterm_list"),
    path("organization/<int:pk>", views.organization, name="organization"),
    path("organization/<int:pk>/meetings", views.organization_meetings, name="organization_meetings"),
    path("person/<int:pk>", views.person, name="person"),
    path("membership/<int:pk>", views.membership, name="membership"),
    path("meeting/<int:pk>", views.meeting, name="meeting"),
    path("agenda-item/<int:pk>", views.agendaitem, name="agendaitem"),
    path("paper/<int:pk>", views.paper, name="paper"),
    path("consultation/<int:pk>", views.consultation, name="consultation"),
    path("legislative-term/<int:pk>", views.legislativeterm, name="legislativeterm"),
    path("location/<int:pk>", views.location, name="location"),
    path("file/<slug:kind>/<int:pk>", views.file, name="file"),
]
