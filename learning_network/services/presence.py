"""Who is viewing a network right now: one row per open live connection.

The list of who is here is broadcast by the socket side (`events.presence_changed`), coalesced per
network, not by these writes: when hundreds of people join at once, each join broadcasting the
whole list to everyone would cost the square of the number of people.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from learning_network.models import LearningNetwork, Presence, Thread


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


def presence_heartbeat(*, channel_name: str) -> None:
    """The connection is still open; also drops connections of the network that went silent."""
    Presence.objects.filter(channel_name=channel_name).update(seen_at=timezone.now())


@transaction.atomic
def presence_leave(*, channel_name: str) -> list[int]:
    """The connection closed; returns the ids of the networks it was present in."""
    rows = Presence.objects.filter(channel_name=channel_name)
    network_ids = sorted(set(rows.values_list("network_id", flat=True)))
    rows.delete()
    return network_ids


def presence_expire() -> int:
    """Forget connections that sent no heartbeat within the time-out (a crashed server)."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.LEARNING_NETWORK_PRESENCE_TTL)
    deleted, _ = Presence.objects.filter(seen_at__lt=cutoff).delete()
    return deleted
