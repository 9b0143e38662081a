"""Websocket routes of the live pages (secretariat/asgi.py)."""

from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("ws/innsyn/moter/<int:pk>/direkte/", consumers.PublicLiveConsumer.as_asgi()),
    path("ws/direkte/<int:pk>/", consumers.MemberLiveConsumer.as_asgi()),
    path("ws/direkte/<int:pk>/styring/", consumers.ControlLiveConsumer.as_asgi()),
]
