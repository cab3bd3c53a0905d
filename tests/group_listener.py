"""A listener on a live-update group of the channel layer, for sync tests (any layer)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from typing import Any

from channels.layers import get_channel_layer


class GroupListener:
    """A channel in a live-update group, read from sync tests.

    The channel lives on an event loop of its own, in a thread, for as long as the listener
    listens: a pub/sub layer hears only what is published while its loop is subscribed, and the
    sync test itself has no loop. Everything is read in one go (`messages()`), which also ends
    the listening.
    """

    def __init__(self, group: str) -> None:
        self.layer = get_channel_layer()
        self.group = group
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.channel = self._run(self.layer.new_channel())
        self._run(self.layer.group_add(group, self.channel))

    def _run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=10)

    def messages(self) -> list[dict[str, Any]]:
        try:
            return self._run(self._drain())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)
            self.loop.close()

    async def _drain(self) -> list[dict[str, Any]]:
        received = []
        with contextlib.suppress(TimeoutError):
            while True:
                received.append(await asyncio.wait_for(self.layer.receive(self.channel), 0.2))
        await self.layer.group_discard(self.group, self.channel)
        return received

    def frames(self) -> list[dict[str, Any]]:
        """What the group's sockets send on: each event's encoded frame, decoded (events without
        a frame, such as `access.changed`, as they are)."""
        return [
            json.loads(message["frame"]) if "frame" in message else message
            for message in self.messages()
        ]
