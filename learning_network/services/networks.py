"""Setting networks up (programme staff): networks, categories, members and moderators."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Consortium, User
from learning_network import events, permissions
from learning_network.models import (
    Category,
    LearningNetwork,
    NetworkConsortium,
    NetworkMember,
    NetworkRole,
)
from learning_network.services.common import Refused

NETWORK_FIELDS = ("name", "kind", "description", "region", "allows_pseudonyms", "is_archived")


def _refuse_unless_manager(actor: Any) -> None:
    if not permissions.can_manage_networks(actor):
        raise Refused("not_staff", _("Only programme staff set up learning networks."))


def _unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:100] or "leernetwerk"
    slug, n = base, 2
    others = LearningNetwork.objects.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def network_create(
    *,
    actor: User,
    data: dict[str, Any],
    themes: Iterable[Any] = (),
    categories: Iterable[str] = (),
) -> LearningNetwork:
    """A new network with its categories (at least 'Algemeen'). Programme staff only.

    Raises Refused for anyone else, ValidationError for bad data; nothing is stored then.
    """
    _refuse_unless_manager(actor)
    network = LearningNetwork(
        **{key: data[key] for key in NETWORK_FIELDS if key in data}, created_by=actor
    )
    network.slug = _unique_slug(network.name)
    network.full_clean()
    network.save()
    network.themes.set(list(themes))
    names = [name.strip() for name in categories if name.strip()] or [_("General")]
    for position, name in enumerate(dict.fromkeys(names)):
        category = Category(network=network, name=name[:80], position=position)
        category.full_clean()
        category.save()
    return network


@transaction.atomic
def network_update(
    *, actor: User, network: LearningNetwork, data: dict[str, Any], themes: Iterable[Any] = ()
) -> LearningNetwork:
    """Change a network's details (its address stays). Programme staff only."""
    _refuse_unless_manager(actor)
    for key in NETWORK_FIELDS:
        if key in data:
            setattr(network, key, data[key])
    network.full_clean()
    network.save()
    network.themes.set(list(themes))
    return network


@transaction.atomic
def category_create(
    *, actor: User, network: LearningNetwork, name: str, allows_pseudonyms: bool = False
) -> Category:
    """A new category at the end of the network's list. Programme staff only."""
    _refuse_unless_manager(actor)
    position = network.categories.count()
    category = Category(
        network=network,
        name=" ".join(name.split()),
        allows_pseudonyms=allows_pseudonyms,
        position=position,
    )
    try:
        category.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict:
            raise ValidationError({"name": _("This network already has that category.")}) from None
        raise
    category.save()
    return category


@transaction.atomic
def network_member_set(
    *, actor: User, network: LearningNetwork, user: User, role: str = NetworkRole.MEMBER
) -> NetworkMember:
    """Add a person to the network, or change their role (member or moderator)."""
    _refuse_unless_manager(actor)
    if role not in NetworkRole.values:
        raise ValidationError({"role": _("Choose member or moderator.")})
    if not user.is_active:
        raise ValidationError({"user": _("This account is blocked.")})
    member, _created = NetworkMember.objects.update_or_create(
        network=network, user=user, defaults={"role": role}
    )
    permissions.clear_network_cache(user)
    return member


@transaction.atomic
def network_member_remove(*, actor: User, network: LearningNetwork, user: User) -> None:
    """Take a person out of the network; their open sockets are closed at once.

    Someone who also takes part through their consortium stays a member that way.
    """
    _refuse_unless_manager(actor)
    NetworkMember.objects.filter(network=network, user=user).delete()
    permissions.clear_network_cache(user)
    events.broadcast_access_changed(network.pk, [user.pk])


@transaction.atomic
def network_consortium_add(
    *, actor: User, network: LearningNetwork, consortium: Consortium
) -> NetworkConsortium:
    """Add a whole consortium: each of its active members takes part."""
    _refuse_unless_manager(actor)
    link, _created = NetworkConsortium.objects.get_or_create(network=network, consortium=consortium)
    return link


@transaction.atomic
def network_consortium_remove(
    *, actor: User, network: LearningNetwork, consortium: Consortium
) -> None:
    """Take a consortium out; its members' open sockets re-check their access at once."""
    _refuse_unless_manager(actor)
    NetworkConsortium.objects.filter(network=network, consortium=consortium).delete()
    user_ids = list(consortium.memberships.filter(is_active=True).values_list("user_id", flat=True))
    events.broadcast_access_changed(network.pk, user_ids)
