"""Who is viewing a network right now: one row per open live connection."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from learning_network import events
from learning_network.models import LearningNetwork, Presence, Thread
from learning_network.selectors.networks import presence_list


@transaction.atomic
def presence_enter(
    *, actor: User, network: LearningNetwork, channel_name: str, thread: Thread | None = None
) -> None:
    """Record (or move) a connection as viewing the network, or one thread of it."""
    if thread is not None and thread.network_id != network.pk:
        thread = None
    Presence.objects.update_or_create(
        channel_name=channel_name,
        defaults={"network": network, "user": actor, "thread": thread, "seen_at": timezone.now()},
    )
    events.broadcast_presence(network.pk, presence_list(network=network))


def presence_heartbeat(*, channel_name: str) -> None:
    """The connection is still open; also drops connections of the network that went silent."""
    Presence.objects.filter(channel_name=channel_name).update(seen_at=timezone.now())


@transaction.atomic
def presence_leave(*, channel_name: str) -> None:
    """The connection closed."""
    networks = list(LearningNetwork.objects.filter(presences__channel_name=channel_name).distinct())
    Presence.objects.filter(channel_name=channel_name).delete()
    for network in networks:
        events.broadcast_presence(network.pk, presence_list(network=network))


def presence_expire() -> int:
    """Forget connections that sent no heartbeat within the time-out (a crashed server)."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.LEARNING_NETWORK_PRESENCE_TTL)
    deleted, _ = Presence.objects.filter(seen_at__lt=cutoff).delete()
    return deleted
