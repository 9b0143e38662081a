"""The site's URLs plus two views that fail, to see the 500 handlers answer (tests/security/test_error_pages.py)."""

from django.urls import path

from secretariat.urls import handler400, handler403, handler404, handler500  # noqa: F401
from secretariat.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("en feil med intern-detalj-7731 i meldingen")


urlpatterns = [path("boom/", boom), path("api/boom/", boom), *site_urlpatterns]
