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
import contextlib
import logging
from collections import deque
from typing import Any

from channels_redis.pubsub import (
    RedisPubSubChannelLayer,
    RedisPubSubLoopLayer,
    RedisSingleShardConnection,
)
from channels_redis.utils import _wrap_close, decode_hosts

logger = logging.getLogger(__name__)

OVERFLOW = {"type": "layer.overflow"}


class Inbox:
    """The messages waiting for one channel of this process, taken in arrival order.

    Two lanes share that order. Messages from the channel layer (`deliver`) number at most
    `capacity`: a full inbox drops the layer messages it holds and keeps `OVERFLOW` in their
    place. A consumer's own socket messages (`put_local`) are never dropped: their putter waits
    while `local_limit` of them are queued, so a consumer that is behind stops reading its socket.

    Layer messages are decoded once per process and the same dict goes to every socket of a
    group: handlers read them and never change them.
    """

    def __init__(self, capacity: int, local_limit: int = 16) -> None:
        self.capacity = capacity
        self.local_limit = local_limit
        self._items: deque[tuple[bool, Any]] = deque()  # (from the layer, message)
        self._from_layer = 0
        self._getters: deque[asyncio.Future[None]] = deque()
        self._putters: deque[asyncio.Future[None]] = deque()

    def qsize(self) -> int:
        return len(self._items)

    def empty(self) -> bool:
        return not self._items

    def deliver(self, message: Any) -> None:
        """A message from the layer; when the inbox is full, its backlog becomes OVERFLOW."""
        if self._from_layer >= self.capacity:
            logger.warning("An inbox fell %s messages behind; closing its socket", self._from_layer)
            self._items = deque(item for item in self._items if not item[0])
            self._from_layer = 0
            message = OVERFLOW
        self._items.append((True, message))
        self._from_layer += 1
        _wake(self._getters)

    async def put_local(self, message: Any) -> None:
        """A message from the consumer's own socket: waits while the consumer is behind."""
        while len(self._items) - self._from_layer >= self.local_limit:
            await _wait(self._putters)
        self._items.append((False, message))
        _wake(self._getters)

    async def get(self) -> Any:
        while not self._items:
            await _wait(self._getters)
        from_layer, message = self._items.popleft()
        if from_layer:
            self._from_layer -= 1
        else:
            _wake(self._putters)
        if self._items:  # another getter may be waiting for what is left
            _wake(self._getters)
        return message


def _wake(waiters: deque[asyncio.Future[None]]) -> None:
    for waiter in waiters:
        if not waiter.done():
            waiter.set_result(None)
            return


async def _wait(waiters: deque[asyncio.Future[None]]) -> None:
    """Wait in line until `_wake` picks this waiter (or the waiting task is cancelled)."""
    waiter = asyncio.get_running_loop().create_future()
    waiters.append(waiter)
    try:
        await waiter
    except asyncio.CancelledError:
        with contextlib.suppress(ValueError):
            waiters.remove(waiter)
        if waiter.done() and not waiter.cancelled():
            _wake(waiters)  # picked, then cancelled: the next in line takes the turn
        raise
    with contextlib.suppress(ValueError):
        waiters.remove(waiter)


class _BoundedShard(RedisSingleShardConnection):
    """One Redis connection: hands each published message to the inboxes of this process,
    decoded once however many of the process's sockets are in the group."""

    def _receive_message(self, message: dict[str, Any] | None) -> None:
        if message is None:
            return
        name = message["channel"]
        if isinstance(name, bytes):
            name = name.decode()
        layer: BoundedLoopLayer = self.channel_layer
        if name in layer.channels:
            layer.deliver(name, layer.channel_layer.deserialize(message["data"]))
        elif name in layer.groups:
            decoded = layer.channel_layer.deserialize(message["data"])
            for channel in layer.groups[name]:
                layer.deliver(channel, decoded)


class BoundedLoopLayer(RedisPubSubLoopLayer):
    """The layer of one event loop, with an `Inbox` of at most `capacity` messages per channel.

    A consumer may take its channel's inbox (`inbox`) and wait on it together with its socket,
    instead of a task of its own that waits in `receive` and passes each message on: one
    wake-up per delivered message instead of two (bench/live.py).
    """

    def __init__(self, hosts: Any = None, capacity: int = 500, **kwargs: Any) -> None:
        super().__init__(hosts=hosts, **kwargs)
        self.capacity = capacity
        self._shards = [_BoundedShard(host, self) for host in decode_hosts(hosts)]

    async def _subscribe_to_channel(self, channel: str) -> None:
        self.channels[channel] = Inbox(self.capacity)
        await self._get_shard(channel).subscribe(channel)

    def deliver(self, channel: str, message: dict[str, Any]) -> None:
        """Put a decoded message in a local inbox (see `Inbox.deliver`)."""
        inbox = self.channels.get(channel)
        if inbox is not None:
            inbox.deliver(message)

    def inbox(self, channel: str) -> Inbox | None:
        """The inbox of a channel this process made (`new_channel`), for its consumer to read."""
        return self.channels.get(channel)

    async def receive(self, channel: str) -> dict[str, Any]:
        """The next message of the channel. As in channels_redis, a receive that is cancelled
        takes the channel with it (a consumer that stops waiting has gone)."""
        if channel not in self.channels:
            await self._subscribe_to_channel(channel)
        try:
            return await self.channels[channel].get()
        except (asyncio.CancelledError, TimeoutError, GeneratorExit):
            with contextlib.suppress(Exception):
                await self.forget(channel)
            raise

    async def forget(self, channel: str) -> None:
        """Stop listening on a channel this process made: its consumer has gone, or it was a
        one-off channel (e.g. health)."""
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

    def inbox(self, channel: str) -> Inbox | None:
        return self._get_layer().inbox(channel)
