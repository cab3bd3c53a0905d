"""Channels: in-memory channel layer by default, Redis when REDIS_URL is set."""

from typing import Any
from urllib.parse import urlsplit

from config.env import env

_redis_url = env("REDIS_URL", default="")
CHANNEL_LAYERS: dict[str, dict[str, Any]]

if _redis_url:
    CHANNEL_LAYERS = {
        "default": {
            # Pub/sub: one PUBLISH per group send, fanned out inside each server process; inboxes
            # bounded at `capacity` (config/channel_layers.py says why and what it costs).
            "BACKEND": "config.channel_layers.BoundedRedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [_redis_url],
                # Pub/sub channels are shared by every database of a Redis server: the database
                # number in the prefix keeps sites on other databases of it apart.
                "prefix": f"tsp{urlsplit(_redis_url).path.strip('/') or '0'}:",
                "capacity": 500,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Limits for every WebSocket message, enforced by the shared consumer base class.
WEBSOCKET_MAX_MESSAGE_BYTES = 16 * 1024
WEBSOCKET_RATE_LIMIT = (20, 10)  # at most 20 messages per 10 seconds per connection
# Posts in learning networks: at most 5 per 10 seconds per member (HTTP and WebSocket together).
LEARNING_NETWORK_POST_RATE = (5, 10)
# A live connection that sent no heartbeat for this long no longer counts as present.
LEARNING_NETWORK_PRESENCE_TTL = 90
# Who is here goes out at most once a second per network and server process (coalesced).
LEARNING_NETWORK_PRESENCE_INTERVAL = 1.0
