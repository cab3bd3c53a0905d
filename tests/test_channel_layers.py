"""The services mode's channel layer: Redis pub/sub with a bound on every socket's inbox."""

from __future__ import annotations

import asyncio

from config.channel_layers import OVERFLOW, BoundedLoopLayer, BoundedRedisPubSubChannelLayer

# Building a layer opens no connection; these tests never reach Redis.
HOSTS = ["redis://127.0.0.1:6379/15"]


def _loop_layer(capacity: int) -> BoundedLoopLayer:
    proxy = BoundedRedisPubSubChannelLayer(hosts=HOSTS, capacity=capacity)
    return BoundedLoopLayer(hosts=HOSTS, capacity=capacity, channel_layer=proxy)


def _inbox(layer: BoundedLoopLayer, channel: str) -> asyncio.Queue[bytes]:
    # What `_subscribe_to_channel` sets up, without the SUBSCRIBE.
    inbox: asyncio.Queue[bytes] = asyncio.Queue(maxsize=layer.capacity)
    layer.channels[channel] = inbox
    return inbox


def _contents(inbox: asyncio.Queue[bytes]) -> list[bytes]:
    return [inbox.get_nowait() for _ in range(inbox.qsize())]


def test_messages_within_capacity_arrive_in_order() -> None:
    layer = _loop_layer(capacity=3)
    inbox = _inbox(layer, "specific.a")
    for number in range(3):
        layer.deliver("specific.a", layer.channel_layer.serialize({"type": "x", "n": number}))
    assert [layer.channel_layer.deserialize(m)["n"] for m in _contents(inbox)] == [0, 1, 2]


def test_a_full_inbox_is_emptied_and_holds_only_the_overflow_notice() -> None:
    layer = _loop_layer(capacity=3)
    slow, quick = _inbox(layer, "specific.slow"), _inbox(layer, "specific.quick")
    for number in range(4):
        layer.deliver("specific.slow", layer.channel_layer.serialize({"type": "x", "n": number}))
    layer.deliver("specific.quick", layer.channel_layer.serialize({"type": "x", "n": 9}))

    assert [layer.channel_layer.deserialize(m) for m in _contents(slow)] == [OVERFLOW]
    assert [layer.channel_layer.deserialize(m)["n"] for m in _contents(quick)] == [9]


def test_a_message_for_a_channel_this_process_does_not_hold_is_dropped() -> None:
    layer = _loop_layer(capacity=3)
    layer.deliver("specific.elsewhere", b"\x80")
    assert layer.channels == {}
