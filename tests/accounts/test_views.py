"""Views: start page, profile, consortium pages, invitation pages and sign-up, with bad input."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import ConsortiumRole, Membership, User
from tests.conftest import World

pytestmark = pytest.mark.django_db

HUGE = "x" * 100_000
SCRIPT = "<script>alert('x')</script>"


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_start_page_shows_own_consortia_and_roles(world: World) -> None:
    response = _login(world.member_a).get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    assert world.consortium_a.name in response.content.decode()
    assert world.consortium_b.name not in response.content.decode()


def test_start_page_asks_researcher_without_mfa_to_set_it_up(world: World) -> None:
    from tests.factories import MembershipFactory

    researcher = MembershipFactory(
        consortium=world.consortium_b, role=ConsortiumRole.RESEARCHER
    ).user
    response = _login(researcher).get(reverse("accounts:dashboard"))
    # The enforcement middleware sends them to the TOTP set-up first.
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_consortium_list_shows_only_own_consortia_to_members(world: World) -> None:
    html = _login(world.member_b).get(reverse("accounts:consortium_list")).content.decode()
    assert world.consortium_b.name in html
    assert world.consortium_a.name not in html


def test_consortium_list_shows_all_to_committee(world: World) -> None:
    html = _login(world.committee).get(reverse("accounts:consortium_list")).content.decode()
    assert world.consortium_a.name in html
    assert world.consortium_b.name in html


def test_consortium_page_lists_members_by_display_name_not_email(world: World) -> None:
    html = (
        _login(world.member_a)
        .get(reverse("accounts:consortium_detail", args=[world.consortium_a.slug]))
        .content.decode()
    )
    assert world.member_a.display_name in html
    assert world.member_a.email not in html


def test_unknown_consortium_and_foreign_consortium_both_answer_404(world: World) -> None:
    client = _login(world.member_b)
    foreign = client.get(reverse("accounts:consortium_detail", args=[world.consortium_a.slug]))
    missing = client.get(reverse("accounts:consortium_detail", args=["bestaat-niet"]))
    assert foreign.status_code == missing.status_code == 404


# --- profile -------------------------------------------------------------------------------------


def test_profile_saves_valid_input(world: World) -> None:
    client = _login(world.member_a)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Anne-Marie O'Neill", "display_name": "Anne", "preferred_language": "en"},
    )
    assert response.status_code == 302
    world.member_a.refresh_from_db()
    assert world.member_a.full_name == "Anne-Marie O'Neill"
    assert world.member_a.display_name == "Anne"
    assert world.member_a.preferred_language == "en"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"full_name": "", "display_name": "", "preferred_language": "nl"}, "display_name"),
        ({"full_name": HUGE, "display_name": "Anne", "preferred_language": "nl"}, "full_name"),
        ({"full_name": "Anne", "display_name": HUGE, "preferred_language": "nl"}, "display_name"),
        ({"full_name": SCRIPT, "display_name": "Anne", "preferred_language": "nl"}, "full_name"),
        ({"full_name": "Anne", "display_name": SCRIPT, "preferred_language": "nl"}, "display_name"),
        (
            {"full_name": "Anne", "display_name": "12345", "preferred_language": "nl"},
            "display_name",
        ),
        (
            {"full_name": "Anne", "display_name": "Anne", "preferred_language": "klingon"},
            "preferred_language",
        ),
        (
            {"full_name": ["a", "b"], "display_name": "Anne", "preferred_language": 7},
            "preferred_language",
        ),
    ],
)
def test_profile_refuses_bad_input_with_a_clear_error_and_saves_nothing(
    world: World, data: dict[str, object], field: str
) -> None:
    client = _login(world.member_a)
    before = User.objects.values().get(pk=world.member_a.pk)
    response = client.post(reverse("accounts:profile"), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "error-summary" in html
    assert SCRIPT not in html  # echoed values are escaped
    assert User.objects.values().get(pk=world.member_a.pk) == before


# --- sign-up (allauth with our form) ------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "", "password1": "", "password2": ""},
        {
            "email": "geen-adres",
            "password1": "Lang-Wachtwoord-77",
            "password2": "Lang-Wachtwoord-77",
        },
        {
            "email": HUGE + "@x.nl",
            "password1": "Lang-Wachtwoord-77",
            "password2": "Lang-Wachtwoord-77",
        },
        {"email": "a@voorbeeld.nl", "password1": "kort", "password2": "kort"},
        {
            "email": "a@voorbeeld.nl",
            "password1": "Lang-Wachtwoord-77",
            "password2": "Anders-Wachtwoord-88",
        },
        {"email": "a@voorbeeld.nl", "password1": "12345678901", "password2": "12345678901"},
        {
            "email": "a@voorbeeld.nl",
            "password1": "Lang-Wachtwoord-77",
            "password2": "Lang-Wachtwoord-77",
            "display_name": SCRIPT,
        },
        {
            "email": "a@voorbeeld.nl",
            "password1": "Lang-Wachtwoord-77",
            "password2": "Lang-Wachtwoord-77",
            "display_name": HUGE,
        },
        {"email": SCRIPT, "password1": "Lang-Wachtwoord-77", "password2": "Lang-Wachtwoord-77"},
    ],
)
def test_signup_refuses_bad_input_and_creates_no_account(
    client: Client, data: dict[str, str]
) -> None:
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200  # allauth re-renders the form with errors
    assert response.context["form"].errors
    assert get_user_model().objects.count() == 0
    assert mail.outbox == []
    assert SCRIPT not in response.content.decode()


def test_signup_with_valid_input_sends_a_verification_mail(client: Client) -> None:
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nieuw@voorbeeld.nl",
            "password1": "Lang-Wachtwoord-77",
            "password2": "Lang-Wachtwoord-77",
            "display_name": "Nieuw",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nieuw@voorbeeld.nl")
    assert user.display_name == "Nieuw"
    assert len(mail.outbox) == 1
    # Mandatory verification: not signed in until the address is confirmed.
    assert not client.get(reverse("accounts:dashboard")).wsgi_request.user.is_authenticated


# --- invitation pages ---------------------------------------------------------------------------


def _invitation(world: World, email: str = "nieuw@voorbeeld.nl") -> str:
    _invitation, token = services.invitation_create(
        actor=world.staff,
        email=email,
        consortium=world.consortium_a,
        consortium_role=ConsortiumRole.PRACTITIONER,
    )
    return token


def test_invitation_page_offers_account_creation_to_a_new_person(
    world: World, client: Client
) -> None:
    token = _invitation(world)
    response = client.get(reverse("accounts:invitation_accept", args=[token]))
    assert response.status_code == 200
    assert "password1" in response.content.decode()


def test_invited_person_creates_account_and_is_signed_in(world: World, client: Client) -> None:
    token = _invitation(world)
    response = client.post(
        reverse("accounts:invitation_accept", args=[token]),
        {
            "full_name": "Nieuwe Persoon",
            "display_name": "Nieuw",
            "password1": "Lang-Wachtwoord-77",
            "password2": "Lang-Wachtwoord-77",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert Membership.objects.filter(user__email="nieuw@voorbeeld.nl").exists()
    again = client.get(reverse("accounts:invitation_accept", args=[token]))
    assert again.status_code == 410


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"full_name": "", "password1": "", "password2": ""},
        {"full_name": SCRIPT, "password1": "Lang-Wachtwoord-77", "password2": "Lang-Wachtwoord-77"},
        {"full_name": HUGE, "password1": "Lang-Wachtwoord-77", "password2": "Lang-Wachtwoord-77"},
        {"full_name": "Nieuwe Persoon", "password1": "kort", "password2": "kort"},
        {
            "full_name": "Nieuwe Persoon",
            "password1": "Lang-Wachtwoord-77",
            "password2": "Anders-88-Wachtwoord",
        },
        {"full_name": "Nieuwe Persoon", "password1": HUGE, "password2": HUGE},
        {
            "full_name": "Nieuwe Persoon",
            "display_name": SCRIPT,
            "password1": "Lang-Wachtwoord-77",
            "password2": "Lang-Wachtwoord-77",
        },
    ],
)
def test_invitation_signup_refuses_bad_input_and_changes_nothing(
    world: World, client: Client, data: dict[str, str]
) -> None:
    token = _invitation(world)
    response = client.post(reverse("accounts:invitation_accept", args=[token]), data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not User.objects.filter(email="nieuw@voorbeeld.nl").exists()
    assert SCRIPT not in response.content.decode()
    # The invitation is still usable afterwards.
    assert client.get(reverse("accounts:invitation_accept", args=[token])).status_code == 200


def test_existing_account_is_asked_to_sign_in_first(world: World, client: Client) -> None:
    token = _invitation(world, email=world.member_b.email)
    response = client.get(reverse("accounts:invitation_accept", args=[token]))
    assert response.status_code == 200
    assert reverse("account_login") in response.content.decode()
    assert "password1" not in response.content.decode()


def test_signed_in_invitee_accepts_with_one_click(world: World) -> None:
    token = _invitation(world, email=world.member_b.email)
    client = _login(world.member_b)
    response = client.post(reverse("accounts:invitation_accept", args=[token]))
    assert response.status_code == 302
    assert Membership.objects.filter(user=world.member_b, consortium=world.consortium_a).exists()


def test_signed_in_user_with_other_address_gets_a_clear_refusal(world: World) -> None:
    token = _invitation(world)
    client = _login(world.member_b)
    response = client.post(reverse("accounts:invitation_accept", args=[token]))
    assert response.status_code == 403
    assert (
        "different e-mail address" in response.content.decode()
        or "ander e-mailadres" in response.content.decode()
    )
    assert not Membership.objects.filter(
        user=world.member_b, consortium=world.consortium_a
    ).exists()


@pytest.mark.parametrize("token", ["x", "A" * 43, "A" * 500])
def test_tampered_invitation_link_shows_a_clear_page(client: Client, token: str, db: None) -> None:
    response = client.get(reverse("accounts:invitation_accept", args=[token]))
    assert response.status_code == 404
    assert response.templates[0].name == "accounts/invitation_error.html"


# --- coordinators invite colleagues --------------------------------------------------------------


def test_coordinator_invites_a_colleague_from_the_consortium_page(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = _login(world.coordinator_a)
    detail = client.get(reverse("accounts:consortium_detail", args=[world.consortium_a.slug]))
    assert (
        reverse("accounts:consortium_invite", args=[world.consortium_a.slug])
        in detail.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:consortium_invite", args=[world.consortium_a.slug]),
            {
                "email": "collega@voorbeeld.nl",
                "consortium_role": "researcher",
                "message": "Doe mee!",
            },
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["collega@voorbeeld.nl"]
    detail = client.get(reverse("accounts:consortium_detail", args=[world.consortium_a.slug]))
    assert "collega@voorbeeld.nl" in detail.content.decode()


def test_practitioner_sees_no_invite_button_and_no_open_invitations(world: World) -> None:
    _invitation(world)
    html = (
        _login(world.member_a)
        .get(reverse("accounts:consortium_detail", args=[world.consortium_a.slug]))
        .content.decode()
    )
    assert reverse("accounts:consortium_invite", args=[world.consortium_a.slug]) not in html
    assert "nieuw@voorbeeld.nl" not in html


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "", "consortium_role": "researcher"},
        {"email": "geen-adres", "consortium_role": "researcher"},
        {"email": "a@voorbeeld.nl", "consortium_role": "keizer"},
        {"email": "a@voorbeeld.nl", "consortium_role": "researcher", "message": HUGE},
        {"email": SCRIPT, "consortium_role": "researcher"},
    ],
)
def test_bad_invitation_input_gets_errors_and_sends_nothing(
    world: World, data: dict[str, str]
) -> None:
    from accounts.models import Invitation

    response = _login(world.coordinator_a).post(
        reverse("accounts:consortium_invite", args=[world.consortium_a.slug]), data
    )
    assert response.status_code == 400
    assert response.context["form"].errors
    assert Invitation.objects.count() == 0
    assert mail.outbox == []
    assert SCRIPT not in response.content.decode()


def test_inviting_an_existing_member_gives_a_clear_error(world: World) -> None:
    response = _login(world.coordinator_a).post(
        reverse("accounts:consortium_invite", args=[world.consortium_a.slug]),
        {"email": world.member_a.email, "consortium_role": "researcher"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["email"]


def test_coordinator_withdraws_an_invitation_and_its_link_stops_working(world: World) -> None:
    from accounts.models import Invitation

    token = _invitation(world)
    invitation = Invitation.objects.get()
    client = _login(world.coordinator_a)
    response = client.post(
        reverse("accounts:invitation_revoke", args=[world.consortium_a.slug, invitation.pk])
    )
    assert response.status_code == 302
    assert Client().get(reverse("accounts:invitation_accept", args=[token])).status_code == 410


def test_coordinator_cannot_withdraw_another_consortiums_invitation(world: World) -> None:
    from accounts.models import Invitation

    services.invitation_create(
        actor=world.staff,
        email="b@voorbeeld.nl",
        consortium=world.consortium_b,
        consortium_role=ConsortiumRole.PRACTITIONER,
    )
    invitation = Invitation.objects.get()
    response = _login(world.coordinator_a).post(
        reverse("accounts:invitation_revoke", args=[world.consortium_a.slug, invitation.pk])
    )
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
