"""Broadcasts after commit: handed to the channel layer in order, never holding a database
thread of the server while the event loop is busy."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

from accounts import events
from accounts.events import broadcast_many_on_commit
from tests.group_listener import GroupListener

pytestmark = pytest.mark.django_db(transaction=True)

GROUP = "accounts.user.424242"


class _GatedSends:
    """Stands in for the layer's `group_send`: records each message once `gate` opens."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.sent: list[str] = []

    async def __call__(self, group: str, message: dict[str, Any]) -> None:
        await self.gate.wait()
        self.sent.append(message["type"])


def _store_and_broadcast(*types: str) -> str:
    with transaction.atomic():
        broadcast_many_on_commit([(GROUP, {"type": kind}) for kind in types])
    return "committed"


async def test_a_database_thread_goes_on_while_its_broadcast_waits_for_the_event_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sends = _GatedSends()
    monkeypatch.setattr(get_channel_layer(), "group_send", sends)

    # The layer cannot send until the gate opens; the thread must not wait for that.
    returned = await asyncio.wait_for(
        database_sync_to_async(_store_and_broadcast)("first", "second"), timeout=5
    )
    assert returned == "committed"
    assert sends.sent == []

    sends.gate.set()
    for _ in range(100):
        if len(sends.sent) == 2:
            break
        await asyncio.sleep(0.01)
    assert sends.sent == ["first", "second"]


async def test_broadcasts_of_successive_commits_leave_in_commit_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sends = _GatedSends()
    monkeypatch.setattr(get_channel_layer(), "group_send", sends)

    await database_sync_to_async(_store_and_broadcast)("post", "notice")
    await database_sync_to_async(_store_and_broadcast)("edit")
    sends.gate.set()
    for _ in range(100):
        if len(sends.sent) == 3:
            break
        await asyncio.sleep(0.01)
    assert sends.sent == ["post", "notice", "edit"]


async def test_a_failed_broadcast_is_logged_and_the_next_one_still_goes_out(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    sent: list[str] = []

    async def flaky(group: str, message: dict[str, Any]) -> None:
        if message["type"] == "broken":
            raise ConnectionError("Redis went away")
        sent.append(message["type"])

    monkeypatch.setattr(get_channel_layer(), "group_send", flaky)
    await database_sync_to_async(_store_and_broadcast)("broken")
    await database_sync_to_async(_store_and_broadcast)("after")
    for _ in range(100):
        if sent:
            break
        await asyncio.sleep(0.01)
    assert sent == ["after"]
    assert "Broadcast of 1 messages failed" in caplog.text


def test_outside_a_server_thread_the_broadcast_is_sent_before_the_commit_returns() -> None:
    listener = GroupListener(GROUP)
    _store_and_broadcast("direct")
    assert [message["type"] for message in listener.messages()] == ["direct"]


def _broadcast_then_fail() -> None:
    with transaction.atomic():
        broadcast_many_on_commit([(GROUP, {"type": "never"})])
        raise RuntimeError("the write failed")


def test_a_rolled_back_transaction_broadcasts_nothing() -> None:
    listener = GroupListener(GROUP)
    with pytest.raises(RuntimeError, match="the write failed"):
        _broadcast_then_fail()
    assert listener.messages() == []


def test_a_broadcast_for_a_loop_that_closed_meanwhile_is_sent_all_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closed = asyncio.new_event_loop()
    closed.close()
    monkeypatch.setattr(events, "_serving_loop", lambda: closed)
    listener = GroupListener(GROUP)
    _store_and_broadcast("late")
    assert [message["type"] for message in listener.messages()] == ["late"]
