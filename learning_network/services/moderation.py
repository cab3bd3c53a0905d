"""Moderation: flags, hiding and restoring posts, thread states, mutes, and the log of it all.

Every moderation action writes one ModerationAction row with its reason, in the same transaction
as the change itself.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from learning_network import events, permissions
from learning_network.models import (
    Category,
    Flag,
    FlagStatus,
    LearningNetwork,
    ModerationAction,
    ModerationKind,
    Mute,
    Post,
    Thread,
)
from learning_network.selectors.live import post_payload, thread_payload
from learning_network.services.common import (
    Refused,
    active_mute,
    clean_reason,
    next_seq,
    refuse_unless_member,
    refuse_unless_moderator,
)

MAX_MUTE_DAYS = 90

# Thread actions: the state each one sets, and the action it undoes.
THREAD_ACTIONS: dict[str, tuple[str, bool]] = {
    ModerationKind.LOCK: ("is_locked", True),
    ModerationKind.UNLOCK: ("is_locked", False),
    ModerationKind.PIN: ("is_pinned", True),
    ModerationKind.UNPIN: ("is_pinned", False),
    ModerationKind.CLOSE: ("is_closed", True),
    ModerationKind.REOPEN: ("is_closed", False),
}


def log_action(
    *,
    actor: User,
    network: LearningNetwork,
    kind: str,
    reason: str,
    thread: Thread | None = None,
    post: Post | None = None,
    subject: Any = None,
    detail: str = "",
) -> ModerationAction:
    return ModerationAction.objects.create(
        network=network,
        kind=kind,
        reason=reason,
        thread=thread,
        post=post,
        subject=subject,
        detail=detail[:200],
        actor=actor,
    )


@transaction.atomic
def post_flag(*, actor: User, post: Post, reason: str) -> Flag:
    """A member asks the moderators to look at a post. Flagging the same post twice while the
    first flag is open changes nothing. Raises Refused (not a member) or ValidationError."""
    refuse_unless_member(actor, post.thread.network)
    reason = clean_reason(reason)
    existing = Flag.objects.filter(post=post, reporter=actor, status=FlagStatus.OPEN).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Flag.objects.create(post=post, reporter=actor, reason=reason)
    except IntegrityError:  # a concurrent flag by the same member won
        return Flag.objects.get(post=post, reporter=actor, status=FlagStatus.OPEN)


def _resolve_flags(post: Post, actor: User, status: str) -> int:
    return Flag.objects.filter(post=post, status=FlagStatus.OPEN).update(
        status=status, resolved_at=timezone.now(), resolved_by=actor
    )


@transaction.atomic
def post_hide(*, actor: User, post: Post, reason: str) -> Post:
    """A moderator hides a post; its author sees the reason, others a placeholder. Open flags on
    it are handled. Raises Refused (not a moderator) or ValidationError (no reason)."""
    post = Post.objects.select_for_update().select_related("thread__network").get(pk=post.pk)
    network = post.thread.network
    refuse_unless_moderator(actor, network)
    reason = clean_reason(reason)
    if post.is_hidden:
        return post
    post.is_hidden, post.hidden_reason = True, reason
    post.seq = next_seq(network)
    post.save(update_fields=["is_hidden", "hidden_reason", "seq"])
    # F(): the thread row is not locked here, so count from its committed value.
    Thread.objects.filter(pk=post.thread_id, post_count__gt=0).update(
        post_count=F("post_count") - 1, seq=post.seq
    )
    _resolve_flags(post, actor, FlagStatus.HANDLED)
    log_action(
        actor=actor,
        network=network,
        kind=ModerationKind.HIDE,
        reason=reason,
        thread=post.thread,
        post=post,
        subject=post.author,
    )
    _broadcast_with_thread("post.hidden", post)
    return post


@transaction.atomic
def post_restore(*, actor: User, post: Post, reason: str) -> Post:
    """A moderator shows a hidden post again, with a reason for the log."""
    post = Post.objects.select_for_update().select_related("thread__network").get(pk=post.pk)
    network = post.thread.network
    refuse_unless_moderator(actor, network)
    reason = clean_reason(reason)
    if not post.is_hidden:
        return post
    post.is_hidden, post.hidden_reason = False, ""
    post.seq = next_seq(network)
    post.save(update_fields=["is_hidden", "hidden_reason", "seq"])
    Thread.objects.filter(pk=post.thread_id).update(post_count=F("post_count") + 1, seq=post.seq)
    log_action(
        actor=actor,
        network=network,
        kind=ModerationKind.RESTORE,
        reason=reason,
        thread=post.thread,
        post=post,
        subject=post.author,
    )
    _broadcast_with_thread("post.restored", post)
    return post


def _broadcast_with_thread(event_type: str, post: Post) -> None:
    """The post, and its thread's new state (the count of visible posts changed with it), in one
    frame per reader."""
    thread = Thread.objects.select_related("network", "category", "author", "pseudonym").get(
        pk=post.thread_id
    )
    events.broadcast_change(
        event_type, thread.network_id, post=post_payload(post), thread=thread_payload(thread)
    )


@transaction.atomic
def flag_dismiss(*, actor: User, flag: Flag, reason: str) -> Flag:
    """A moderator decides a flagged post can stay; every open flag on that post is dismissed."""
    network = flag.post.thread.network
    refuse_unless_moderator(actor, network)
    reason = clean_reason(reason)
    _resolve_flags(flag.post, actor, FlagStatus.DISMISSED)
    log_action(
        actor=actor,
        network=network,
        kind=ModerationKind.DISMISS_FLAG,
        reason=reason,
        thread=flag.post.thread,
        post=flag.post,
    )
    flag.refresh_from_db()
    return flag


@transaction.atomic
def thread_moderate(*, actor: User, thread: Thread, kind: str, reason: str) -> Thread:
    """Lock, unlock, pin, unpin, close or reopen a thread, with a reason for the log.

    Raises Refused (not a moderator) or ValidationError (unknown action, no reason). Asking for
    the state the thread already has changes nothing.
    """
    if kind not in THREAD_ACTIONS:
        raise ValidationError({"action": _("Unknown action.")})
    thread = Thread.objects.select_for_update().select_related("network").get(pk=thread.pk)
    refuse_unless_moderator(actor, thread.network)
    reason = clean_reason(reason)
    field, value = THREAD_ACTIONS[kind]
    if getattr(thread, field) == value:
        return thread
    setattr(thread, field, value)
    thread.seq = next_seq(thread.network)
    thread.save(update_fields=[field, "seq"])
    log_action(actor=actor, network=thread.network, kind=kind, reason=reason, thread=thread)
    events.broadcast_change("thread.updated", thread.network_id, thread=thread_payload(thread))
    return thread


@transaction.atomic
def thread_move(*, actor: User, thread: Thread, category: Category, reason: str) -> Thread:
    """Move a thread to another category of the same network."""
    thread = (
        Thread.objects.select_for_update().select_related("network", "category").get(pk=thread.pk)
    )
    refuse_unless_moderator(actor, thread.network)
    reason = clean_reason(reason)
    if category.network_id != thread.network_id:
        raise ValidationError({"category": _("Choose one of this network's categories.")})
    if category.pk == thread.category_id:
        return thread
    if thread.pseudonym_id or thread.posts.filter(pseudonym__isnull=False).exists():
        # A pseudonym belongs to one category: moving would tie it to another one.
        raise ValidationError({"category": _("Threads with pseudonymous posts cannot be moved.")})
    detail = f"{thread.category.name} → {category.name}"
    thread.category = category
    thread.seq = next_seq(thread.network)
    thread.save(update_fields=["category", "seq"])
    log_action(
        actor=actor,
        network=thread.network,
        kind=ModerationKind.MOVE,
        reason=reason,
        thread=thread,
        detail=detail,
    )
    events.broadcast_change("thread.updated", thread.network_id, thread=thread_payload(thread))
    return thread


@transaction.atomic
def member_mute(
    *, actor: User, network: LearningNetwork, user: User, days: int, reason: str
) -> Mute:
    """A moderator mutes a member in the network for 1 to 90 days; the member keeps reading.

    Moderators and programme staff cannot be muted. Raises Refused or ValidationError.
    """
    refuse_unless_moderator(actor, network)
    reason = clean_reason(reason)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_MUTE_DAYS:
        raise ValidationError(
            {"days": _("Choose between 1 and %(max)s days.") % {"max": MAX_MUTE_DAYS}}
        )
    if permissions.network_role(user, network) in (None,):
        raise ValidationError({"user": _("This person is not a member of the network.")})
    if permissions.can_moderate(user, network):
        raise ValidationError({"user": _("Moderators cannot be muted.")})
    until = timezone.now() + datetime.timedelta(days=days)
    mute = Mute.objects.create(network=network, user=user, until=until, reason=reason)
    log_action(
        actor=actor,
        network=network,
        kind=ModerationKind.MUTE,
        reason=reason,
        subject=user,
        detail=timezone.localtime(until).strftime("%d-%m-%Y %H:%M"),
    )
    events.broadcast_access_changed(network.pk, [user.pk])
    return mute


@transaction.atomic
def mute_lift(*, actor: User, network: LearningNetwork, user: User, reason: str) -> None:
    """A moderator lifts a member's mute early."""
    refuse_unless_moderator(actor, network)
    reason = clean_reason(reason)
    mute = active_mute(network, user)
    if mute is None:
        raise Refused("not_muted", _("This member is not muted."))
    Mute.objects.filter(network=network, user=user, lifted_at__isnull=True).update(
        lifted_at=timezone.now()
    )
    log_action(
        actor=actor, network=network, kind=ModerationKind.UNMUTE, reason=reason, subject=user
    )
