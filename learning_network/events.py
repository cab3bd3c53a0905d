"""Live-update group names and the events the discussion broadcasts (store first, then send).

Every event carries the network event number (`seq`) and the ids of what changed, so a client
can de-duplicate and, after a lost connection, ask for everything after the last number it saw.
The payload holds only what every member of the network may see; `author_id` is used by the
consumer to mark a member's own posts and is never sent on to clients.
"""

from __future__ import annotations

from typing import Any

from accounts.events import broadcast_on_commit


def network_group(network_id: int) -> str:
    """The group every open socket on one network joins, e.g. `learning_network.network.7`."""
    return f"learning_network.network.{int(network_id)}"


def broadcast_post(event_type: str, payload: dict[str, Any], network_id: int) -> None:
    """`post.created`, `post.updated`, `post.hidden` or `post.restored`, after commit."""
    broadcast_on_commit(network_group(network_id), event_type, {"post": payload})


def broadcast_thread(event_type: str, payload: dict[str, Any], network_id: int) -> None:
    """`thread.created` or `thread.updated` (locked, pinned, closed, moved), after commit."""
    broadcast_on_commit(network_group(network_id), event_type, {"thread": payload})


def broadcast_access_changed(network_id: int, user_ids: list[int]) -> None:
    """Members were removed or muted: their open sockets re-check access at once."""
    broadcast_on_commit(network_group(network_id), "access.changed", {"user_ids": user_ids})


def broadcast_presence(network_id: int, presence: dict[str, Any]) -> None:
    """Someone joined, left or moved to another thread: the new list of who is here."""
    broadcast_on_commit(network_group(network_id), "presence.changed", {"presence": presence})


def broadcast_typing(network_id: int, thread_id: int, name: str, channel_name: str) -> None:
    """Someone is typing in a thread (not stored; `name` is empty in pseudonymous categories)."""
    broadcast_on_commit(
        network_group(network_id),
        "typing.started",
        {"thread": thread_id, "name": name, "sender": channel_name},
    )
