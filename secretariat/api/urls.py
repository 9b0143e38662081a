"""The REST API. Each app registers its viewsets in its own `apis.py` (function `register(router)`)."""

from importlib import import_module

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from secretariat.api.token import obtain_token

API_MODULES = [
    "secretariat.organizations.apis",
    "secretariat.cases.apis",
    "secretariat.meetings.apis",
    "secretariat.followups.apis",
    "secretariat.weddings.apis",
    "secretariat.appointments.apis",
    "secretariat.elections.apis",
    "document_templates.apis",
    "calendars.apis",
]


class Router(DefaultRouter):
    # No `.json` suffix routes: JSON is the default, `?format=` still picks a renderer, and the suffix variants of
    # the nested actions answered 500 (the actions take no `format` argument). Fewer routes, one shape each.
    include_format_suffixes = False


router = Router()
extra_urlpatterns = []
for module_name in API_MODULES:
    module = import_module(module_name)
    module.register(router)
    extra_urlpatterns += getattr(module, "urlpatterns", [])

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("schema/swagger/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("token/", obtain_token, name="api-token"),
    *extra_urlpatterns,
    path("", include(router.urls)),
]
