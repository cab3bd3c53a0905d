"""Writes for accounts: invitations, memberships and profiles. Every write checks access itself."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import events, permissions
from accounts.models import Consortium, Invitation, Membership, User
from accounts.roles import ROLE_GROUP_NAMES
from accounts.tokens import hash_token, new_token

INVITATION_VALID_DAYS = 14


class InvitationError(Exception):
    """An invitation cannot be used; `reason` is one of: unknown, expired, used, revoked, email."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def invitation_url(token: str) -> str:
    return settings.PLATFORM_BASE_URL.rstrip("/") + reverse(
        "accounts:invitation_accept", kwargs={"token": token}
    )


@transaction.atomic
def invitation_create(
    *,
    actor: Any,
    email: str,
    consortium: Consortium | None = None,
    consortium_role: str = "",
    programme_role: str = "",
    message: str = "",
) -> tuple[Invitation, str]:
    """Create an invitation and e-mail its single-use link; returns (invitation, token).

    Earlier open invitations of the same address to the same target are revoked, so only the
    newest link works. Raises PermissionDenied if the actor may not invite to this target and
    ValidationError for an invalid target or an address that is already a member.
    """
    if not permissions.can_invite(actor, consortium):
        raise PermissionDenied
    if programme_role and not permissions.is_programme_staff(actor):
        raise PermissionDenied
    email = (email or "").strip().lower()
    if (
        consortium
        and Membership.objects.filter(
            consortium=consortium, user__email__iexact=email, is_active=True
        ).exists()
    ):
        raise ValidationError({"email": _("This person is already a member of this consortium.")})
    token = new_token()
    invitation = Invitation(
        email=email,
        consortium=consortium,
        consortium_role=consortium_role,
        programme_role=programme_role,
        message=message.strip(),
        token_hash=hash_token(token),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    Invitation.objects.open().filter(
        email=email, consortium=consortium, programme_role=programme_role
    ).update(revoked_at=timezone.now())
    invitation.save()
    _send_invitation_mail(invitation, token)
    return invitation, token


def _send_invitation_mail(invitation: Invitation, token: str) -> None:
    context = {
        "invitation": invitation,
        "url": invitation_url(token),
        "days": INVITATION_VALID_DAYS,
        "inviter": invitation.invited_by.public_name if invitation.invited_by else "",
    }
    with translation.override("nl"):
        subject = _("Invitation to the Tweede Spoor Platform")
        body = render_to_string("accounts/email/invitation.txt", context)
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    )


@transaction.atomic
def invitation_revoke(*, actor: Any, invitation: Invitation) -> Invitation:
    """Revoke an open invitation. Raises PermissionDenied or InvitationError('used')."""
    if not permissions.can_invite(actor, invitation.consortium):
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise InvitationError("used")
    if not invitation.revoked_at:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def _lock_usable_invitation(token: str) -> Invitation:
    """Fetch and lock the invitation for a token, or raise InvitationError with the reason."""
    if not token or len(token) > 100:
        raise InvitationError("unknown")
    invitation = Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
    if invitation is None:
        raise InvitationError("unknown")
    if invitation.accepted_at:
        raise InvitationError("used")
    if invitation.revoked_at:
        raise InvitationError("revoked")
    if invitation.expires_at <= timezone.now():
        raise InvitationError("expired")
    return invitation


def _grant(invitation: Invitation, user: User) -> None:
    if invitation.consortium_id:
        membership, created = Membership.objects.get_or_create(
            user=user,
            consortium_id=invitation.consortium_id,
            defaults={"role": invitation.consortium_role},
        )
        if not created:
            membership.role = invitation.consortium_role
            membership.is_active = True
            membership.full_clean()
            membership.save(update_fields=["role", "is_active"])
    if invitation.programme_role:
        group = Group.objects.get(name=ROLE_GROUP_NAMES[invitation.programme_role])
        user.groups.add(group)
    permissions.clear_role_cache(user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if invitation.invited_by_id:
        events.broadcast_on_commit(
            events.user_group(invitation.invited_by_id),
            "notice.created",
            {
                "id": f"invitation-{invitation.pk}",
                "text": _("%(name)s accepted your invitation (%(target)s).")
                % {"name": user.public_name, "target": invitation.target_label},
                "url": "",
            },
        )


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Invitation:
    """Accept an invitation as a signed-in user whose e-mail address it was sent to.

    Raises InvitationError (unknown, used, revoked, expired, email); nothing changes then.
    """
    invitation = _lock_usable_invitation(token)
    if user.email.lower() != invitation.email.lower():
        raise InvitationError("email")
    _grant(invitation, user)
    return invitation


@transaction.atomic
def invitation_accept_with_signup(
    *, token: str, full_name: str, display_name: str, password: str
) -> tuple[Invitation, User]:
    """Create the invited person's account and accept the invitation in one step.

    The e-mail address counts as verified: the token proved the person can read that mailbox.
    Raises InvitationError as invitation_accept, 'account_exists' if the address already has an
    account (they must sign in instead), and ValidationError for invalid fields.
    """
    invitation = _lock_usable_invitation(token)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError("account_exists")
    user = User(
        email=invitation.email, full_name=full_name.strip(), display_name=display_name.strip()
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    _grant(invitation, user)
    return invitation, user


@transaction.atomic
def user_update_profile(
    *, actor: User, user: User, full_name: str, display_name: str, preferred_language: str
) -> User:
    """Update a user's own profile. Raises PermissionDenied for anyone else's, ValidationError."""
    if actor.pk != user.pk:
        raise PermissionDenied
    user = User.objects.select_for_update().get(pk=user.pk)
    user.full_name = full_name.strip()
    user.display_name = display_name.strip()
    user.preferred_language = preferred_language
    user.full_clean()
    user.save(update_fields=["full_name", "display_name", "preferred_language"])
    return user


@transaction.atomic
def membership_set(
    *, actor: Any, user: User, consortium: Consortium, role: str, is_active: bool = True
) -> Membership:
    """Add a user to a consortium or change their role there (staff and coordinators)."""
    if not permissions.can_manage_consortium(actor, consortium):
        raise PermissionDenied
    membership, _created = Membership.objects.get_or_create(
        user=user, consortium=consortium, defaults={"role": role, "is_active": is_active}
    )
    membership.role = role
    membership.is_active = is_active
    membership.full_clean()
    membership.save()
    permissions.clear_role_cache(user)
    return membership
