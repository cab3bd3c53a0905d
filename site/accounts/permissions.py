"""Access predicates for accounts and consortia: the single source of truth for who may do what.

Every predicate is pure (no writes) and accepts anonymous users. Role look-ups are cached on the
user object for the length of a request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accounts.models import ConsortiumRole
from accounts.roles import ROLE_GROUP_NAMES, Role

if TYPE_CHECKING:
    from accounts.models import Consortium

_GROUP_TO_ROLE = {name: role for role, name in ROLE_GROUP_NAMES.items()}


def programme_roles(user: Any) -> frozenset[str]:
    """The programme roles (Role values) the user holds; empty for anonymous users."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_programme_roles_cache", None)
    if cached is None:
        names = user.groups.filter(name__in=_GROUP_TO_ROLE).values_list("name", flat=True)
        cached = frozenset(_GROUP_TO_ROLE[name] for name in names)
        user._programme_roles_cache = cached
    return cached


def consortium_roles(user: Any) -> dict[int, str]:
    """Map of consortium id to the user's role in it, for active memberships only."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, "_consortium_roles_cache", None)
    if cached is None:
        cached = dict(user.memberships.filter(is_active=True).values_list("consortium_id", "role"))
        user._consortium_roles_cache = cached
    return cached


def clear_role_cache(user: Any) -> None:
    """Forget cached roles, after a service changed them."""
    for attribute in ("_programme_roles_cache", "_consortium_roles_cache"):
        if hasattr(user, attribute):
            delattr(user, attribute)


def has_role(user: Any, role: str) -> bool:
    """True if the user holds the programme role (or is a superuser, for staff)."""
    if role == Role.PROGRAMME_STAFF and getattr(user, "is_superuser", False) and user.is_active:
        return True
    return role in programme_roles(user)


def is_programme_staff(user: Any) -> bool:
    return has_role(user, Role.PROGRAMME_STAFF)


def is_consortium_member(user: Any) -> bool:
    """True if the user has at least one active consortium membership."""
    return bool(consortium_roles(user))


def can_view_consortium(user: Any, consortium: Consortium) -> bool:
    """Members of the consortium, programme staff and the programme committee.

    Observers see programme-level aggregates only, never a consortium's workspace.
    """
    if consortium.pk in consortium_roles(user):
        return True
    return is_programme_staff(user) or has_role(user, Role.COMMITTEE)


def can_manage_consortium(user: Any, consortium: Consortium) -> bool:
    """Programme staff and the consortium's own coordinators."""
    if is_programme_staff(user):
        return True
    return consortium_roles(user).get(consortium.pk) == ConsortiumRole.COORDINATOR


def can_invite(user: Any, consortium: Consortium | None = None) -> bool:
    """Programme staff invite to anything; coordinators invite to their own consortium."""
    if is_programme_staff(user):
        return True
    return consortium is not None and can_manage_consortium(user, consortium)


def requires_mfa(user: Any) -> bool:
    """Programme staff and consortium researchers must use a second factor."""
    if is_programme_staff(user):
        return True
    return ConsortiumRole.RESEARCHER in consortium_roles(user).values()


def can_use_websocket_notifications(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


# Consortium roles that draft toolbox approaches; observers only read.
APPROACH_AUTHOR_ROLES = frozenset(
    {
        ConsortiumRole.COORDINATOR,
        ConsortiumRole.RESEARCHER,
        ConsortiumRole.PRACTITIONER,
        ConsortiumRole.EXPERIENCE_EXPERT,
    }
)


def can_draft_approaches(user: Any, consortium: Consortium) -> bool:
    """Members of the consortium (not its observers) and programme staff draft its approaches."""
    if is_programme_staff(user):
        return True
    return consortium_roles(user).get(consortium.pk) in APPROACH_AUTHOR_ROLES


def can_read_research_records(user: Any, consortium: Consortium) -> bool:
    """The consortium's own members and programme staff; never observers or other consortia."""
    if is_programme_staff(user):
        return True
    return consortium.pk in consortium_roles(user)


def can_write_research_records(user: Any, consortium: Consortium) -> bool:
    """Members who keep the record (not the consortium's observers) and programme staff."""
    if is_programme_staff(user):
        return True
    return consortium_roles(user).get(consortium.pk) in APPROACH_AUTHOR_ROLES
