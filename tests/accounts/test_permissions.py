"""Access predicates for consortia, invitations and MFA."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import permissions
from accounts.models import ConsortiumRole
from accounts.roles import Role
from tests.conftest import World
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_member_sees_own_consortium_but_not_another(world: World) -> None:
    assert permissions.can_view_consortium(world.member_a, world.consortium_a)
    assert not permissions.can_view_consortium(world.member_a, world.consortium_b)


def test_staff_and_committee_see_every_consortium(world: World) -> None:
    for user in (world.staff, world.committee):
        assert permissions.can_view_consortium(user, world.consortium_a)
        assert permissions.can_view_consortium(user, world.consortium_b)


def test_observer_and_panel_see_no_consortium_workspace(world: World) -> None:
    for user in (world.observer, world.panel, world.outsider):
        assert not permissions.can_view_consortium(user, world.consortium_a)


def test_anonymous_user_has_no_roles_and_no_access(world: World) -> None:
    anonymous = AnonymousUser()
    assert permissions.programme_roles(anonymous) == frozenset()
    assert not permissions.can_view_consortium(anonymous, world.consortium_a)
    assert not permissions.requires_mfa(anonymous)


def test_inactive_membership_gives_no_access(world: World) -> None:
    user = MembershipFactory(consortium=world.consortium_a, is_active=False).user
    assert not permissions.can_view_consortium(user, world.consortium_a)
    assert not permissions.is_consortium_member(user)


def test_deactivated_account_loses_its_roles() -> None:
    user = UserFactory(roles=[Role.PROGRAMME_STAFF], is_active=False)
    assert not permissions.is_programme_staff(user)


def test_coordinator_manages_and_invites_to_own_consortium_only(world: World) -> None:
    assert permissions.can_manage_consortium(world.coordinator_a, world.consortium_a)
    assert permissions.can_invite(world.coordinator_a, world.consortium_a)
    assert not permissions.can_invite(world.coordinator_a, world.consortium_b)
    assert not permissions.can_invite(world.coordinator_a, None)
    assert not permissions.can_invite(world.member_a, world.consortium_a)


def test_staff_invites_anywhere(world: World) -> None:
    assert permissions.can_invite(world.staff, None)
    assert permissions.can_invite(world.staff, world.consortium_b)


def test_mfa_is_required_for_staff_and_researchers_only(world: World) -> None:
    assert permissions.requires_mfa(world.staff)
    assert permissions.requires_mfa(world.researcher_a)
    for user in (world.member_a, world.coordinator_a, world.panel, world.committee, world.observer):
        assert not permissions.requires_mfa(user)


def test_role_cache_is_cleared_after_a_change(world: World) -> None:
    user = world.outsider
    assert not permissions.is_consortium_member(user)
    MembershipFactory(user=user, consortium=world.consortium_b, role=ConsortiumRole.OBSERVER)
    assert not permissions.is_consortium_member(user)  # cached for the request
    permissions.clear_role_cache(user)
    assert permissions.is_consortium_member(user)
