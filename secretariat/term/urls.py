from django.urls import path

from . import views

app_name = "term"

urlpatterns = [
    path("", views.index, name="index"),
    path("valgoppgjor/", views.import_result, name="import"),
    path("organvalg/ny/", views.election_create, name="election_create"),
    path("organvalg/<int:pk>/", views.election_detail, name="election_detail"),
    path("organvalg/<int:pk>/gjennomfor/", views.election_apply, name="election_apply"),
    path("ordforer/", views.mayor, name="mayor"),
    path("gruppestotte/", views.group_support_page, name="group_support"),
    path("gruppestotte/sak/", views.group_support_case, name="group_support_case"),
    path("gruppestotte/<int:year>/utbetaling.csv", views.payment_csv, name="payment_csv"),
    path("gruppeskifte/", views.group_change, name="group_change"),
    path("invitasjon/<uidb64>/<token>/", views.invitation, name="invitation"),
    path("invitasjoner/", views.invitations_resend, name="invitations_resend"),
]
