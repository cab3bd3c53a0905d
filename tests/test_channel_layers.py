"""The services mode's channel layer: Redis pub/sub with a bounded inbox per socket."""

from __future__ import annotations

import asyncio

import pytest

from config.channel_layers import (
    OVERFLOW,
    BoundedLoopLayer,
    BoundedRedisPubSubChannelLayer,
    Inbox,
    _BoundedShard,
)

# Building a layer opens no connection; these tests never reach Redis.
HOSTS = ["redis://127.0.0.1:6379/15"]


def _loop_layer(capacity: int) -> BoundedLoopLayer:
    proxy = BoundedRedisPubSubChannelLayer(hosts=HOSTS, capacity=capacity)
    return BoundedLoopLayer(hosts=HOSTS, capacity=capacity, channel_layer=proxy)


def _inbox(layer: BoundedLoopLayer, channel: str) -> Inbox:
    # What `_subscribe_to_channel` sets up, without the SUBSCRIBE.
    inbox = Inbox(layer.capacity)
    layer.channels[channel] = inbox
    return inbox


async def _contents(inbox: Inbox) -> list[object]:
    return [await inbox.get() for _ in range(inbox.qsize())]


async def test_messages_within_capacity_arrive_in_order() -> None:
    layer = _loop_layer(capacity=3)
    inbox = _inbox(layer, "specific.a")
    for number in range(3):
        layer.deliver("specific.a", {"type": "x", "n": number})
    assert [message["n"] for message in await _contents(inbox)] == [0, 1, 2]


async def test_a_full_inbox_is_emptied_and_holds_only_the_overflow_notice() -> None:
    layer = _loop_layer(capacity=3)
    slow, quick = _inbox(layer, "specific.slow"), _inbox(layer, "specific.quick")
    for number in range(4):
        layer.deliver("specific.slow", {"type": "x", "n": number})
    layer.deliver("specific.quick", {"type": "x", "n": 9})

    assert await _contents(slow) == [OVERFLOW]
    assert [message["n"] for message in await _contents(quick)] == [9]


async def test_an_overflow_keeps_the_sockets_own_messages_in_their_order() -> None:
    inbox = Inbox(capacity=2)
    await inbox.put_local({"type": "websocket.receive", "text": "1"})
    inbox.deliver({"type": "x", "n": 1})
    inbox.deliver({"type": "x", "n": 2})
    await inbox.put_local({"type": "websocket.disconnect", "code": 1000})
    inbox.deliver({"type": "x", "n": 3})  # one over: the layer's backlog goes

    assert [message["type"] for message in await _contents(inbox)] == [
        "websocket.receive",
        "websocket.disconnect",
        "layer.overflow",
    ]


async def test_a_message_for_a_channel_this_process_does_not_hold_is_dropped() -> None:
    layer = _loop_layer(capacity=3)
    layer.deliver("specific.elsewhere", {"type": "x"})
    assert layer.channels == {}


async def test_a_group_message_is_decoded_once_for_all_the_sockets_of_the_process() -> None:
    layer = _loop_layer(capacity=3)
    first, second = _inbox(layer, "specific.a"), _inbox(layer, "specific.b")
    group = layer._get_group_channel_name("network.1")
    layer.groups[group] = {"specific.a", "specific.b"}
    data = layer.channel_layer.serialize({"type": "post.created", "frame": "{}"})
    shard = _BoundedShard(HOSTS[0], layer)

    shard._receive_message({"channel": group.encode(), "data": data})

    to_first, to_second = await first.get(), await second.get()
    assert to_first == {"type": "post.created", "frame": "{}"}
    assert to_first is to_second


async def test_a_getter_waits_for_the_next_message() -> None:
    inbox = Inbox(capacity=3)
    getter = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)
    assert not getter.done()
    inbox.deliver({"type": "x"})
    assert await asyncio.wait_for(getter, 1) == {"type": "x"}


async def test_the_socket_waits_while_its_consumer_is_behind() -> None:
    inbox = Inbox(capacity=3, local_limit=2)
    await inbox.put_local("one")
    await inbox.put_local("two")
    third = asyncio.create_task(inbox.put_local("three"))
    await asyncio.sleep(0.01)
    assert not third.done()  # the socket is not read while two of its messages wait

    inbox.deliver({"type": "x"})  # layer messages do not wait for the socket's lane
    assert await inbox.get() == "one"
    await asyncio.wait_for(third, 1)
    assert await _contents(inbox) == ["two", {"type": "x"}, "three"]


async def test_a_cancelled_receive_lets_go_of_its_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    layer = _loop_layer(capacity=3)
    forgotten: list[str] = []

    async def forget(channel: str) -> None:
        forgotten.append(channel)

    monkeypatch.setattr(layer, "forget", forget)
    _inbox(layer, "specific.a")
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(layer.receive("specific.a"), 0.01)
    assert forgotten == ["specific.a"]


async def test_a_getter_cancelled_after_its_turn_hands_the_message_to_the_next() -> None:
    inbox = Inbox(capacity=3)
    first = asyncio.create_task(inbox.get())
    second = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)
    inbox.deliver({"type": "x"})  # wakes the first getter...
    first.cancel()  # ...which is cancelled before it runs
    assert await asyncio.wait_for(second, 1) == {"type": "x"}
