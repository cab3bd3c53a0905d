"""WebSocket consumer for a signed-in user's live notices (start page)."""

from __future__ import annotations

from typing import Any, ClassVar

from accounts.events import user_group
from config.websocket import BaseJsonConsumer


class NotificationConsumer(BaseJsonConsumer):
    """Joins the user's own group and relays notices; accepts only `ping` from the client."""

    message_types: ClassVar[dict[str, str]] = {"ping": "handle_ping"}

    async def connect(self) -> None:
        user = self.scope["user"]
        self.group_name = user_group(user.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await super().connect()

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group_name"):
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def handle_ping(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "pong"})

    async def notice_created(self, event: dict[str, Any]) -> None:
        """Event `notice.created`: a short, already-translated notice for this user only."""
        await self.send_json(
            {
                "type": "notice.created",
                "id": event["id"],
                "text": event["text"],
                "url": event["url"],
            }
        )
