"""WebSocket plumbing shared by every app: the access-policy gate and the base JSON consumer."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import time
from collections import deque
from typing import Any, ClassVar

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import URLResolver
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern
from django.utils.translation import gettext as _

from config.access_policy import Decision, rule_for_websocket
from config.channel_layers import Inbox

logger = logging.getLogger(__name__)

# Close codes in the private range (4000-4999) so clients can tell why.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_UNDECLARED = 4404
CLOSE_TOO_LARGE = 4413
CLOSE_RATE_LIMITED = 4429
# The standard 'try again later': the socket fell too far behind (see config.channel_layers).
CLOSE_TRY_AGAIN = 1013


class WebsocketAccessMiddleware:
    """Checks every WebSocket connection against the access policy before any consumer runs.

    Resolves the path against the same `websocket_urlpatterns` the router uses, so an undeclared
    route is refused (closed before accept) rather than silently served.
    """

    def __init__(self, app: Any, patterns: list[Any]) -> None:
        self.app = app
        self.resolver = URLResolver(RegexPattern(r"^/"), patterns)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        if scope["type"] != "websocket":
            return await self.app(scope, receive, send)
        try:
            match = self.resolver.resolve(scope["path"])
        except Resolver404:
            return await self._refuse(receive, send, CLOSE_UNDECLARED)
        rule = rule_for_websocket(match.url_name)
        if rule is None:
            logger.error("WebSocket route %r has no access-policy declaration", match.url_name)
            return await self._refuse(receive, send, CLOSE_UNDECLARED)
        decision = rule.decide(scope.get("user"))
        if decision is Decision.LOGIN:
            return await self._refuse(receive, send, CLOSE_UNAUTHENTICATED)
        if decision is Decision.FORBID:
            return await self._refuse(receive, send, CLOSE_FORBIDDEN)
        return await self.app(scope, receive, send)

    @staticmethod
    async def _refuse(receive: Any, send: Any, code: int) -> None:
        message = await receive()
        if message["type"] == "websocket.connect":
            await send({"type": "websocket.close", "code": code})


class BaseJsonConsumer(AsyncJsonWebsocketConsumer):
    """A JSON consumer that enforces size, shape and rate limits on every incoming message.

    Subclasses declare `message_types`: the client message types they accept, each mapped to the
    name of an async handler method taking the message dict. Bad input gets an `error` message
    back and changes nothing; a flood or an oversize frame closes the socket.
    """

    message_types: ClassVar[dict[str, str]] = {}

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Channels' consumer loop with one inbox in place of `await_many_dispatch`.

        Channels waits on the socket and the channel layer with `asyncio.wait` and a new task
        after every message; for a broadcast to many readers that machinery cost about as much
        as sending the frame (bench/live.py). Here the consumer takes its messages, one at a
        time and in arrival order, from one `Inbox`: the services mode's layer delivers into it
        directly (one wake-up per broadcast message), a pump task feeds it from any other layer,
        and one feeds it from the socket. The inbox is bounded both ways: a consumer that is
        behind stops reading its socket, and one that falls `capacity` layer messages behind is
        told it overflowed (`layer_overflow`).
        """
        self.scope = scope
        self.channel_layer = get_channel_layer(self.channel_layer_alias)
        self.base_send = send
        inbox: Inbox | None = None
        if self.channel_layer is not None:
            self.channel_name = await self.channel_layer.new_channel()
            self.channel_receive = functools.partial(self.channel_layer.receive, self.channel_name)
            take_inbox = getattr(self.channel_layer, "inbox", None)
            inbox = take_inbox(self.channel_name) if take_inbox is not None else None
        direct = inbox is not None
        if inbox is None:
            inbox = Inbox(capacity=getattr(self.channel_layer, "capacity", 100))
        sources: list[tuple[Any, bool]] = [(receive, False)]
        if self.channel_layer is not None and not direct:
            sources.append((self.channel_receive, True))

        async def pump(source: Any, from_layer: bool) -> None:
            try:
                while True:
                    message = await source()
                    if from_layer:
                        inbox.deliver(message)
                    else:
                        await inbox.put_local(message)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # handed to the consumer, which raises it
                await inbox.put_local(_PumpFailed(error))

        pumps = [asyncio.create_task(pump(source, from_layer)) for source, from_layer in sources]
        try:
            while True:
                message = await inbox.get()
                if isinstance(message, _PumpFailed):
                    raise message.error
                await self.dispatch(message)
        except StopConsumer:
            pass
        finally:
            for task in pumps:
                task.cancel()
            for task in pumps:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if direct:
                await self.channel_layer.forget(self.channel_name)

    async def dispatch(self, message: dict[str, Any]) -> None:
        """Run the handler for a message, without Channels' stale-connection check before it.

        Channels (4.2+) closes stale database connections before every handler, group events
        included: a hop into the one thread that runs all database work, so a post to 200
        readers queued 400 hops behind other posts' queries (bench/live.py). Handlers here reach
        the database only through `database_sync_to_async`, which closes stale connections
        around each call itself.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self) -> None:
        self._recent: deque[float] = deque()
        await self.accept()

    async def layer_overflow(self, event: dict[str, Any]) -> None:
        """The socket's inbox overflowed (a reader too slow for the traffic): close it, so the
        client reconnects and catches up rather than the server holding an ever longer queue."""
        await self.close(code=CLOSE_TRY_AGAIN)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        limit = settings.WEBSOCKET_MAX_MESSAGE_BYTES
        if bytes_data is not None:
            await self.send_error("binary_not_supported", _("Only text messages are accepted."))
            return
        if text_data is None:
            return
        if len(text_data.encode()) > limit:
            await self.send_error("too_large", _("The message is too large."))
            await self.close(code=CLOSE_TOO_LARGE)
            return
        if not self._within_rate():
            await self.send_error("rate_limited", _("Too many messages; wait a moment."))
            await self.close(code=CLOSE_RATE_LIMITED)
            return
        if not await self.still_allowed():
            await self.close(code=CLOSE_FORBIDDEN)
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self.send_error("invalid_json", _("The message is not valid JSON."))
            return
        await self.receive_json(content)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_error("invalid_shape", _("A message must be an object with a type."))
            return
        handler_name = self.message_types.get(content["type"])
        if handler_name is None:
            await self.send_error("unknown_type", _("Unknown message type."))
            return
        await getattr(self, handler_name)(content)

    async def still_allowed(self) -> bool:
        """Re-check access on every message: an account can be blocked while a socket is open."""
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return False
        return await database_sync_to_async(_user_is_active)(user.pk)

    async def send_error(self, code: str, message: str) -> None:
        await self.send_json({"type": "error", "code": code, "message": str(message)})

    def _within_rate(self) -> bool:
        count, seconds = settings.WEBSOCKET_RATE_LIMIT
        now = time.monotonic()
        while self._recent and now - self._recent[0] > seconds:
            self._recent.popleft()
        if len(self._recent) >= count:
            return False
        self._recent.append(now)
        return True


class _PumpFailed:
    """A source of a consumer's messages raised: the consumer raises it in turn."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


def _user_is_active(user_pk: int) -> bool:
    return get_user_model().objects.filter(pk=user_pk, is_active=True).exists()
