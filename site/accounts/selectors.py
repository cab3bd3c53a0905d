"""Reads for a viewer: consortia, memberships, invitations and the start page, filtered by access."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from accounts import permissions
from accounts.models import Consortium, Invitation, Membership
from accounts.roles import Role
from accounts.tokens import MAX_TOKEN_LENGTH, hash_token


def consortium_list_for(*, viewer: Any) -> QuerySet[Consortium]:
    """Consortia the viewer may see: all for programme staff and committee, else their own."""
    qs = (
        Consortium.objects.select_related("lead_organisation")
        .prefetch_related("themes")
        .annotate(member_count=Count("memberships", filter=Q(memberships__is_active=True)))
        .order_by("name")
    )
    if permissions.is_programme_staff(viewer) or permissions.has_role(viewer, Role.COMMITTEE):
        return qs
    return qs.filter(pk__in=list(permissions.consortium_roles(viewer)))


def consortium_get_for(*, viewer: Any, slug: str) -> Consortium:
    """One consortium by slug.

    Raises Http404 when it does not exist *or* the viewer may not see it, so that members of
    another consortium cannot learn which consortia exist.
    """
    consortium = (
        Consortium.objects.select_related("lead_organisation")
        .prefetch_related(
            "themes",
            "organisations",
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(is_active=True)
                .select_related("user", "organisation")
                .order_by("role", "user__display_name"),
                to_attr="active_memberships",
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if consortium is None or not permissions.can_view_consortium(viewer, consortium):
        raise Http404
    return consortium


def consortium_invitations_for(*, viewer: Any, consortium: Consortium) -> QuerySet[Invitation]:
    """Open invitations to the consortium, for those who may manage it; empty for anyone else."""
    if not permissions.can_manage_consortium(viewer, consortium):
        return Invitation.objects.none()
    return Invitation.objects.open().filter(consortium=consortium).select_related("invited_by")


def invitation_get_for(*, viewer: Any, consortium: Consortium, pk: int) -> Invitation:
    """One invitation to the consortium. Raises Http404 if absent or the viewer may not manage it."""
    invitation = Invitation.objects.filter(consortium=consortium, pk=pk).first()
    if invitation is None or not permissions.can_manage_consortium(viewer, consortium):
        raise Http404
    return invitation


def invitation_get_by_token(*, token: str) -> Invitation | None:
    """The invitation a token belongs to, whatever its state; None for an unknown token."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (
        Invitation.objects.select_related("consortium", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


@dataclass
class Task:
    """Something the user should do next, shown on the start page."""

    text: str
    url: str
    urgent: bool = False


# Other apps add what their users must do next (e.g. the toolbox: drafts to review). Each
# provider gets the viewer and returns Tasks; registered in the app's AppConfig.ready().
TaskProvider = Callable[[Any], list[Task]]
_TASK_PROVIDERS: list[TaskProvider] = []


def register_task_provider(provider: TaskProvider) -> None:
    if provider not in _TASK_PROVIDERS:
        _TASK_PROVIDERS.append(provider)


@dataclass
class Dashboard:
    memberships: list[Membership]
    roles: list[str]
    consortium_count: int
    tasks: list[Task] = field(default_factory=list)
    open_invitations: list[Invitation] = field(default_factory=list)


def dashboard_for(*, viewer: Any) -> Dashboard:
    """What the signed-in start page shows: the viewer's consortia, roles and tasks."""
    from allauth.mfa.models import Authenticator
    from django.urls import reverse
    from django.utils.translation import gettext as _

    memberships = list(
        Membership.objects.filter(user=viewer, is_active=True)
        .select_related("consortium", "organisation")
        .order_by("consortium__name")
    )
    roles = [str(Role(role).label) for role in sorted(permissions.programme_roles(viewer))]
    tasks: list[Task] = []
    has_totp = Authenticator.objects.filter(user=viewer, type=Authenticator.Type.TOTP).exists()
    if not has_totp:
        if permissions.requires_mfa(viewer):
            tasks.append(
                Task(
                    _("Set up two-step verification: your role requires it."),
                    reverse("mfa_activate_totp"),
                    urgent=True,
                )
            )
        else:
            tasks.append(
                Task(_("Protect your account with two-step verification."), reverse("mfa_index"))
            )
    if not viewer.display_name:
        tasks.append(
            Task(_("Choose the display name others will see."), reverse("accounts:profile"))
        )
    for provider in _TASK_PROVIDERS:
        tasks.extend(provider(viewer))
    open_invitations = list(
        Invitation.objects.open().filter(email__iexact=viewer.email).select_related("consortium")
    )
    consortium_count = consortium_list_for(viewer=viewer).count()
    return Dashboard(
        memberships=memberships,
        roles=roles,
        consortium_count=consortium_count,
        tasks=tasks,
        open_invitations=open_invitations,
    )


# --- Public project pages: what ZonMw publishes about funded projects, never who is in them ----


def project_list() -> QuerySet[Consortium]:
    """Every consortium as a public project: name, status, lead organisation, themes."""
    return (
        Consortium.objects.select_related("lead_organisation")
        .prefetch_related("themes")
        .order_by("name")
    )


def project_get(*, slug: str) -> Consortium:
    """One consortium's public project page data; Http404 when it does not exist."""
    consortium = (
        Consortium.objects.select_related("lead_organisation")
        .prefetch_related("themes", "organisations")
        .filter(slug=slug)
        .first()
    )
    if consortium is None:
        raise Http404
    return consortium
