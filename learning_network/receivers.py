"""Reactions to changes elsewhere that take away someone's part in a network.

Accounts knows nothing of networks: when a consortium membership ends (deactivated or deleted) or
an account is deactivated, the open sockets of that person in the networks concerned are told to
re-check access at once (the consumer closes them when the part is gone). Connected in apps.py.
"""

from __future__ import annotations

from typing import Any

from learning_network import events
from learning_network.models import NetworkConsortium, NetworkMember


def _networks_of_consortium(consortium_id: int) -> list[int]:
    return list(
        NetworkConsortium.objects.filter(consortium_id=consortium_id).values_list(
            "network_id", flat=True
        )
    )


def membership_saved(instance: Any, **_kwargs: Any) -> None:
    if not instance.is_active:
        membership_deleted(instance)


def membership_deleted(instance: Any, **_kwargs: Any) -> None:
    for network_id in _networks_of_consortium(instance.consortium_id):
        events.broadcast_access_changed(network_id, [instance.user_id])


def user_saved(instance: Any, **_kwargs: Any) -> None:
    if instance.is_active:
        return
    networks = set(NetworkMember.objects.filter(user=instance).values_list("network_id", flat=True))
    for consortium_id in instance.memberships.values_list("consortium_id", flat=True):
        networks.update(_networks_of_consortium(consortium_id))
    for network_id in sorted(networks):
        events.broadcast_access_changed(network_id, [instance.pk])
