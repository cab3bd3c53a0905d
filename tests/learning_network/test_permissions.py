"""The access predicates of the learning networks, persona by persona."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from learning_network import permissions, services
from learning_network.models import LearningNetwork, NetworkKind, NetworkRole, Post, Thread
from tests.factories import UserFactory
from tests.learning_network.helpers import Net, fresh

pytestmark = pytest.mark.django_db


def persona(net: Net, name: str) -> Any:
    """The user behind a persona name, loaded afresh (no cached roles)."""
    if name == "anonymous":
        return AnonymousUser()
    if name == "consortium_member":
        services.network_consortium_add(
            actor=net.staff, network=net.network, consortium=net.world.consortium_a
        )
        return fresh(net.world.coordinator_a)
    if name == "blocked_member":
        user = UserFactory()
        services.network_member_set(actor=net.staff, network=net.network, user=user)
        type(user).objects.filter(pk=user.pk).update(is_active=False)
        return fresh(user)
    if name == "moderator":
        return fresh(net.moderator)
    if name == "member":
        return fresh(net.member)
    return fresh(getattr(net.world, name))


def thread_in(network: LearningNetwork, *, locked: bool = False, closed: bool = False) -> Thread:
    return Thread(network=network, title="Onderwerp", is_locked=locked, is_closed=closed)


NOBODY = (None, False, False, False, False, False)
MEMBER = (permissions.MEMBER, True, False, True, True, False)
MODERATOR = (permissions.MODERATOR, True, True, True, True, True)
STAFF = (permissions.STAFF, True, True, True, True, True)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("anonymous", NOBODY),
        ("outsider", NOBODY),
        ("member_b", NOBODY),  # member of the other consortium
        ("coordinator_a", NOBODY),  # consortium A is not in the network
        ("panel", NOBODY),
        ("committee", NOBODY),
        ("observer", NOBODY),
        ("blocked_member", NOBODY),
        ("member", MEMBER),
        ("consortium_member", MEMBER),
        ("moderator", MODERATOR),
        ("staff", STAFF),
    ],
)
def test_part_in_the_network_per_persona(net: Net, name: str, expected: tuple[Any, ...]) -> None:
    """(role, view, moderate, start a thread, reply, reply in a locked thread)"""
    user = persona(net, name)
    network = net.network
    actual = (
        permissions.network_role(user, network),
        permissions.can_view_network(user, network),
        permissions.can_moderate(user, network),
        permissions.can_start_thread(user, network),
        permissions.can_reply(user, thread_in(network)),
        permissions.can_reply(user, thread_in(network, locked=True)),
    )
    assert actual == expected


@pytest.mark.parametrize(
    "name", ["outsider", "member_b", "member", "consortium_member", "moderator", "staff"]
)
def test_nobody_replies_in_a_closed_thread_or_an_archived_network(net: Net, name: str) -> None:
    user = persona(net, name)
    assert not permissions.can_reply(user, thread_in(net.network, closed=True))
    assert not permissions.can_reply(user, thread_in(net.network, locked=True, closed=True))

    net.network.is_archived = True
    assert not permissions.can_start_thread(user, net.network)
    assert not permissions.can_reply(user, thread_in(net.network))
    # Archived networks stay readable for whoever took part.
    assert permissions.can_view_network(user, net.network) == (name not in ("outsider", "member_b"))


@pytest.mark.parametrize(
    ("name", "manages", "sees_pseudonym_owner", "sees_moderator_names"),
    [
        ("anonymous", False, False, False),
        ("outsider", False, False, False),
        ("member_b", False, False, False),
        ("member", False, False, False),
        ("moderator", False, False, False),
        ("committee", False, False, False),
        ("staff", True, True, True),
    ],
)
def test_only_programme_staff_set_up_networks_and_see_who_is_behind_names(
    net: Net, name: str, manages: bool, sees_pseudonym_owner: bool, sees_moderator_names: bool
) -> None:
    user = persona(net, name)
    assert permissions.can_manage_networks(user) is manages
    assert permissions.can_see_pseudonym_owner(user) is sees_pseudonym_owner
    assert permissions.can_see_moderator_names(user) is sees_moderator_names


def test_moderator_of_one_network_is_nobody_in_another(net: Net) -> None:
    other = services.network_create(
        actor=net.staff, data={"name": "Regio Oost", "kind": NetworkKind.REGION}
    )
    moderator = fresh(net.moderator)
    assert permissions.can_moderate(moderator, net.network)
    assert permissions.network_role(moderator, other) is None
    assert not permissions.can_view_network(moderator, other)


def test_moderator_added_by_name_stays_moderator_when_their_consortium_joins(net: Net) -> None:
    coordinator = net.world.coordinator_a
    services.network_member_set(
        actor=net.staff, network=net.network, user=coordinator, role=NetworkRole.MODERATOR
    )
    services.network_consortium_add(
        actor=net.staff, network=net.network, consortium=net.world.consortium_a
    )
    assert permissions.network_role(fresh(coordinator), net.network) == permissions.MODERATOR


def test_network_list_lists_exactly_the_networks_someone_takes_part_in(net: Net) -> None:
    services.network_create(
        actor=net.staff, data={"name": "Regio Oost", "kind": NetworkKind.REGION}
    )
    assert permissions.network_roles(fresh(net.member)) == {net.network.pk: permissions.MEMBER}
    assert permissions.network_roles(fresh(net.member_b)) == {}
    assert permissions.network_roles(AnonymousUser()) == {}


def test_cached_parts_are_forgotten_after_a_change(net: Net) -> None:
    member = fresh(net.member)
    assert permissions.can_view_network(member, net.network)
    services.network_member_remove(actor=net.staff, network=net.network, user=member)
    assert not permissions.can_view_network(member, net.network)


# --- editing ---------------------------------------------------------------------------------


def own_post(author: Any, thread: Thread, *, hidden: bool = False) -> Post:
    return Post(thread=thread, author=author, body="<p>x</p>", is_hidden=hidden)


@pytest.mark.parametrize("name", ["member", "consortium_member", "moderator", "staff"])
def test_authors_edit_their_own_visible_posts_only(net: Net, name: str) -> None:
    user = persona(net, name)
    thread = thread_in(net.network)
    assert permissions.can_edit_post(user, own_post(user, thread))
    assert not permissions.can_edit_post(user, own_post(user, thread, hidden=True))
    assert not permissions.can_edit_post(user, own_post(UserFactory(), thread))
    assert not permissions.can_edit_post(user, own_post(user, thread_in(net.network, closed=True)))


def test_in_a_locked_thread_only_moderators_edit_their_posts(net: Net) -> None:
    locked = thread_in(net.network, locked=True)
    member, moderator = fresh(net.member), fresh(net.moderator)
    assert not permissions.can_edit_post(member, own_post(member, locked))
    assert permissions.can_edit_post(moderator, own_post(moderator, locked))


@pytest.mark.parametrize("name", ["anonymous", "outsider", "member_b"])
def test_people_outside_the_network_edit_nothing_even_their_old_posts(net: Net, name: str) -> None:
    user = persona(net, name)
    author = user if getattr(user, "pk", None) else UserFactory()
    assert not permissions.can_edit_post(user, own_post(author, thread_in(net.network)))


def test_former_member_cannot_edit_what_they_wrote(net: Net) -> None:
    member = fresh(net.member)
    services.network_member_remove(actor=net.staff, network=net.network, user=member)
    assert not permissions.can_edit_post(fresh(member), own_post(member, thread_in(net.network)))
