"""The Redis channel layer of the services mode: Redis pub/sub, with a bound on every inbox.

Why pub/sub: a group send is one PUBLISH that reaches each server process once, and the process
hands it to its own sockets. channels_redis's list-based `RedisChannelLayer` writes one copy per
recipient into Redis and each socket reads its own back: for a post to 200 readers, 200 writes
and 200 reads, which made the layer most of the server's work (bench/live.py, BENCHMARKS.md).

What pub/sub does not give, and how the platform makes up for it:
- **A bound on a slow reader's inbox.** channels_redis keeps an unbounded queue per socket. Here
  an inbox holds at most `capacity` messages; a socket whose inbox is full is sent
  `layer.overflow` (its backlog is dropped), and `config.websocket.BaseJsonConsumer` closes it.
  The client reconnects and catches up by event number, so nothing is lost and memory stays
  bounded.
- **Delivery while a process is cut off from Redis.** Pub/sub keeps nothing for a process that is
  not listening. Every discussion event carries the network's event number; the live client asks
  for what it missed when it sees a gap in the numbers (`network-live.js`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from channels_redis.pubsub import (
    RedisPubSubChannelLayer,
    RedisPubSubLoopLayer,
    RedisSingleShardConnection,
)
from channels_redis.utils import _wrap_close, decode_hosts

logger = logging.getLogger(__name__)

OVERFLOW = {"type": "layer.overflow"}


class _BoundedShard(RedisSingleShardConnection):
    """One Redis connection: hands each published message to the inboxes of this process."""

    def _receive_message(self, message: dict[str, Any] | None) -> None:
        if message is None:
            return
        name = message["channel"]
        if isinstance(name, bytes):
            name = name.decode()
        layer: BoundedLoopLayer = self.channel_layer
        if name in layer.channels:
            layer.deliver(name, message["data"])
        elif name in layer.groups:
            for channel in layer.groups[name]:
                layer.deliver(channel, message["data"])


class BoundedLoopLayer(RedisPubSubLoopLayer):
    """The layer of one event loop, with inboxes of at most `capacity` messages."""

    def __init__(self, hosts: Any = None, capacity: int = 500, **kwargs: Any) -> None:
        super().__init__(hosts=hosts, **kwargs)
        self.capacity = capacity
        self._shards = [_BoundedShard(host, self) for host in decode_hosts(hosts)]
        self._overflow = self.channel_layer.serialize(OVERFLOW)

    async def _subscribe_to_channel(self, channel: str) -> None:
        self.channels[channel] = asyncio.Queue(maxsize=self.capacity)
        await self._get_shard(channel).subscribe(channel)

    def deliver(self, channel: str, data: bytes) -> None:
        """Put a message in a local inbox; a full inbox is emptied and told it overflowed."""
        inbox = self.channels.get(channel)
        if inbox is None:
            return
        try:
            inbox.put_nowait(data)
        except asyncio.QueueFull:
            logger.warning("Channel %s fell %s messages behind; closing it", channel, inbox.qsize())
            while not inbox.empty():
                inbox.get_nowait()
            inbox.put_nowait(self._overflow)

    async def forget(self, channel: str) -> None:
        """Stop listening on a channel this process made (for one-off channels, e.g. health)."""
        if self.channels.pop(channel, None) is not None:
            await self._get_shard(channel).unsubscribe(channel)


class BoundedRedisPubSubChannelLayer(RedisPubSubChannelLayer):
    """`RedisPubSubChannelLayer` whose per-loop layers bound every inbox (see the module)."""

    def _get_layer(self) -> BoundedLoopLayer:
        loop = asyncio.get_running_loop()
        layer = self._layers.get(loop)
        if layer is None:
            layer = BoundedLoopLayer(*self._args, **self._kwargs, channel_layer=self)
            self._layers[loop] = layer
            _wrap_close(self, loop)  # the layer's connections close with its loop
        return layer

    async def forget(self, channel: str) -> None:
        await self._get_layer().forget(channel)
