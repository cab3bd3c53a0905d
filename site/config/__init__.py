"""Project configuration: settings, URL and WebSocket routing, access policy, ASGI/WSGI."""
