"""All WebSocket routes; each is declared in config.access_policy.WEBSOCKET_POLICY."""

from accounts.routing import websocket_urlpatterns as accounts_websocket_urlpatterns
from learning_network.routing import websocket_urlpatterns as network_websocket_urlpatterns

websocket_urlpatterns = [
    *accounts_websocket_urlpatterns,
    *network_websocket_urlpatterns,
]
