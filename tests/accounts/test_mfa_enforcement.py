"""Two-step verification is enforced for programme staff and researchers, offered to others."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import ConsortiumRole
from accounts.roles import Role
from tests.conftest import World, give_totp
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _login(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.mark.parametrize("path", ["/mijn/", "/consortia/", "/admin/", "/mijn/profiel/"])
def test_staff_without_second_factor_is_sent_to_set_it_up(db: None, path: str) -> None:
    staff = UserFactory(roles=[Role.PROGRAMME_STAFF])
    response = _login(staff).get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_researcher_without_second_factor_is_sent_to_set_it_up(world: World) -> None:
    researcher = MembershipFactory(
        consortium=world.consortium_a, role=ConsortiumRole.RESEARCHER
    ).user
    response = _login(researcher).get("/mijn/")
    assert response["Location"] == reverse("mfa_activate_totp")


def test_user_without_requirement_is_not_forced(world: World) -> None:
    assert _login(world.member_a).get("/mijn/").status_code == 200


def test_enforced_user_can_still_sign_out_and_reach_the_setup(db: None) -> None:
    staff = UserFactory(roles=[Role.PROGRAMME_STAFF])
    client = _login(staff)
    assert client.get(reverse("account_logout")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_staff_with_second_factor_gets_through(db: None) -> None:
    staff = give_totp(UserFactory(roles=[Role.PROGRAMME_STAFF]))
    assert _login(staff).get("/mijn/").status_code == 200


def test_password_login_of_user_with_totp_asks_for_the_code(db: None) -> None:
    from tests.factories import PASSWORD

    staff = give_totp(UserFactory(roles=[Role.PROGRAMME_STAFF]))
    client = Client()
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not client.get("/mijn/").wsgi_request.user.is_authenticated


def test_wrong_password_attempts_are_rate_limited(db: None) -> None:
    from django.core.cache import cache

    from tests.factories import PASSWORD

    cache.clear()
    user = UserFactory()
    client = Client()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "fout"})
    # After 5 failures per account in 5 minutes even the right password is refused for now.
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not response.wsgi_request.user.is_authenticated
    cache.clear()
