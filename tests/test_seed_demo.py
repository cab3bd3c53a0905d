"""seed_demo loads realistic demo content, one account per role, and is idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import Consortium, Membership, Organisation, User
from accounts.permissions import programme_roles, requires_mfa
from accounts.roles import Role
from cms_core.models import Theme
from home.models import HomePage

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", "--force", stdout=out)
    return out.getvalue()


def test_seed_demo_creates_themes_consortia_pages_and_role_accounts() -> None:
    output = _seed()
    assert Theme.objects.filter(is_priority=True).count() == 6
    assert Theme.objects.filter(slug="overig").exists()
    assert Consortium.objects.count() == 17
    assert Organisation.objects.count() >= 30
    assert HomePage.objects.live().count() == 1
    for role in Role:
        assert any(role in programme_roles(user) for user in User.objects.all()), role
    assert "Tweede-spoor-demo-2026" in output
    assert "programmastaf@demo.tweedespoor.nl" in output


def test_seed_demo_is_idempotent() -> None:
    _seed()
    counts = (User.objects.count(), Membership.objects.count(), Consortium.objects.count())
    _seed()
    assert (User.objects.count(), Membership.objects.count(), Consortium.objects.count()) == counts


def test_every_consortium_has_a_coordinator_and_organisations() -> None:
    _seed()
    for consortium in Consortium.objects.all():
        assert consortium.memberships.filter(role="coordinator").exists(), consortium
        assert consortium.organisations.count() >= 2, consortium
        assert consortium.themes.exists(), consortium


def test_demo_accounts_that_need_mfa_have_it_so_they_can_sign_in() -> None:
    from allauth.mfa.models import Authenticator

    _seed()
    for user in User.objects.all():
        if requires_mfa(user):
            assert Authenticator.objects.filter(user=user, type="totp").exists(), user.email


def test_demo_home_page_is_served() -> None:
    _seed()
    response = Client().get("/")
    assert response.status_code == 200
    assert "re-integratie" in response.content.decode()


def test_seed_demo_refuses_without_debug_unless_forced() -> None:
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())
