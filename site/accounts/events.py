"""Live-update group names and broadcasting for accounts (store first, broadcast on commit)."""

from __future__ import annotations

import asyncio
import functools
import logging
import os
from collections import deque
from collections.abc import Sequence
from typing import Any

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    """The group every open socket of one user joins, e.g. `accounts.user.42`."""
    return f"accounts.user.{int(user_id)}"


def broadcast_on_commit(group: str, event_type: str, payload: dict[str, Any]) -> None:
    """Send `{"type": event_type, **payload}` to a group once the current transaction commits.

    Payloads carry ids and already-public text only; consumers fetch anything private themselves.
    """
    broadcast_many_on_commit([(group, {"type": event_type, **payload})])


def broadcast_many_on_commit(messages: Sequence[tuple[str, dict[str, Any]]]) -> None:
    """Send each `(group, message)` once the current transaction commits, in order.

    One hand-over for all of them: a reply that notifies ten followers makes one trip from the
    database thread, not ten. See `_hand_over` for how the thread gets rid of them.
    """
    if messages:
        transaction.on_commit(functools.partial(_hand_over, list(messages)))


def _hand_over(messages: list[tuple[str, dict[str, Any]]]) -> None:
    """Give committed messages to the channel layer.

    In a database thread of the server (the work of an async caller, run by `sync_to_async`),
    they are queued on the caller's event loop and the thread goes on at once: waiting for the
    loop, as `async_to_sync` does, kept the one database thread of the process idle for as long
    as the loop was busy delivering frames, and that wait was most of a reply's time under load
    (bench/live.py). The loop's outbox sends them in the order they were handed over, so a
    reply still reaches the network before the notices about it. Elsewhere (a management
    command, the test client) there is no such loop: sent here, and waited for.
    """
    layer = get_channel_layer()
    if layer is None:
        return
    loop = _serving_loop()
    if loop is not None:
        try:
            loop.call_soon_threadsafe(_enqueue, layer, messages)
            return
        except RuntimeError:  # the loop closed since it was looked up (the server stopping)
            pass
    async_to_sync(_send_all)(layer, messages)


def _serving_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop whose work this thread runs (set by asgiref's `sync_to_async`), if any."""
    if getattr(SyncToAsync.threadlocal, "main_event_loop_pid", None) != os.getpid():
        return None
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    if loop is None or loop.is_closed() or not loop.is_running():
        return None
    return loop


async def _send_all(layer: Any, messages: list[tuple[str, dict[str, Any]]]) -> None:
    for group, message in messages:
        await layer.group_send(group, message)


class _Outbox:
    """The messages handed over to one event loop, sent one batch after the other."""

    def __init__(self, layer: Any) -> None:
        self.layer = layer
        self.pending: deque[list[tuple[str, dict[str, Any]]]] = deque()
        self.task: asyncio.Task[None] | None = None

    def put(self, messages: list[tuple[str, dict[str, Any]]]) -> None:
        self.pending.append(messages)
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._drain())

    async def _drain(self) -> None:
        while self.pending:
            messages = self.pending.popleft()
            try:
                await _send_all(self.layer, messages)
            except Exception:  # stored already; clients catch up by event number
                logger.exception("Broadcast of %s messages failed", len(messages))


_outboxes: dict[asyncio.AbstractEventLoop, _Outbox] = {}


def _enqueue(layer: Any, messages: list[tuple[str, dict[str, Any]]]) -> None:
    """In the event loop: put the messages in its outbox (made on first use)."""
    loop = asyncio.get_running_loop()
    outbox = _outboxes.get(loop)
    if outbox is None or outbox.layer is not layer:
        for old in [known for known in _outboxes if known.is_closed()]:
            del _outboxes[old]
        outbox = _outboxes[loop] = _Outbox(layer)
    outbox.put(messages)
