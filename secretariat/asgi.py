"""ASGI entry point (issue 16): HTTP through Django as in wsgi.py, websockets for the live meeting pages through
Django Channels. Served by uvicorn (the demo's `scripts/run.sh`, and the `live` service in docker-compose.yml)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretariat.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_asgi_app = get_asgi_application()  # sets Django up before the consumers' models are imported

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from secretariat.live.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter({
    "http": django_asgi_app,
    # The same session log-in as the pages; a websocket from another site's page is refused (Origin check).
    "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
})
