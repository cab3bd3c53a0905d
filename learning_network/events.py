"""Live-update group names and the events the discussion broadcasts (store first, then send).

Every event carries the network event number (`seq`) and the ids of what changed, so a client
can de-duplicate and, after a lost connection, ask for everything after the last number it saw.
The payload holds only what every member of the network may see.

Frames are encoded once per broadcast, not once per reader: an event carries `frame`, the JSON
text every open socket sends on as it is. An event about a post also carries `own_frame` (the
same with `"own": true`) and `author_id`, so the author's own sockets mark it as theirs; the id
never leaves the server.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import weakref
from dataclasses import dataclass
from typing import Any

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings

from accounts.events import broadcast_on_commit
from learning_network.models import LearningNetwork
from learning_network.selectors.networks import presence_list

logger = logging.getLogger(__name__)


def network_group(network_id: int) -> str:
    """The group every open socket on one network joins, e.g. `learning_network.network.7`."""
    return f"learning_network.network.{int(network_id)}"


def encode_frame(frame: dict[str, Any]) -> str:
    """The JSON text of a frame as clients receive it (compact: it goes to every reader)."""
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":"))


def discussion_event(
    event_type: str,
    *,
    post: dict[str, Any] | None = None,
    thread: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The channel-layer message for a change to a post and/or a thread, frames encoded.

    `post` is a `selectors.post_payload` (with `author_id`, which is taken out here);
    `thread` a `selectors.thread_payload`.
    """
    frame: dict[str, Any] = {"type": event_type}
    event: dict[str, Any] = {"type": event_type}
    if thread is not None:
        frame["thread"] = thread
    if post is None:
        event["frame"] = encode_frame(frame)
        return event
    shown = dict(post)
    event["author_id"] = shown.pop("author_id", None)
    frame["post"] = {**shown, "own": False}
    event["frame"] = encode_frame(frame)
    frame["post"]["own"] = True
    event["own_frame"] = encode_frame(frame)
    return event


def broadcast_change(
    event_type: str,
    network_id: int,
    *,
    post: dict[str, Any] | None = None,
    thread: dict[str, Any] | None = None,
) -> None:
    """A post or thread changed, after commit: `post.created` (a reply, with its thread's new
    state, so every reader gets one frame per post), `post.updated`, `post.hidden`,
    `post.restored`, `thread.created` (with its opening post) or `thread.updated` (locked,
    pinned, closed, moved)."""
    event = discussion_event(event_type, post=post, thread=thread)
    broadcast_on_commit(network_group(network_id), event.pop("type"), event)


def broadcast_access_changed(network_id: int, user_ids: list[int]) -> None:
    """Members were removed or muted: their open sockets re-check access at once."""
    broadcast_on_commit(network_group(network_id), "access.changed", {"user_ids": user_ids})


# --- Who is here: coalesced per network ----------------------------------------------------------


@dataclass
class _PresenceFeed:
    """The presence broadcasts of one network in one server process."""

    sent_at: float = -math.inf
    pending: asyncio.Task[None] | None = None


_feeds: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, _PresenceFeed]] = (
    weakref.WeakKeyDictionary()
)


async def presence_changed(network_id: int) -> None:
    """Someone joined, left or moved to another thread: tell the network who is here now.

    At most one list per `LEARNING_NETWORK_PRESENCE_INTERVAL` seconds per network and server
    process: the first change after a quiet interval goes out at once; further changes within
    the interval are coalesced into one broadcast at its end, which reads the list as it is then.
    Without this, each of N people joining at once would send the whole list to everyone: N²
    frames. Call it after the change has been stored (the list is read from the database).
    """
    loop = asyncio.get_running_loop()
    feed = _feeds.setdefault(loop, {}).setdefault(network_id, _PresenceFeed())
    if feed.pending is not None:
        return  # the broadcast at the end of the interval will read this change too
    wait = feed.sent_at + settings.LEARNING_NETWORK_PRESENCE_INTERVAL - loop.time()
    if wait <= 0:
        feed.sent_at = loop.time()
        await _send_presence(network_id)
    else:
        feed.pending = loop.create_task(_send_presence_later(feed, network_id, wait))


async def _send_presence_later(feed: _PresenceFeed, network_id: int, wait: float) -> None:
    await asyncio.sleep(wait)
    # Cleared before the list is read: a change during the read schedules the next round.
    feed.pending = None
    feed.sent_at = asyncio.get_running_loop().time()
    try:
        await _send_presence(network_id)
    except Exception:  # a background task: log, the next change sends the list again
        logger.exception("Presence broadcast for network %s failed", network_id)


async def _send_presence(network_id: int) -> None:
    event = await database_sync_to_async(_presence_event)(network_id)
    layer = get_channel_layer()
    if event is not None and layer is not None:
        await layer.group_send(network_group(network_id), event)


def _presence_event(network_id: int) -> dict[str, Any] | None:
    """The channel-layer message with who is in the network now, encoded once."""
    network = LearningNetwork.objects.filter(pk=network_id).first()
    if network is None:
        return None
    frame = encode_frame({"type": "presence", **presence_list(network=network)})
    return {"type": "presence.changed", "frame": frame}


def broadcast_typing(network_id: int, thread_id: int, name: str, channel_name: str) -> None:
    """Someone is typing in a thread (not stored; `name` is empty in pseudonymous categories).

    `sender` is the typing socket's channel, which does not echo the hint to itself.
    """
    frame = encode_frame({"type": "typing", "thread": thread_id, "name": name})
    broadcast_on_commit(
        network_group(network_id), "typing.started", {"frame": frame, "sender": channel_name}
    )
