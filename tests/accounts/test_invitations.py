"""Invitation services: create, accept (signed in or with sign-up), single use, expiry, revocation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts import services
from accounts.models import ConsortiumRole, Invitation, Membership, User
from accounts.permissions import is_programme_staff, programme_roles
from accounts.roles import Role
from accounts.tokens import hash_token
from tests.conftest import World
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _invite(
    world: World, email: str = "nieuw@voorbeeld.nl", **kwargs: object
) -> tuple[Invitation, str]:
    kwargs.setdefault("consortium", world.consortium_a)
    kwargs.setdefault("consortium_role", ConsortiumRole.PRACTITIONER)
    return services.invitation_create(actor=world.staff, email=email, **kwargs)  # type: ignore[arg-type]


def test_invitation_stores_only_the_token_hash_and_mails_the_link(world: World) -> None:
    invitation, token = _invite(world, email="Nieuw@Voorbeeld.NL")
    assert invitation.email == "nieuw@voorbeeld.nl"
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@voorbeeld.nl"]
    assert f"/uitnodiging/{token}/" in message.body
    assert "Samen Verder Noord" in message.body


def test_new_invitation_revokes_the_previous_open_one(world: World) -> None:
    first, first_token = _invite(world)
    second, _second_token = _invite(world)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.revoked_at is None
    with pytest.raises(services.InvitationError) as error:
        services.invitation_accept_with_signup(
            token=first_token,
            full_name="Nieuwe Persoon",
            display_name="",
            password="Lang-Wachtwoord-77",
        )
    assert error.value.reason == "revoked"


def test_member_cannot_invite_and_nothing_is_created(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            actor=world.member_a,
            email="x@voorbeeld.nl",
            consortium=world.consortium_a,
            consortium_role=ConsortiumRole.PRACTITIONER,
        )
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_coordinator_invites_to_own_consortium_but_not_to_a_programme_role(world: World) -> None:
    invitation, _ = services.invitation_create(
        actor=world.coordinator_a,
        email="collega@voorbeeld.nl",
        consortium=world.consortium_a,
        consortium_role=ConsortiumRole.RESEARCHER,
    )
    assert invitation.pk
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            actor=world.coordinator_a, email="x@voorbeeld.nl", programme_role=Role.PANEL
        )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"consortium": None, "consortium_role": "", "programme_role": ""},
        {"consortium_role": ""},
        {"programme_role": Role.PANEL},
        {"consortium": None, "consortium_role": "", "programme_role": "emperor"},
    ],
)
def test_invitation_needs_exactly_one_valid_target(world: World, kwargs: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        _invite(world, **kwargs)
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "email", ["", "geen-adres", "a@b", "<script>@x.nl", "x" * 250 + "@voorbeeld.nl"]
)
def test_invitation_refuses_bad_email_addresses(world: World, email: str) -> None:
    with pytest.raises(ValidationError):
        _invite(world, email=email)
    assert Invitation.objects.count() == 0


def test_inviting_an_existing_member_is_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        _invite(world, email=world.member_a.email)


def test_signup_through_invitation_creates_verified_account_and_membership(world: World) -> None:
    _invitation, token = _invite(world)
    accepted, user = services.invitation_accept_with_signup(
        token=token, full_name="Nieuwe Persoon", display_name="Nieuw", password="Lang-Wachtwoord-77"
    )
    assert user.email == "nieuw@voorbeeld.nl"
    assert user.check_password("Lang-Wachtwoord-77")
    assert EmailAddress.objects.get(user=user).verified
    membership = Membership.objects.get(user=user)
    assert membership.consortium == world.consortium_a
    assert membership.role == ConsortiumRole.PRACTITIONER
    accepted.refresh_from_db()
    assert accepted.accepted_by == user
    assert accepted.accepted_at is not None


def test_token_is_single_use(world: World) -> None:
    _invitation, token = _invite(world)
    services.invitation_accept_with_signup(
        token=token, full_name="Nieuwe Persoon", display_name="", password="Lang-Wachtwoord-77"
    )
    with pytest.raises(services.InvitationError) as error:
        services.invitation_accept(token=token, user=User.objects.get(email="nieuw@voorbeeld.nl"))
    assert error.value.reason == "used"
    assert Membership.objects.filter(user__email="nieuw@voorbeeld.nl").count() == 1


def test_expired_token_changes_nothing(world: World) -> None:
    invitation, token = _invite(world)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(services.InvitationError) as error:
        services.invitation_accept_with_signup(
            token=token, full_name="Nieuwe Persoon", display_name="", password="Lang-Wachtwoord-77"
        )
    assert error.value.reason == "expired"
    assert not User.objects.filter(email="nieuw@voorbeeld.nl").exists()


@pytest.mark.parametrize("token", ["", "x", "A" * 43, "A" * 5000, "../../etc/passwd", "<script>"])
def test_tampered_token_is_unknown(world: World, token: str) -> None:
    _invite(world)
    with pytest.raises(services.InvitationError) as error:
        services.invitation_accept(token=token, user=world.outsider)
    assert error.value.reason == "unknown"
    assert Membership.objects.filter(user=world.outsider).count() == 0


def test_signed_in_user_with_other_email_cannot_accept(world: World) -> None:
    _invitation, token = _invite(world)
    with pytest.raises(services.InvitationError) as error:
        services.invitation_accept(token=token, user=world.outsider)
    assert error.value.reason == "email"
    assert not Membership.objects.filter(user=world.outsider).exists()


def test_existing_account_accepts_programme_role(world: World) -> None:
    user = UserFactory(email="bestaand@voorbeeld.nl")
    _invitation, token = services.invitation_create(
        actor=world.staff, email="bestaand@voorbeeld.nl", programme_role=Role.PROGRAMME_STAFF
    )
    services.invitation_accept(token=token, user=user)
    user = User.objects.get(pk=user.pk)
    assert is_programme_staff(user)
    assert programme_roles(user) == {Role.PROGRAMME_STAFF}


def test_signup_with_invitation_refuses_when_account_exists(world: World) -> None:
    UserFactory(email="nieuw@voorbeeld.nl")
    _invitation, token = _invite(world)
    with pytest.raises(services.InvitationError) as error:
        services.invitation_accept_with_signup(
            token=token, full_name="Iemand", display_name="", password="Lang-Wachtwoord-77"
        )
    assert error.value.reason == "account_exists"


def test_invalid_name_in_signup_rolls_back_everything(world: World) -> None:
    invitation, token = _invite(world)
    with pytest.raises(ValidationError):
        services.invitation_accept_with_signup(
            token=token,
            full_name="<script>alert(1)</script>",
            display_name="",
            password="Lang-Wachtwoord-77",
        )
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not User.objects.filter(email="nieuw@voorbeeld.nl").exists()


def test_revoking_an_accepted_invitation_is_refused(world: World) -> None:
    invitation, token = _invite(world)
    services.invitation_accept_with_signup(
        token=token, full_name="Nieuwe Persoon", display_name="", password="Lang-Wachtwoord-77"
    )
    with pytest.raises(services.InvitationError):
        services.invitation_revoke(actor=world.staff, invitation=invitation)


def test_accepting_notifies_the_inviter_live(world: World) -> None:
    from accounts.events import user_group
    from tests.group_listener import GroupListener

    inbox = GroupListener(user_group(world.staff.pk))
    _invitation, token = _invite(world)
    services.invitation_accept_with_signup(
        token=token, full_name="Nieuwe Persoon", display_name="Nieuw", password="Lang-Wachtwoord-77"
    )
    [message] = inbox.messages()
    assert message["type"] == "notice.created"
    assert "Nieuw" in message["text"]
    assert "nieuw@voorbeeld.nl" not in message["text"]
