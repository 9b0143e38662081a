"""Response headers Django has no setting for (issue 12, part 3)."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from rest_framework.permissions import BasePermission


class PermissionsPolicyMiddleware:
    """Adds Permissions-Policy (settings.SAKSGANG_PERMISSIONS_POLICY): the pages use no camera, microphone,
    location or payment, so a script that got in anyway may not either."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "SAKSGANG_PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response


# Swagger UI (drf-spectacular) loads its bundle from this CDN; only its page may, nothing else on the site.
SWAGGER_UI_PATH = "/api/schema/swagger/"
SWAGGER_UI_CDN = "https://cdn.jsdelivr.net"


class SaksgangCSPMiddleware(CSPMiddleware):
    """django-csp with one exception by path: the API docs page may load Swagger UI from its CDN. Its inline script
    and style carry the nonce (templates/drf_spectacular/swagger_ui.html)."""

    def get_policy_parts(self, request, response, report_only: bool = False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path == SWAGGER_UI_PATH:
            update = dict(parts.update or {})
            for directive in ("script-src", "style-src", "img-src"):
                update[directive] = [*update.get(directive, []), SWAGGER_UI_CDN]
            parts.update = update
        return parts


class ApiDocsPermission(BasePermission):
    """settings.SAKSGANG_API_DOCS_PUBLIC (default on, the open-data contract): off puts /api/schema/ and the Swagger
    page behind log-in. Read per request, so the setting can be changed without touching the URLs."""

    message = "API-dokumentasjonen krever innlogging."

    def has_permission(self, request, view):
        return getattr(settings, "SAKSGANG_API_DOCS_PUBLIC", True) or bool(request.user and request.user.is_authenticated)
