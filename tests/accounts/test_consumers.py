"""WebSockets through the real ASGI application: origin check, session auth, policy, bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing.websocket import WebsocketCommunicator
from django.conf import settings
from django.db import connection
from django.test import Client

from accounts.events import user_group
from config.asgi import application
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://127.0.0.1:8000")


@sync_to_async
def _session_cookie(user: Any) -> bytes:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


@sync_to_async
def _user(**kwargs: Any) -> Any:
    return UserFactory(**kwargs)


async def _connect(
    path: str, headers: list[tuple[bytes, bytes]]
) -> tuple[WebsocketCommunicator, bool, Any]:
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def test_signed_in_user_connects_and_gets_pong() -> None:
    cookie = await _session_cookie(await _user())
    communicator, connected, _ = await _connect("/ws/notifications/", [ORIGIN, (b"cookie", cookie)])
    assert connected
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.disconnect()


async def test_anonymous_connection_is_refused_before_accept() -> None:
    communicator, connected, code = await _connect("/ws/notifications/", [ORIGIN])
    assert not connected
    assert code == 4401
    await communicator.disconnect()


async def test_foreign_origin_is_refused() -> None:
    cookie = await _session_cookie(await _user())
    communicator, connected, _ = await _connect(
        "/ws/notifications/", [(b"origin", b"https://evil.example.com"), (b"cookie", cookie)]
    )
    assert not connected
    await communicator.disconnect()


async def test_undeclared_route_is_refused() -> None:
    cookie = await _session_cookie(await _user())
    communicator, connected, code = await _connect("/ws/elders/", [ORIGIN, (b"cookie", cookie)])
    assert not connected
    assert code == 4404
    await communicator.disconnect()


async def test_notice_reaches_only_its_own_user() -> None:
    alice, bob = await _user(), await _user()
    alice_socket, _, _ = await _connect(
        "/ws/notifications/", [ORIGIN, (b"cookie", await _session_cookie(alice))]
    )
    bob_socket, _, _ = await _connect(
        "/ws/notifications/", [ORIGIN, (b"cookie", await _session_cookie(bob))]
    )
    await get_channel_layer().group_send(
        user_group(alice.pk), {"type": "notice.created", "id": "n1", "text": "Hallo", "url": ""}
    )
    assert await alice_socket.receive_json_from() == {
        "type": "notice.created",
        "id": "n1",
        "text": "Hallo",
        "url": "",
    }
    assert await bob_socket.receive_nothing(timeout=0.2)
    await alice_socket.disconnect()
    await bob_socket.disconnect()


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ("not json", "invalid_json"),
        (json.dumps([1, 2, 3]), "invalid_shape"),
        (json.dumps({"no": "type"}), "invalid_shape"),
        (json.dumps({"type": 5}), "invalid_shape"),
        (json.dumps({"type": "post.create", "text": "x"}), "unknown_type"),
    ],
)
async def test_bad_messages_get_a_clear_error_and_keep_the_socket_open(
    payload: str, code: str
) -> None:
    cookie = await _session_cookie(await _user())
    communicator, _, _ = await _connect("/ws/notifications/", [ORIGIN, (b"cookie", cookie)])
    await communicator.send_to(text_data=payload)
    reply = await communicator.receive_json_from()
    assert reply["type"] == "error"
    assert reply["code"] == code
    assert reply["message"]
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.disconnect()


async def test_oversize_message_closes_the_socket() -> None:
    cookie = await _session_cookie(await _user())
    communicator, _, _ = await _connect("/ws/notifications/", [ORIGIN, (b"cookie", cookie)])
    await communicator.send_to(text_data=json.dumps({"type": "ping", "pad": "x" * 20_000}))
    assert (await communicator.receive_json_from())["code"] == "too_large"
    assert (await communicator.receive_output())["type"] == "websocket.close"
    await communicator.disconnect()


async def test_binary_message_is_refused() -> None:
    cookie = await _session_cookie(await _user())
    communicator, _, _ = await _connect("/ws/notifications/", [ORIGIN, (b"cookie", cookie)])
    await communicator.send_to(bytes_data=b"\x00\x01")
    assert (await communicator.receive_json_from())["code"] == "binary_not_supported"
    await communicator.disconnect()


async def test_message_flood_is_rate_limited_and_closed() -> None:
    cookie = await _session_cookie(await _user())
    communicator, _, _ = await _connect("/ws/notifications/", [ORIGIN, (b"cookie", cookie)])
    limit, _seconds = settings.WEBSOCKET_RATE_LIMIT
    for _ in range(limit):
        await communicator.send_json_to({"type": "ping"})
        assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.send_json_to({"type": "ping"})
    assert (await communicator.receive_json_from())["code"] == "rate_limited"
    assert (await communicator.receive_output())["type"] == "websocket.close"
    await communicator.disconnect()


async def test_account_blocked_while_connected_is_closed_on_next_message() -> None:
    user = await _user()
    cookie = await _session_cookie(user)
    communicator, _, _ = await _connect("/ws/notifications/", [ORIGIN, (b"cookie", cookie)])
    await sync_to_async(type(user).objects.filter(pk=user.pk).update)(is_active=False)
    await communicator.send_json_to({"type": "ping"})
    output = await communicator.receive_output()
    assert output["type"] == "websocket.close"
    assert output["code"] == 4403
    await communicator.disconnect()


async def test_messages_are_handled_in_arrival_order_from_both_sources() -> None:
    user = await _user()
    cookie = await _session_cookie(user)
    communicator, connected, _ = await _connect("/ws/notifications/", [ORIGIN, (b"cookie", cookie)])
    assert connected
    layer = get_channel_layer()
    for number in range(3):
        await communicator.send_json_to({"type": "ping"})
        await layer.group_send(
            user_group(user.pk),
            {"type": "notice.created", "id": f"n{number}", "text": "Hallo", "url": ""},
        )
        assert [await communicator.receive_json_from() for _ in range(2)] == [
            {"type": "pong"},
            {"type": "notice.created", "id": f"n{number}", "text": "Hallo", "url": ""},
        ]
    await communicator.disconnect()


async def test_a_failing_channel_layer_ends_the_socket_with_its_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def broken(channel: str) -> dict[str, Any]:
        raise RuntimeError("channel layer unreachable")

    layer = get_channel_layer()
    monkeypatch.setattr(layer, "receive", broken)
    # Read through `receive`, as with any layer that does not hand its consumers an inbox.
    monkeypatch.setattr(layer, "inbox", lambda channel: None, raising=False)
    cookie = await _session_cookie(await _user())
    communicator = WebsocketCommunicator(
        application, "/ws/notifications/", headers=[ORIGIN, (b"cookie", cookie)]
    )
    assert await communicator.connect() == (True, None)
    # The consumer does not hang on with half its sources: the error ends it (so there is no
    # socket left to disconnect).
    with pytest.raises(RuntimeError, match="channel layer unreachable"):
        await communicator.receive_output(timeout=1)
    # Without the disconnect that would close it, the database thread's connection stays open.
    await database_sync_to_async(lambda: connection.close())()
