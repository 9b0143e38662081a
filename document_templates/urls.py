from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("maler/", views.template_list, name="templates"),
    path("maler/<str:kind>/<str:maalform>/<str:version>.docx", views.template_download, name="template_download"),
    path("maler/<int:pk>/ta-ut-av-bruk/", views.template_stop, name="template_stop"),
    path("klarsprak/", views.plain_language, name="plain_language"),
    path("moter/<int:pk>/", views.meeting_documents, name="meeting"),
    path("saker/<int:case_pk>/vedlegg/", views.attachment_upload, name="attachment_upload"),
    path("vedlegg/<int:pk>/", views.attachment_file, name="attachment"),
    path("vedlegg/<int:pk>/fjern/", views.attachment_delete, name="attachment_delete"),
    path("<str:kind>/<int:pk>/<str:fmt>/", views.download, name="download"),
    path("<str:kind>/<int:pk>/pdf-na/", views.pdf_now, name="pdf_now"),
]
