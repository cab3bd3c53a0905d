"""WebSocket routes of the learning networks."""

from django.urls import path

from learning_network.consumers import NetworkConsumer

websocket_urlpatterns = [
    path("ws/leernetwerken/<slug:slug>/", NetworkConsumer.as_asgi(), name="ws_learning_network"),
]
