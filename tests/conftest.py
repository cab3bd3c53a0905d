"""Fixtures shared by the whole suite: one persona per role, two consortia, a page tree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt

from accounts.models import Consortium, ConsortiumRole, User
from accounts.roles import Role
from tests.factories import ConsortiumFactory, MembershipFactory, UserFactory

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_totp(user: User) -> User:
    """Give the user a TOTP authenticator, as if they had set up two-step verification."""
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(TOTP_SECRET)}}
    )
    return user


@dataclass
class World:
    """Two consortia and one signed-in-able user per role; A and B never see each other's data."""

    consortium_a: Consortium
    consortium_b: Consortium
    member_a: User  # practitioner in A
    coordinator_a: User
    researcher_a: User  # has TOTP (MFA is required for researchers)
    member_b: User  # practitioner in B
    panel: User
    committee: User
    observer: User
    staff: User  # has TOTP (MFA is required for programme staff)
    outsider: User  # signed in, no role at all

    def personas(self) -> dict[str, User | None]:
        return {
            "anonymous": None,
            "outsider": self.outsider,
            "member_a": self.member_a,
            "coordinator_a": self.coordinator_a,
            "member_b": self.member_b,
            "panel": self.panel,
            "committee": self.committee,
            "observer": self.observer,
            "staff": self.staff,
        }


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with an empty cache: rate-limit counters must not leak between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_channel_layer() -> Iterator[None]:
    """Each test gets its own channel layer.

    pytest-asyncio runs every test in its own event loop, but Channels keeps one layer object per
    process. The Redis layer holds asyncio locks (its receive lock and per-channel clean-up locks)
    that bind to the loop that first waits on them; a read cancelled when one test closes its
    sockets can leave such a lock held by a loop that no longer runs, and the next test's sockets
    then fail with "bound to a different event loop" or wait forever. A server has one loop per
    process, so only tests need this.
    """
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def world(db: None) -> World:
    consortium_a = ConsortiumFactory(name="Samen Verder Noord", slug="samen-verder-noord")
    consortium_b = ConsortiumFactory(name="Het Goede Gesprek", slug="het-goede-gesprek")
    member_a = MembershipFactory(consortium=consortium_a, role=ConsortiumRole.PRACTITIONER).user
    coordinator_a = MembershipFactory(consortium=consortium_a, role=ConsortiumRole.COORDINATOR).user
    researcher_a = give_totp(
        MembershipFactory(consortium=consortium_a, role=ConsortiumRole.RESEARCHER).user
    )
    member_b = MembershipFactory(consortium=consortium_b, role=ConsortiumRole.PRACTITIONER).user
    return World(
        consortium_a=consortium_a,
        consortium_b=consortium_b,
        member_a=member_a,
        coordinator_a=coordinator_a,
        researcher_a=researcher_a,
        member_b=member_b,
        panel=UserFactory(roles=[Role.PANEL]),
        committee=UserFactory(roles=[Role.COMMITTEE]),
        observer=UserFactory(roles=[Role.OBSERVER]),
        staff=give_totp(UserFactory(roles=[Role.PROGRAMME_STAFF])),
        outsider=UserFactory(),
    )


@pytest.fixture
def home_page(db: None):
    """The demo page tree (home page and standard pages) as the site root."""
    from home.demo import seed_pages

    return seed_pages()


@pytest.fixture
def toolbox(home_page: Any) -> Any:
    """The demo toolbox: its index, 14 approaches across the themes and the news pages."""
    from accounts.demo import seed_consortia, seed_organisations
    from cms_core.demo import seed_themes
    from toolbox.demo import seed_toolbox

    themes = seed_themes()
    seed_consortia(seed_organisations(), themes)
    return seed_toolbox(home_page)
