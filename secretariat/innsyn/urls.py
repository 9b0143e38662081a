from django.urls import path

from . import feeds, views
from .caching import cached_public_page as cached

app_name = "innsyn"

urlpatterns = [
    path("", cached(views.index), name="index"),
    path("moter/", cached(views.meetings), name="meetings"),
    path("moter/<int:pk>/", cached(views.meeting_detail), name="meeting"),
    path("moter/<int:pk>/kort-fortalt/", cached(views.meeting_digest), name="digest"),
    path("moter/<int:pk>/kort-fortalt.txt", cached(views.meeting_digest_text), name="digest_text"),
    path("moter/<int:pk>/protokoll/", cached(views.minutes), name="minutes"),
    path("saker/<int:pk>/", cached(views.case_detail), name="case"),
    path("sok/", cached(views.search), name="search"),
    path("sok/rss/", cached(feeds.SearchFeed()), name="search_feed"),
    path("rss/", cached(feeds.AgendaDecisionFeed()), name="feed_rss"),
    path("atom/", cached(feeds.AgendaDecisionAtomFeed()), name="feed_atom"),
    path("slik-kan-du-pavirke/", cached(views.influence), name="influence"),
    path("slik-kan-du-pavirke/rediger/", views.influence_edit, name="influence_edit"),
    path("slik-kan-du-pavirke/horinger/ny/", views.hearing_edit, name="hearing_new"),
    path("slik-kan-du-pavirke/horinger/<int:pk>/", views.hearing_edit, name="hearing_edit"),
    path("tilgjengelighet/", views.accessibility, name="accessibility"),
    path("oppfolging/", cached(views.followup_reports), name="followup_reports"),
    path("vedlegg/<int:pk>/", views.attachment, name="attachment"),
    path("dokumenter/<slug:kind>/<int:pk>.<str:fmt>", views.document, name="document"),
]
