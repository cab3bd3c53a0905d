"""ASGI entry point: HTTP through Django, WebSockets through Channels behind the access policy."""

import os
import sys
from pathlib import Path

_BASE_DIR = Path(__file__).resolve().parents[2]
for _folder in (_BASE_DIR, _BASE_DIR / "site"):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

from django.core.asgi import get_asgi_application  # noqa: E402

# Django must be set up before anything imports models.
django_asgi_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from config.routing import websocket_urlpatterns  # noqa: E402
from config.websocket import WebsocketAccessMiddleware  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_application,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(
                WebsocketAccessMiddleware(URLRouter(websocket_urlpatterns), websocket_urlpatterns)
            )
        ),
    }
)
