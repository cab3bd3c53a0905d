"""Live-update group names and broadcasting for accounts (store first, broadcast on commit)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


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

    One hand-over to the event loop for all of them: a reply that notifies ten followers makes
    one trip from the database thread, not ten.
    """
    if not messages:
        return
    messages = list(messages)

    async def send_all(layer: Any) -> None:
        for group, message in messages:
            await layer.group_send(group, message)

    def send() -> None:
        layer = get_channel_layer()
        if layer is not None:
            async_to_sync(send_all)(layer)

    transaction.on_commit(send)
