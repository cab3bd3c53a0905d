"""The live discussion over WebSockets, through the real ASGI application: joining, posting,
editing, moderation, refusals, limits, revoked access, catching up after a lost connection."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings

from learning_network import services
from learning_network.models import ModerationKind, Post, Presence
from tests.learning_network.helpers import (
    NOISE,
    Net,
    fresh,
    join,
    open_socket,
    receive_close,
    receive_until,
    remaining_frames,
    socket_path,
    start_thread_async,
)

pytestmark = pytest.mark.django_db(transaction=True)

POST_FIELDS = {
    "id",
    "thread",
    "seq",
    "author",
    "own",
    "body",
    "attachments",
    "hidden",
    "hidden_reason",
    "quote",
    "created_at",
    "edited_at",
    "pseudonymous",
}


@sync_to_async
def in_thread(call: Callable[[], Any]) -> Any:
    """Run ORM work (services, fresh objects) outside the event loop."""
    return call()


@sync_to_async
def post_count() -> int:
    return Post.objects.count()


@sync_to_async
def network_seq(net: Net) -> int:
    return fresh(net.network).event_seq


async def send_post(
    communicator: Any, thread_id: int, body: str, client_id: str = "c-1", **extra: Any
) -> None:
    await communicator.send_json_to(
        {"type": "post.create", "thread": thread_id, "body": body, "client_id": client_id, **extra}
    )


# --- joining ---------------------------------------------------------------------------------


async def test_member_joins_and_is_greeted_with_the_event_number(net: Net) -> None:
    communicator, seq = await join(net, net.member)

    assert seq == await network_seq(net)
    presence = await receive_until(communicator, "presence", skip=())
    assert presence["names"] == [net.member.public_name]
    assert presence["count"] == 1
    assert await sync_to_async(Presence.objects.filter(user=net.member).count)() == 1

    await communicator.send_json_to({"type": "heartbeat"})
    assert await receive_until(communicator, "heartbeat") == {"type": "heartbeat"}
    await communicator.disconnect()
    assert await sync_to_async(Presence.objects.count)() == 0


async def test_joins_within_the_interval_are_coalesced_into_one_presence_list(
    net: Net, settings: Any
) -> None:
    settings.LEARNING_NETWORK_PRESENCE_INTERVAL = 1.0
    moderator, _ = await join(net, net.moderator)
    first = await receive_until(moderator, "presence", skip=())  # the first change: at once
    assert first["names"] == [net.moderator.public_name]

    member, _ = await join(net, net.member)
    staff, _ = await join(net, net.staff)
    frames = await remaining_frames(moderator, skip=(), wait=1.5)

    # Two joins within the second after the first list: one list at the end of that second.
    assert [frame["type"] for frame in frames] == ["presence"]
    assert frames[0]["count"] == 3
    settings.LEARNING_NETWORK_PRESENCE_INTERVAL = 0.0  # leaving sends at once, before the loop ends
    for communicator in (moderator, member, staff):
        await communicator.disconnect()


async def test_anonymous_visitor_is_refused_before_accept(net: Net) -> None:
    communicator, connected, code = await open_socket(socket_path(net), None)
    assert not connected
    assert code == 4401
    await communicator.disconnect()


@pytest.mark.parametrize("name", ["outsider", "member_b", "panel", "observer"])
async def test_people_outside_the_network_are_refused_before_accept(net: Net, name: str) -> None:
    communicator, connected, code = await open_socket(socket_path(net), getattr(net.world, name))
    assert not connected
    assert code == 4403
    await communicator.disconnect()
    assert await sync_to_async(Presence.objects.count)() == 0


async def test_member_of_consortium_b_is_refused_while_consortium_a_takes_part(net: Net) -> None:
    await sync_to_async(services.network_consortium_add)(
        actor=net.staff, network=net.network, consortium=net.world.consortium_a
    )
    coordinator, seq = await join(net, net.world.coordinator_a)
    assert seq == await network_seq(net)

    communicator, connected, code = await open_socket(socket_path(net), net.member_b)
    assert not connected
    assert code == 4403
    await communicator.disconnect()
    await coordinator.disconnect()


async def test_unknown_network_is_refused_like_a_forbidden_one(net: Net) -> None:
    communicator, connected, code = await open_socket("/ws/leernetwerken/bestaat-niet/", net.staff)
    assert not connected
    assert code == 4403
    await communicator.disconnect()


async def test_foreign_origin_is_refused(net: Net) -> None:
    assert settings.DEBUG is False
    communicator, connected, _code = await open_socket(
        socket_path(net), net.member, origin=(b"origin", b"https://evil.example.com")
    )
    assert not connected
    await communicator.disconnect()
    assert await sync_to_async(Presence.objects.count)() == 0


# --- posting and editing ---------------------------------------------------------------------


async def test_post_reaches_every_socket_and_the_sender_gets_an_ack(net: Net) -> None:
    member, _ = await join(net, net.member)
    moderator, _ = await join(net, net.moderator)

    await send_post(member, net.thread.pk, "Hallo <script>alert(1)</script>allemaal", "mijn-1")

    ack = await receive_until(member, "post.ack")
    assert ack["client_id"] == "mijn-1"
    post = ack["post"]
    assert set(post) == POST_FIELDS
    assert post["own"] is True
    assert post["author"] == net.member.public_name
    assert "<script" not in post["body"]
    assert post["thread"] == net.thread.pk
    assert post["seq"] == await network_seq(net)

    own_copy = await receive_until(member, "post.created")
    assert own_copy["post"]["id"] == post["id"]
    assert own_copy["post"]["own"] is True
    other_copy = await receive_until(moderator, "post.created")
    assert set(other_copy["post"]) == POST_FIELDS
    assert other_copy["post"]["own"] is False
    assert other_copy["post"]["body"] == post["body"]
    stored = await sync_to_async(Post.objects.get)(pk=post["id"])
    assert stored.author_id == net.member.pk

    await member.disconnect()
    await moderator.disconnect()


async def test_reply_reaches_a_reader_as_one_frame_with_the_threads_new_state(net: Net) -> None:
    member, _ = await join(net, net.member)
    moderator, _ = await join(net, net.moderator)
    before = await in_thread(lambda: fresh(net.thread).post_count)

    await send_post(member, net.thread.pk, "Eén bericht, één frame.")

    frames = await remaining_frames(moderator, skip={"presence"}, wait=0.5)
    assert [frame["type"] for frame in frames] == ["post.created"]
    [frame] = frames
    assert frame["thread"]["id"] == net.thread.pk
    assert frame["thread"]["post_count"] == before + 1
    assert frame["thread"]["seq"] == frame["post"]["seq"] == await network_seq(net)
    await member.disconnect()
    await moderator.disconnect()


async def test_new_thread_reaches_a_reader_as_one_frame_with_its_opening_post(net: Net) -> None:
    moderator, _ = await join(net, net.moderator)
    member, _ = await join(net, net.member)
    thread = await start_thread_async(
        net,
        net.member,
        category=net.general,
        title="Werkervaringsplaatsen",
        body="Wie heeft ervaring?",
    )

    [frame] = await remaining_frames(moderator, skip={"presence"}, wait=0.5)
    assert frame["type"] == "thread.created"
    assert frame["thread"]["id"] == frame["post"]["thread"] == thread.pk
    assert frame["post"]["own"] is False
    [own] = await remaining_frames(member, skip={"presence"}, wait=0.5)
    assert own["post"]["own"] is True
    await member.disconnect()
    await moderator.disconnect()


async def test_post_with_a_quote_and_a_pseudonym_over_the_socket(net: Net) -> None:
    thread = await start_thread_async(
        net, net.moderator, category=net.grief, title="Verlies", body="Wie wil iets delen?"
    )
    opening = await in_thread(thread.posts.get)
    member, _ = await join(net, net.member)
    moderator, _ = await join(net, net.moderator)

    await send_post(member, thread.pk, "Ik.", quote=opening.pk, pseudonymous=True)

    post = (await receive_until(member, "post.ack"))["post"]
    assert post["pseudonymous"] is True
    assert post["quote"]["id"] == opening.pk
    seen = (await receive_until(moderator, "post.created"))["post"]
    assert seen["author"] == post["author"] != net.member.public_name
    frame_text = json.dumps(seen)
    for secret in (net.member.public_name, net.member.full_name, net.member.email):
        assert secret not in frame_text
    await member.disconnect()
    await moderator.disconnect()


async def test_edit_over_the_socket_is_broadcast_as_post_updated(net: Net) -> None:
    member, _ = await join(net, net.member)
    moderator, _ = await join(net, net.moderator)
    await send_post(member, net.thread.pk, "Eerste versie")
    post = (await receive_until(member, "post.ack"))["post"]
    await receive_until(moderator, "post.created")

    await member.send_json_to({"type": "post.edit", "post": post["id"], "body": "Tweede versie"})

    ack = await receive_until(member, "post.ack", skip=NOISE | {"post.created"})
    assert ack["post"]["body"] == "<p>Tweede versie</p>"
    updated = await receive_until(moderator, "post.updated")
    assert updated["post"]["id"] == post["id"]
    assert updated["post"]["body"] == "<p>Tweede versie</p>"
    assert updated["post"]["edited_at"] is not None
    assert updated["post"]["seq"] > post["seq"]
    assert updated["post"]["own"] is False
    await member.disconnect()
    await moderator.disconnect()


async def test_editing_someone_elses_post_over_the_socket_is_refused(net: Net) -> None:
    member, _ = await join(net, net.member)
    await member.send_json_to(
        {"type": "post.edit", "post": net.first_post.pk, "body": "Overgenomen", "client_id": "e"}
    )
    error = await receive_until(member, "error")
    assert (error["code"], error["client_id"]) == ("not_editable", "e")
    assert (await in_thread(lambda: fresh(net.first_post))).body == "<p>Stel je hier voor.</p>"
    await member.disconnect()


async def test_moderator_hiding_a_post_reaches_the_other_sockets(net: Net) -> None:
    member, _ = await join(net, net.member)
    await send_post(member, net.thread.pk, "Iets wat te ver gaat.")
    post = (await receive_until(member, "post.ack"))["post"]
    await receive_until(member, "post.created")

    await in_thread(
        lambda: services.post_hide(
            actor=fresh(net.moderator),
            post=Post.objects.get(pk=post["id"]),
            reason="Persoonlijke aanval.",
        )
    )

    hidden = await receive_until(member, "post.hidden")
    assert hidden["post"]["id"] == post["id"]
    assert hidden["post"]["hidden"] is True
    assert hidden["post"]["body"] == ""
    assert hidden["post"]["hidden_reason"] == "Persoonlijke aanval."
    assert hidden["post"]["own"] is True
    assert "author_id" not in hidden["post"]
    await member.disconnect()


# --- refusals --------------------------------------------------------------------------------


async def test_muted_member_gets_an_error_and_nothing_is_stored(net: Net) -> None:
    member, _ = await join(net, net.member)
    await in_thread(
        lambda: services.member_mute(
            actor=fresh(net.moderator),
            network=net.network,
            user=fresh(net.member),
            days=2,
            reason="Toon.",
        )
    )
    before = await post_count()

    await send_post(member, net.thread.pk, "Mag ik nog?", "m-1")

    error = await receive_until(member, "error")
    assert (error["code"], error["client_id"]) == ("muted", "m-1")
    assert "Toon." in error["message"]
    assert await post_count() == before
    # A muted member keeps reading: the socket stays open.
    await member.send_json_to({"type": "heartbeat"})
    assert (await receive_until(member, "heartbeat"))["type"] == "heartbeat"
    await member.disconnect()


async def test_locked_thread_refuses_members_but_not_moderators(net: Net) -> None:
    await in_thread(
        lambda: services.thread_moderate(
            actor=fresh(net.moderator),
            thread=net.thread,
            kind=ModerationKind.LOCK,
            reason="Even rust.",
        )
    )
    member, _ = await join(net, net.member)
    moderator, _ = await join(net, net.moderator)
    before = await post_count()

    await send_post(member, net.thread.pk, "Nog één ding")
    assert (await receive_until(member, "error"))["code"] == "locked"
    assert await post_count() == before

    await send_post(moderator, net.thread.pk, "Afsluitende opmerking")
    assert (await receive_until(moderator, "post.ack"))["post"]["own"] is True
    assert await post_count() == before + 1
    await member.disconnect()
    await moderator.disconnect()


async def test_post_in_a_thread_of_another_network_is_not_found(net: Net) -> None:
    other = await in_thread(
        lambda: services.network_create(
            actor=net.staff, data={"name": "Regio Oost", "kind": "regio"}
        )
    )
    elsewhere = await in_thread(
        lambda: services.thread_create(
            actor=fresh(net.staff),
            network=other,
            category=other.categories.get(),
            title="Elders",
            body="Elders.",
        )
    )
    staff, _ = await join(net, net.staff)
    before = await post_count()

    await send_post(staff, elsewhere.pk, "Verkeerd netwerk")

    assert (await receive_until(staff, "error"))["code"] == "not_found"
    assert await post_count() == before
    await staff.disconnect()


async def test_empty_body_and_foreign_quote_get_a_field_error(net: Net) -> None:
    other_thread = await start_thread_async(
        net, net.moderator, category=net.general, title="B", body="B"
    )
    other_post = await in_thread(other_thread.posts.get)
    member, _ = await join(net, net.member)
    before = await post_count()

    await send_post(member, net.thread.pk, "   ", "leeg")
    error = await receive_until(member, "error")
    assert (error["code"], error["client_id"]) == ("invalid", "leeg")
    assert "body" in error["fields"]

    await send_post(member, net.thread.pk, "Citaat", quote=other_post.pk)
    error = await receive_until(member, "error")
    assert error["code"] == "invalid"
    assert "quote" in error["fields"]
    assert await post_count() == before
    await member.disconnect()


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{niet: json", "invalid_json"),
        (json.dumps(["post.create"]), "invalid_shape"),
        (json.dumps({"type": "post.create", "body": "Zonder onderwerp"}), "invalid_message"),
        (json.dumps({"type": "post.create", "thread": None, "body": "x"}), "invalid_message"),
        (json.dumps({"type": "post.create", "thread": "1", "body": "x"}), "invalid_message"),
        (json.dumps({"type": "post.create", "thread": True, "body": "x"}), "invalid_message"),
        (json.dumps({"type": "post.create", "thread": 1.5, "body": "x"}), "invalid_message"),
        (json.dumps({"type": "post.create", "thread": -1, "body": "x"}), "invalid_message"),
        (json.dumps({"type": "post.create", "thread": 2**70, "body": "x"}), "invalid_message"),
        (json.dumps({"type": "post.create", "thread": "THREAD", "body": 5}), "invalid_message"),
        (
            json.dumps({"type": "post.create", "thread": "THREAD", "body": ["x"]}),
            "invalid_message",
        ),
        (
            json.dumps({"type": "post.create", "thread": "THREAD", "body": "x", "quote": True}),
            "invalid_message",
        ),
        (
            json.dumps(
                {"type": "post.create", "thread": "THREAD", "body": "x", "pseudonymous": "ja"}
            ),
            "invalid_message",
        ),
        (json.dumps({"type": "post.edit", "post": False, "body": "x"}), "invalid_message"),
        (json.dumps({"type": "post.edit", "post": "POST", "body": None}), "invalid_message"),
        (json.dumps({"type": "typing", "thread": True}), "invalid_message"),
        (json.dumps({"type": "view", "thread": "welkom"}), "invalid_message"),
        (json.dumps({"type": "read", "thread": None}), "invalid_message"),
        (json.dumps({"type": "catch_up", "after": -1}), "invalid_message"),
        (json.dumps({"type": "catch_up", "after": True}), "invalid_message"),
        (json.dumps({"type": "catch_up", "after": "0"}), "invalid_message"),
        (json.dumps({"type": "catch_up", "after": 0, "thread": False}), "invalid_message"),
        (json.dumps({"type": "post.delete", "post": 1}), "unknown_type"),
        (json.dumps({"type": "POST.CREATE", "thread": 1, "body": "x"}), "unknown_type"),
    ],
)
async def test_malformed_frames_get_a_clear_error_and_store_nothing(
    net: Net, frame: str, code: str
) -> None:
    frame = frame.replace('"THREAD"', str(net.thread.pk)).replace('"POST"', str(net.first_post.pk))
    member, _ = await join(net, net.member)
    before, seq = await post_count(), await network_seq(net)

    await member.send_to(text_data=frame)

    error = await receive_until(member, "error")
    assert error["code"] == code
    assert error["message"]
    assert await post_count() == before
    assert await network_seq(net) == seq
    assert (await in_thread(lambda: fresh(net.first_post))).body == "<p>Stel je hier voor.</p>"
    # The socket stays usable.
    await member.send_json_to({"type": "heartbeat"})
    assert (await receive_until(member, "heartbeat"))["type"] == "heartbeat"
    await member.disconnect()


async def test_oversize_frame_gets_an_error_and_closes_the_socket(net: Net) -> None:
    member, _ = await join(net, net.member)
    before = await post_count()
    await send_post(member, net.thread.pk, "x" * settings.WEBSOCKET_MAX_MESSAGE_BYTES)

    assert (await receive_until(member, "error"))["code"] == "too_large"
    assert (await receive_close(member))["code"] == 4413
    assert await post_count() == before
    await member.disconnect()


async def test_sixth_post_in_a_burst_is_rate_limited_and_only_five_are_stored(net: Net) -> None:
    member, _ = await join(net, net.member)
    before = await post_count()

    for n in range(5):
        await send_post(member, net.thread.pk, f"Bericht {n}", f"c-{n}")
        ack = await receive_until(member, "post.ack", skip=NOISE | {"post.created"})
        assert ack["client_id"] == f"c-{n}"
    await send_post(member, net.thread.pk, "Bericht 6", "c-6")

    error = await receive_until(member, "error", skip=NOISE | {"post.created"})
    assert (error["code"], error["client_id"]) == ("rate_limited", "c-6")
    assert await post_count() == before + 5
    await member.disconnect()


# --- access changing while connected ---------------------------------------------------------


async def test_removed_member_is_told_and_disconnected_while_others_stay(net: Net) -> None:
    member, _ = await join(net, net.member)
    moderator, _ = await join(net, net.moderator)

    await sync_to_async(services.network_member_remove)(
        actor=net.staff, network=net.network, user=net.member
    )

    error = await receive_until(member, "error")
    assert error["code"] == "access_revoked"
    assert (await receive_close(member))["code"] == 4403
    await moderator.send_json_to({"type": "heartbeat"})
    assert (await receive_until(moderator, "heartbeat"))["type"] == "heartbeat"
    await member.disconnect()
    await moderator.disconnect()


async def test_consortium_taken_out_disconnects_its_members(net: Net) -> None:
    await sync_to_async(services.network_consortium_add)(
        actor=net.staff, network=net.network, consortium=net.world.consortium_a
    )
    coordinator, _ = await join(net, net.world.coordinator_a)
    member, _ = await join(net, net.member)  # in consortium A and added by name

    await sync_to_async(services.network_consortium_remove)(
        actor=net.staff, network=net.network, consortium=net.world.consortium_a
    )

    assert (await receive_until(coordinator, "error"))["code"] == "access_revoked"
    assert (await receive_close(coordinator))["code"] == 4403
    await member.send_json_to({"type": "heartbeat"})
    assert (await receive_until(member, "heartbeat"))["type"] == "heartbeat"
    await coordinator.disconnect()
    await member.disconnect()


async def test_ending_a_consortium_membership_disconnects_at_once(net: Net) -> None:
    from accounts.services import membership_set

    await sync_to_async(services.network_consortium_add)(
        actor=net.staff, network=net.network, consortium=net.world.consortium_a
    )
    coordinator, _ = await join(net, net.world.coordinator_a)
    member, _ = await join(net, net.member)

    await in_thread(
        lambda: membership_set(
            actor=fresh(net.staff),
            user=fresh(net.world.coordinator_a),
            consortium=net.world.consortium_a,
            role="coordinator",
            is_active=False,
        )
    )

    assert (await receive_until(coordinator, "error"))["code"] == "access_revoked"
    assert (await receive_close(coordinator))["code"] == 4403
    await member.send_json_to({"type": "heartbeat"})
    assert (await receive_until(member, "heartbeat"))["type"] == "heartbeat"
    await coordinator.disconnect()
    await member.disconnect()


async def test_a_deactivated_account_is_disconnected_at_once(net: Net) -> None:
    member, _ = await join(net, net.member)

    def deactivate() -> None:
        user = fresh(net.member)
        user.is_active = False
        user.save()

    await in_thread(deactivate)

    assert (await receive_close(member))["code"] == 4403
    await member.disconnect()


def _valid_message(kind: str, net: Net) -> dict[str, Any]:
    """A well-formed client message of each type the network socket accepts."""
    thread, post = net.thread.pk, net.first_post.pk
    return {
        "view": {"type": "view", "thread": thread},
        "post.create": {"type": "post.create", "thread": thread, "body": "Ben ik er nog?"},
        "post.edit": {"type": "post.edit", "post": post, "body": "Nieuwe tekst"},
        "typing": {"type": "typing", "thread": thread},
        "catch_up": {"type": "catch_up", "after": 0},
        "read": {"type": "read", "thread": thread},
        "heartbeat": {"type": "heartbeat"},
    }[kind]


def test_every_message_type_has_a_revoked_access_case() -> None:
    from learning_network.consumers import NetworkConsumer

    kinds = {"view", "post.create", "post.edit", "typing", "catch_up", "read", "heartbeat"}
    assert set(NetworkConsumer.message_types) == kinds


@pytest.mark.parametrize(
    "kind", ["view", "post.create", "post.edit", "typing", "catch_up", "read", "heartbeat"]
)
async def test_membership_removed_without_a_broadcast_is_caught_on_the_next_message(
    net: Net, kind: str
) -> None:
    member, _ = await join(net, net.member)
    await in_thread(lambda: net.network.members.filter(user=net.member).delete())
    before = await post_count()
    seq = await network_seq(net)

    await member.send_json_to(_valid_message(kind, net))

    assert (await receive_close(member))["code"] == 4403
    assert await post_count() == before
    assert await network_seq(net) == seq
    await member.disconnect()


# --- typing, reading, catching up ------------------------------------------------------------


async def test_typing_reaches_the_others_but_not_the_sender(net: Net) -> None:
    member, _ = await join(net, net.member)
    moderator, _ = await join(net, net.moderator)

    await member.send_json_to({"type": "typing", "thread": net.thread.pk})

    typing = await receive_until(moderator, "typing")
    assert typing == {"type": "typing", "thread": net.thread.pk, "name": net.member.public_name}
    assert [f for f in await remaining_frames(member) if f["type"] == "typing"] == []
    await member.disconnect()
    await moderator.disconnect()


async def test_typing_of_a_muted_member_reaches_nobody(net: Net) -> None:
    member, _ = await join(net, net.member)
    moderator, _ = await join(net, net.moderator)
    await in_thread(
        lambda: services.member_mute(
            actor=fresh(net.moderator),
            network=net.network,
            user=fresh(net.member),
            days=2,
            reason="Toon.",
        )
    )

    await member.send_json_to({"type": "typing", "thread": net.thread.pk})

    assert [f for f in await remaining_frames(moderator) if f["type"] == "typing"] == []
    await member.disconnect()
    await moderator.disconnect()


async def test_typing_in_a_pseudonymous_category_shows_no_name(net: Net) -> None:
    thread = await start_thread_async(net, net.moderator, category=net.grief, title="R", body="R")
    member, _ = await join(net, net.member)
    moderator, _ = await join(net, net.moderator)

    await member.send_json_to({"type": "typing", "thread": thread.pk})

    assert (await receive_until(moderator, "typing"))["name"] == ""
    await member.disconnect()
    await moderator.disconnect()


async def test_read_frame_marks_the_thread_read(net: Net) -> None:
    member, _ = await join(net, net.member)
    await member.send_json_to({"type": "read", "thread": net.thread.pk})
    await member.send_json_to({"type": "heartbeat"})
    await receive_until(member, "heartbeat")
    read = await in_thread(
        lambda: list(
            net.thread.read_states.filter(user=net.member).values_list("last_read_at", flat=True)
        )
    )
    assert read == [(await in_thread(lambda: fresh(net.thread))).last_post_at]
    await member.disconnect()


async def test_reconnecting_client_catches_up_on_exactly_what_it_missed(net: Net) -> None:
    member, _ = await join(net, net.member)
    moderator, _ = await join(net, net.moderator)
    await send_post(member, net.thread.pk, "Voor ik wegga.")
    last_seen = (await receive_until(member, "post.ack"))["post"]["seq"]
    last_seen = max(last_seen, (await receive_until(member, "post.created"))["post"]["seq"])
    await member.disconnect()

    missed = []
    for n in range(3):
        await send_post(moderator, net.thread.pk, f"Gemist {n}", f"g-{n}")
        missed.append(
            (await receive_until(moderator, "post.ack", skip=NOISE | {"post.created"}))["post"]
        )
    await moderator.send_json_to(
        {"type": "post.edit", "post": net.first_post.pk, "body": "Stel je hier even voor."}
    )
    edited = (await receive_until(moderator, "post.ack", skip=NOISE | {"post.created"}))["post"]

    member, seq_now = await join(net, net.member)
    assert seq_now == await network_seq(net) == edited["seq"]
    await member.send_json_to({"type": "catch_up", "after": last_seen})
    caught = await receive_until(member, "catch_up")

    posts = caught["posts"]
    assert [p["id"] for p in posts] == [*(p["id"] for p in missed), net.first_post.pk]
    assert [p["seq"] for p in posts] == sorted(p["seq"] for p in posts)
    assert all(p["seq"] > last_seen for p in posts)
    assert posts[-1]["body"] == "<p>Stel je hier even voor.</p>"
    assert all(set(p) == POST_FIELDS and p["own"] is False for p in posts)
    assert [t["id"] for t in caught["threads"]] == [net.thread.pk]
    assert caught["seq"] == seq_now
    assert caught["complete"] is True
    # Nothing arrives twice: no broadcast of those changes follows the catch-up.
    assert [f for f in await remaining_frames(member) if f["type"].startswith("post.")] == []
    await member.disconnect()
    await moderator.disconnect()


async def test_catch_up_for_one_thread_marks_own_posts(net: Net) -> None:
    member, seq = await join(net, net.member)
    await send_post(member, net.thread.pk, "Van mij")
    mine = (await receive_until(member, "post.ack"))["post"]

    await member.send_json_to({"type": "catch_up", "after": seq, "thread": net.thread.pk})
    caught = await receive_until(member, "catch_up", skip=NOISE | {"post.created"})

    assert [(p["id"], p["own"]) for p in caught["posts"]] == [(mine["id"], True)]
    assert "author_id" not in caught["posts"][0]
    await member.disconnect()


async def test_socket_whose_inbox_overflowed_is_closed_to_reconnect_and_catch_up(net: Net) -> None:
    member, _ = await join(net, net.member)
    moderator, _ = await join(net, net.moderator)
    channel = await sync_to_async(
        lambda: Presence.objects.values_list("channel_name", flat=True).get(user=net.member)
    )()

    await get_channel_layer().send(channel, {"type": "layer.overflow"})

    assert (await receive_close(member))["code"] == 1013  # "try again later": the client does
    await moderator.send_json_to({"type": "heartbeat"})
    assert (await receive_until(moderator, "heartbeat"))["type"] == "heartbeat"
    await member.disconnect()
    await moderator.disconnect()
