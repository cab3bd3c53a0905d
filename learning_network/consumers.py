"""The live discussion of one learning network over a WebSocket.

The socket joins the network's group; every event carries ids and the network event number so
clients de-duplicate and catch up after a lost connection. Access is checked on connect (closed
before accept), on every message, and at once when a moderator or staff change someone's access.
"""

from __future__ import annotations

from typing import Any, ClassVar

from channels.db import database_sync_to_async
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from config.websocket import CLOSE_FORBIDDEN, BaseJsonConsumer
from learning_network import events, live
from learning_network.events import network_group
from learning_network.services import Refused

CLOSED = object()  # what `NetworkConsumer._call` returns after it closed the socket


class NetworkConsumer(BaseJsonConsumer):
    """One member's live connection to one network (the thread they view is part of presence)."""

    message_types: ClassVar[dict[str, str]] = {
        "view": "handle_view",
        "post.create": "handle_post_create",
        "post.edit": "handle_post_edit",
        "typing": "handle_typing",
        "catch_up": "handle_catch_up",
        "read": "handle_read",
        "heartbeat": "handle_heartbeat",
    }

    async def connect(self) -> None:
        user = self.scope["user"]
        slug = self.scope["url_route"]["kwargs"]["slug"]
        hello = await database_sync_to_async(live.network_for_socket)(user.pk, slug)
        if hello is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.user_id: int = user.pk
        self.network_id: int = hello["network"]
        self.group_name = network_group(self.network_id)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await super().connect()
        await self.send_json({"type": "hello", "seq": hello["seq"]})
        if await self._call(live.enter, channel_name=self.channel_name, thread_id=None) is None:
            await events.presence_changed(self.network_id)

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group_name"):
            await self.channel_layer.group_discard(self.group_name, self.channel_name)
            for network_id in await database_sync_to_async(live.leave)(self.channel_name):
                await events.presence_changed(network_id)

    async def still_allowed(self) -> bool:
        """Always yes here: each message's own database call checks access (`_call`), so a
        separate trip before it would only ask the same again."""
        return True

    async def _call(self, function: Any, **kwargs: Any) -> Any:
        """Run a `live` function for this member in the database thread. When the member no
        longer takes part (checked inside that call), close the socket and return CLOSED."""
        try:
            return await database_sync_to_async(function)(self.user_id, self.network_id, **kwargs)
        except live.NoLongerAllowed:
            await self.close(code=CLOSE_FORBIDDEN)
            return CLOSED

    # --- client messages ------------------------------------------------------------------------

    async def handle_view(self, content: dict[str, Any]) -> None:
        thread_id = content.get("thread")
        if thread_id is not None and not _is_id(thread_id):
            await self.send_error("invalid_message", _("Give the number of a thread."))
            return
        if (
            await self._call(live.enter, channel_name=self.channel_name, thread_id=thread_id)
            is None
        ):
            await events.presence_changed(self.network_id)

    async def handle_post_create(self, content: dict[str, Any]) -> None:
        thread_id, body, quote = content.get("thread"), content.get("body"), content.get("quote")
        if (
            not _is_id(thread_id)
            or not isinstance(body, str)
            or (quote is not None and not _is_id(quote))
            or not isinstance(content.get("pseudonymous", False), bool)
        ):
            await self.send_error(
                "invalid_message",
                _("A post needs the number of its thread and a text."),
                client_id=_client_id(content),
            )
            return
        await self._write(
            live.create_post,
            content,
            thread_id=thread_id,
            body=body,
            quote_id=quote,
            pseudonymous=content.get("pseudonymous", False),
        )

    async def handle_post_edit(self, content: dict[str, Any]) -> None:
        post_id, body = content.get("post"), content.get("body")
        if not _is_id(post_id) or not isinstance(body, str):
            await self.send_error(
                "invalid_message",
                _("An edit needs the number of the post and the new text."),
                client_id=_client_id(content),
            )
            return
        await self._write(live.edit_post, content, post_id=post_id, body=body)

    async def _write(self, function: Any, content: dict[str, Any], **kwargs: Any) -> None:
        client_id = _client_id(content)
        try:
            payload = await self._call(function, **kwargs)
        except Refused as refusal:
            await self.send_error(refusal.code, refusal.message, client_id=client_id)
        except ValidationError as error:
            await self.send_error(
                "invalid",
                " ".join(error.messages),
                client_id=client_id,
                fields=error.message_dict if hasattr(error, "error_dict") else {},
            )
        else:
            if payload is not CLOSED:
                await self.send_json(
                    {"type": "post.ack", "client_id": client_id, "post": self._for_me(payload)}
                )

    async def handle_typing(self, content: dict[str, Any]) -> None:
        thread_id = content.get("thread")
        if not _is_id(thread_id):
            await self.send_error("invalid_message", _("Give the number of a thread."))
            return
        await self._call(live.typing, thread_id=thread_id, channel_name=self.channel_name)

    async def handle_catch_up(self, content: dict[str, Any]) -> None:
        after, thread_id = content.get("after"), content.get("thread")
        if not isinstance(after, int) or isinstance(after, bool) or after < 0:
            await self.send_error("invalid_message", _("Give the last event number you saw."))
            return
        if thread_id is not None and not _is_id(thread_id):
            await self.send_error("invalid_message", _("Give the number of a thread."))
            return
        missed = await self._call(live.catch_up, after=after, thread_id=thread_id)
        if missed is not CLOSED:
            missed["posts"] = [self._for_me(post) for post in missed["posts"]]
            await self.send_json({"type": "catch_up", **missed})

    async def handle_read(self, content: dict[str, Any]) -> None:
        thread_id = content.get("thread")
        if not _is_id(thread_id):
            await self.send_error("invalid_message", _("Give the number of a thread."))
            return
        await self._call(live.mark_read, thread_id=thread_id)

    async def handle_heartbeat(self, content: dict[str, Any]) -> None:
        if await self._call(live.heartbeat, channel_name=self.channel_name) is None:
            await self.send_json({"type": "heartbeat"})

    # --- group events ---------------------------------------------------------------------------

    def _for_me(self, post: dict[str, Any]) -> dict[str, Any]:
        """The post as this member receives it: `own` instead of the author's id."""
        mine = dict(post)
        mine["own"] = mine.pop("author_id", None) == self.user_id
        return mine

    async def _relay(self, event: dict[str, Any]) -> None:
        """Send the event's frame as it was encoded for every reader (the author's own copy to
        the author's sockets)."""
        if "own_frame" in event and event["author_id"] == self.user_id:
            await self.send(text_data=event["own_frame"])
        else:
            await self.send(text_data=event["frame"])

    post_created = _relay
    post_updated = _relay
    post_hidden = _relay
    post_restored = _relay
    thread_created = _relay
    thread_updated = _relay
    presence_changed = _relay

    async def typing_started(self, event: dict[str, Any]) -> None:
        if event["sender"] != self.channel_name:
            await self.send(text_data=event["frame"])

    async def access_changed(self, event: dict[str, Any]) -> None:
        """Someone's access changed: if it is this member and they lost it, close the socket."""
        if self.user_id in event["user_ids"] and not await database_sync_to_async(
            live.may_take_part
        )(self.user_id, self.network_id):
            await self.send_error("access_revoked", _("You no longer take part in this network."))
            await self.close(code=CLOSE_FORBIDDEN)

    async def send_error(self, code: str, message: str, **extra: Any) -> None:
        frame = {"type": "error", "code": code, "message": str(message)}
        frame.update({key: value for key, value in extra.items() if value is not None})
        await self.send_json(frame)


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63


def _client_id(content: dict[str, Any]) -> str | None:
    """The client's own id for a message, echoed in the answer (short text only)."""
    value = content.get("client_id")
    return value if isinstance(value, str) and 0 < len(value) <= 64 else None
