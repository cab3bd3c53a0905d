"""Who may do what in a learning network: the single source of truth (pure predicates).

A person takes part in a network when they were added by name (as member or moderator) or when
a consortium they are an active member of was added as a whole. Programme staff set networks up
and moderate every one of them. Nobody else sees a network, not even that it exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accounts import permissions as account_permissions
from learning_network.models import LessonStatus, NetworkConsortium, NetworkMember, NetworkRole

if TYPE_CHECKING:
    from learning_network.models import LearningNetwork, Lesson, Meeting, Post, Thread

STAFF = "staff"
MODERATOR = NetworkRole.MODERATOR.value
MEMBER = NetworkRole.MEMBER.value


def network_roles(user: Any) -> dict[int, str]:
    """Map of network id to the user's part in it (moderator or member); cached per request.

    Programme staff are not listed: they hold the STAFF part in every network.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached: dict[int, str] | None = getattr(user, "_network_roles_cache", None)
    if cached is None:
        cached = {}
        consortia = list(account_permissions.consortium_roles(user))
        if consortia:
            for network_id in NetworkConsortium.objects.filter(
                consortium_id__in=consortia
            ).values_list("network_id", flat=True):
                cached[network_id] = MEMBER
        for network_id, role in NetworkMember.objects.filter(user=user).values_list(
            "network_id", "role"
        ):
            if role == MODERATOR or network_id not in cached:
                cached[network_id] = role
        user._network_roles_cache = cached
    return cached


def clear_network_cache(user: Any) -> None:
    """Forget cached network parts, after a service changed them."""
    if hasattr(user, "_network_roles_cache"):
        del user._network_roles_cache
    account_permissions.clear_role_cache(user)


def network_role(user: Any, network: LearningNetwork) -> str | None:
    """STAFF, MODERATOR, MEMBER or None (no part in this network)."""
    if account_permissions.is_programme_staff(user):
        return STAFF
    return network_roles(user).get(network.pk)


def can_manage_networks(user: Any) -> bool:
    """Setting networks up, adding members and moderators: programme staff."""
    return account_permissions.is_programme_staff(user)


def can_view_network(user: Any, network: LearningNetwork) -> bool:
    return network_role(user, network) is not None


def can_moderate(user: Any, network: LearningNetwork) -> bool:
    return network_role(user, network) in (STAFF, MODERATOR)


def can_start_thread(user: Any, network: LearningNetwork) -> bool:
    """Members may start threads while the network is not archived (mutes are a service check)."""
    return can_view_network(user, network) and not network.is_archived


def can_reply(user: Any, thread: Thread) -> bool:
    """Locked threads take replies from moderators only; closed threads from nobody."""
    network = thread.network
    if not can_start_thread(user, network) or thread.is_closed:
        return False
    return not thread.is_locked or can_moderate(user, network)


def can_edit_post(user: Any, post: Post) -> bool:
    """Authors edit their own posts while the post is visible and the thread is open."""
    return (
        getattr(user, "pk", None) == post.author_id
        and not post.is_hidden
        and can_reply(user, post.thread)
    )


def can_see_pseudonym_owner(user: Any) -> bool:
    """Who is behind a pseudonym: programme staff alone (moderators act on the post)."""
    return account_permissions.is_programme_staff(user)


def can_see_moderator_names(user: Any) -> bool:
    """The moderation log shows members what was done and why; staff also see by whom."""
    return account_permissions.is_programme_staff(user)


def can_organise_meetings(user: Any, network: LearningNetwork) -> bool:
    """Planning meetings, their agenda and minutes: the network's moderators and staff."""
    return can_moderate(user, network) and not network.is_archived


def can_sign_up(user: Any, meeting: Meeting) -> bool:
    """Members sign up (or cancel) for a meeting that is still to come and not cancelled."""
    return (
        can_start_thread(user, meeting.network) and not meeting.is_cancelled and not meeting.is_past
    )


def can_propose_lesson(user: Any, network: LearningNetwork) -> bool:
    """Anyone in the network proposes lessons while it is not archived (mutes: a service check)."""
    return can_start_thread(user, network)


def can_decide_lesson(user: Any, lesson: Lesson) -> bool:
    """Confirming or not confirming a proposed lesson, or withdrawing a confirmed one: the
    network's moderators and staff."""
    return can_moderate(user, lesson.network) and lesson.status != LessonStatus.REJECTED


def can_edit_lesson(user: Any, lesson: Lesson) -> bool:
    """The proposer changes a lesson until it is decided; moderators change it when deciding."""
    return (
        lesson.status == LessonStatus.PROPOSED
        and getattr(user, "pk", None) == lesson.proposed_by_id
        and can_propose_lesson(user, lesson.network)
    )
