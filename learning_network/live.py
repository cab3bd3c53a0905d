"""The synchronous side of the live discussion: what the consumer runs in a worker thread.

Each function loads fresh objects (a permission may have changed since the socket opened) and
goes through the same selectors and services as the HTTP views.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from learning_network import permissions, selectors, services
from learning_network.models import LearningNetwork, Post, Thread
from learning_network.services import Refused
from learning_network.services.common import active_mute


def _user(user_id: int) -> Any:
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def _network(network_id: int) -> LearningNetwork:
    return LearningNetwork.objects.get(pk=network_id)


def network_for_socket(user_id: int, slug: str) -> dict[str, int] | None:
    """The network id and event number when the user takes part, else None (refuse)."""
    user = _user(user_id)
    network = LearningNetwork.objects.filter(slug=slug).first()
    if user is None or network is None or not permissions.can_view_network(user, network):
        return None
    services.presence_expire()
    return {"network": network.pk, "seq": network.event_seq}


def may_take_part(user_id: int, network_id: int) -> bool:
    user = _user(user_id)
    network = LearningNetwork.objects.filter(pk=network_id).first()
    return bool(user and network and permissions.can_view_network(user, network))


def _thread(network_id: int, thread_id: int) -> Thread:
    thread = (
        Thread.objects.filter(pk=thread_id, network_id=network_id)
        .select_related("network", "category")
        .first()
    )
    if thread is None:
        raise Refused("not_found", _("This thread does not exist in this network."))
    return thread


def _acting_user(user_id: int) -> Any:
    user = _user(user_id)
    if user is None:
        raise Refused("not_member", _("You are not a member of this learning network."))
    return user


def create_post(
    user_id: int,
    network_id: int,
    *,
    thread_id: int,
    body: str,
    quote_id: int | None,
    pseudonymous: bool,
) -> dict[str, Any]:
    user = _acting_user(user_id)
    thread = _thread(network_id, thread_id)
    quote = None
    if quote_id is not None:
        quote = Post.objects.filter(pk=quote_id, thread=thread).first()
        if quote is None:
            raise ValidationError({"quote": _("You can only quote a visible post of this thread.")})
    post = services.post_create(
        actor=user, thread=thread, body=body, quote_of=quote, pseudonymous=pseudonymous
    )
    return selectors.post_payload(post)


def edit_post(user_id: int, network_id: int, *, post_id: int, body: str) -> dict[str, Any]:
    user = _acting_user(user_id)
    post = Post.objects.filter(pk=post_id, thread__network_id=network_id).first()
    if post is None:
        raise Refused("not_found", _("This post does not exist in this network."))
    post = services.post_edit(actor=user, post=post, body=body)
    return selectors.post_payload(post)


def typing(user_id: int, network_id: int, thread_id: int, channel_name: str) -> None:
    from learning_network import events

    user = _user(user_id)
    thread = (
        Thread.objects.filter(pk=thread_id, network_id=network_id)
        .select_related("category__network")
        .first()
    )
    if user is None or thread is None or not permissions.can_reply(user, thread):
        return
    if active_mute(thread.network, user) is not None:  # a muted member cannot post, so no hint
        return
    name = "" if thread.category.pseudonyms_allowed else user.public_name
    events.broadcast_typing(network_id, thread.pk, name, channel_name)


def catch_up(network_id: int, after: int, thread_id: int | None) -> dict[str, Any]:
    return selectors.catch_up(network=_network(network_id), after_seq=after, thread_id=thread_id)


def mark_read(user_id: int, network_id: int, thread_id: int) -> None:
    user = _user(user_id)
    thread = (
        Thread.objects.filter(pk=thread_id, network_id=network_id).select_related("network").first()
    )
    if user is not None and thread is not None:
        services.thread_mark_read(actor=user, thread=thread)


def enter(user_id: int, network_id: int, channel_name: str, thread_id: int | None) -> None:
    user = _user(user_id)
    if user is None:
        return
    thread = (
        Thread.objects.filter(pk=thread_id, network_id=network_id).first() if thread_id else None
    )
    services.presence_enter(
        actor=user, network=_network(network_id), channel_name=channel_name, thread=thread
    )


def leave(channel_name: str) -> None:
    services.presence_leave(channel_name=channel_name)


def heartbeat(channel_name: str) -> None:
    services.presence_heartbeat(channel_name=channel_name)
