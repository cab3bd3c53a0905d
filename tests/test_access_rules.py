"""The access rules decide by role alone; object checks are the selectors' job."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.roles import Role
from config.access_policy import (
    PUBLIC,
    SIGNED_IN,
    STAFF_ONLY,
    WAGTAIL_ADMIN,
    Decision,
    consortium_object,
    roles,
)
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_public_allows_everyone(world: World) -> None:
    assert PUBLIC.decide(AnonymousUser()) is Decision.ALLOW
    assert PUBLIC.decide(world.member_a) is Decision.ALLOW


def test_everything_else_sends_anonymous_visitors_to_login(world: World) -> None:
    for rule in (SIGNED_IN, STAFF_ONLY, WAGTAIL_ADMIN, consortium_object(Role.COMMITTEE)):
        assert rule.decide(AnonymousUser()) is Decision.LOGIN


def test_deactivated_account_counts_as_anonymous(world: World) -> None:
    world.member_a.is_active = False
    assert SIGNED_IN.decide(world.member_a) is Decision.LOGIN


def test_role_rule_forbids_other_roles(world: World) -> None:
    rule = roles(Role.COMMITTEE)
    assert rule.decide(world.committee) is Decision.ALLOW
    for user in (world.staff, world.panel, world.observer, world.member_a, world.outsider):
        assert rule.decide(user) is Decision.FORBID


def test_role_rule_can_admit_consortium_members(world: World) -> None:
    rule = roles(Role.PROGRAMME_STAFF, consortium_members=True)
    assert rule.decide(world.member_b) is Decision.ALLOW
    assert rule.decide(world.outsider) is Decision.FORBID


def test_consortium_object_rule_admits_members_of_any_consortium(world: World) -> None:
    # Whether it is *their* consortium is decided by the selector (404 otherwise).
    rule = consortium_object(Role.PROGRAMME_STAFF)
    assert rule.decide(world.member_b) is Decision.ALLOW
    assert rule.decide(world.staff) is Decision.ALLOW
    assert rule.decide(world.panel) is Decision.FORBID
