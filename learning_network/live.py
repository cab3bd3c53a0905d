"""The synchronous side of the live discussion: what the consumer runs in a worker thread.

Each function serves one socket message in one database call: it loads fresh objects (a
permission may have changed since the socket opened), checks that the user still takes part in
the network (`NoLongerAllowed` when not), and goes through the same selectors and services as
the HTTP views. Checking inside the call that does the work, rather than in a call of its own
before it, halves the trips to the one database thread per message.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from learning_network import events, permissions, selectors, services
from learning_network.models import LearningNetwork, Post, Thread
from learning_network.services import Refused
from learning_network.services.common import active_mute


class NoLongerAllowed(Exception):
    """The account was blocked or no longer takes part in the network: close the socket."""


def _user(user_id: int) -> Any:
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def _participant(user_id: int, network_id: int) -> tuple[Any, LearningNetwork]:
    """The active user and the network, when the user takes part in it; else NoLongerAllowed.

    The user object carries its network parts afterwards, so the services' own checks of the
    same user ask the database nothing more.
    """
    user = _user(user_id)
    network = LearningNetwork.objects.filter(pk=network_id).first()
    if user is None or network is None or not permissions.can_view_network(user, network):
        raise NoLongerAllowed
    return user, network


def network_for_socket(user_id: int, slug: str) -> dict[str, int] | None:
    """The network id and event number when the user takes part, else None (refuse)."""
    user = _user(user_id)
    network = LearningNetwork.objects.filter(slug=slug).first()
    if user is None or network is None or not permissions.can_view_network(user, network):
        return None
    services.presence_expire()
    return {"network": network.pk, "seq": network.event_seq}


def may_take_part(user_id: int, network_id: int) -> bool:
    try:
        _participant(user_id, network_id)
    except NoLongerAllowed:
        return False
    return True


def _thread(network: LearningNetwork, thread_id: int) -> Thread:
    thread = Thread.objects.filter(pk=thread_id, network=network).first()
    if thread is None:
        raise Refused("not_found", _("This thread does not exist in this network."))
    thread.network = network
    return thread


def create_post(
    user_id: int,
    network_id: int,
    *,
    thread_id: int,
    body: str,
    quote_id: int | None,
    pseudonymous: bool,
) -> dict[str, Any]:
    user, network = _participant(user_id, network_id)
    thread = _thread(network, thread_id)
    quote = None
    if quote_id is not None:
        quote = Post.objects.filter(pk=quote_id, thread=thread).first()
        if quote is None:
            raise ValidationError({"quote": _("You can only quote a visible post of this thread.")})
    post = services.post_create(
        actor=user, thread=thread, body=body, quote_of=quote, pseudonymous=pseudonymous
    )
    return selectors.post_payload(post, attachments=())  # a socket carries no files


def edit_post(user_id: int, network_id: int, *, post_id: int, body: str) -> dict[str, Any]:
    user, _network = _participant(user_id, network_id)
    post = Post.objects.filter(pk=post_id, thread__network_id=network_id).first()
    if post is None:
        raise Refused("not_found", _("This post does not exist in this network."))
    post = services.post_edit(actor=user, post=post, body=body)
    return selectors.post_payload(post)


def typing(user_id: int, network_id: int, *, thread_id: int, channel_name: str) -> None:
    user, network = _participant(user_id, network_id)
    thread = Thread.objects.filter(pk=thread_id, network=network).select_related("category").first()
    if thread is None:
        return
    thread.network = network
    if not permissions.can_reply(user, thread):
        return
    if active_mute(network, user) is not None:  # a muted member cannot post, so no hint
        return
    name = "" if thread.category.pseudonyms_allowed else user.public_name
    events.broadcast_typing(network_id, thread.pk, name, channel_name)


def catch_up(user_id: int, network_id: int, *, after: int, thread_id: int | None) -> dict[str, Any]:
    _member, network = _participant(user_id, network_id)
    return selectors.catch_up(network=network, after_seq=after, thread_id=thread_id)


def mark_read(user_id: int, network_id: int, *, thread_id: int) -> None:
    user, network = _participant(user_id, network_id)
    thread = Thread.objects.filter(pk=thread_id, network=network).first()
    if thread is not None:
        thread.network = network
        services.thread_mark_read(actor=user, thread=thread)


def enter(user_id: int, network_id: int, *, channel_name: str, thread_id: int | None) -> None:
    """The socket views the network, or one thread of it (presence)."""
    user, network = _participant(user_id, network_id)
    thread = Thread.objects.filter(pk=thread_id, network=network).first() if thread_id else None
    services.presence_enter(actor=user, network=network, channel_name=channel_name, thread=thread)


def heartbeat(user_id: int, network_id: int, *, channel_name: str) -> None:
    _participant(user_id, network_id)
    services.presence_heartbeat(channel_name=channel_name)


def leave(channel_name: str) -> list[int]:
    """The socket closed; the networks whose presence changed."""
    return services.presence_leave(channel_name=channel_name)
