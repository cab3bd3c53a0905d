"""WSGI entry point (HTTP only; the platform normally runs under ASGI for WebSockets)."""

import os
import sys
from pathlib import Path

_BASE_DIR = Path(__file__).resolve().parents[2]
for _folder in (_BASE_DIR, _BASE_DIR / "site"):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
