"""Reads for a viewer: networks, threads, posts, moderation, presence; access is checked here.

A network the viewer takes no part in answers 404, as if it did not exist.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.models import Membership, User
from accounts.selectors import Task
from learning_network import permissions
from learning_network.models import (
    Flag,
    FlagStatus,
    LearningNetwork,
    ModerationAction,
    Mute,
    NetworkMember,
    NetworkRole,
    Notification,
    Post,
    PostAttachment,
    Presence,
    ReadState,
    Thread,
    ThreadFollow,
)

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 50


def network_list_for(*, viewer: Any) -> QuerySet[LearningNetwork]:
    """The networks the viewer takes part in (all of them for programme staff), by name."""
    networks = LearningNetwork.objects.prefetch_related("themes").order_by("is_archived", "name")
    if permissions.can_manage_networks(viewer):
        return networks
    return networks.filter(pk__in=list(permissions.network_roles(viewer)))


def network_get_for(*, viewer: Any, slug: str) -> LearningNetwork:
    """The network by its address; raises Http404 unless the viewer takes part in it."""
    network = LearningNetwork.objects.filter(slug=slug).first()
    if network is None or not permissions.can_view_network(viewer, network):
        raise Http404
    return network


def _takes_part(network: LearningNetwork) -> Q:
    """Active accounts added by name, or active members of a consortium that takes part (the
    rule of `permissions.network_role`, for everyone but programme staff)."""
    by_name = NetworkMember.objects.filter(network=network).values("user_id")
    by_consortium = Membership.objects.filter(
        is_active=True, consortium__network_links__network=network
    ).values("user_id")
    return Q(is_active=True) & (Q(pk__in=by_name) | Q(pk__in=by_consortium))


def network_participants(network: LearningNetwork) -> list[User]:
    """Everyone who takes part: added by name, or through their consortium (active members)."""
    return list(
        get_user_model()
        .objects.filter(_takes_part(network))
        .order_by("display_name", "full_name", "email")
    )


def participants_among(network: LearningNetwork, user_ids: Iterable[int]) -> set[int]:
    """Which of these users take part in the network (one query, whatever its size; programme
    staff are not among them unless added by name)."""
    ids = list(user_ids)
    if not ids:
        return set()
    return set(
        get_user_model()
        .objects.filter(_takes_part(network), pk__in=ids)
        .values_list("pk", flat=True)
    )


def network_moderators(network: LearningNetwork) -> list[User]:
    return [
        member.user
        for member in NetworkMember.objects.filter(
            network=network, role=NetworkRole.MODERATOR
        ).select_related("user")
    ]


def thread_list_for(
    *, viewer: Any, network: LearningNetwork, category_id: int | None = None
) -> QuerySet[Thread]:
    """The network's threads, pinned first then newest activity, with `is_unread` for the viewer."""
    read = ReadState.objects.filter(thread=OuterRef("pk"), user=viewer)
    threads = (
        Thread.objects.filter(network=network)
        .select_related("category", "author", "pseudonym", "network")
        .annotate(
            last_read_at=Subquery(read.values("last_read_at")[:1]),
            is_followed=Exists(ThreadFollow.objects.filter(thread=OuterRef("pk"), user=viewer)),
        )
        .order_by("-is_pinned", "-last_post_at", "-pk")
    )
    if category_id is not None:
        threads = threads.filter(category_id=category_id)
    return threads


def thread_get_for(*, viewer: Any, network: LearningNetwork, pk: int) -> Thread:
    """One thread of the network; 404 for a thread of another network."""
    thread = (
        Thread.objects.filter(network=network, pk=pk)
        .select_related("category", "author", "pseudonym", "network")
        .first()
    )
    if thread is None or not permissions.can_view_network(viewer, network):
        raise Http404
    return thread


def post_get_for(*, viewer: Any, network: LearningNetwork, pk: int) -> Post:
    """One post of the network; 404 for a post of another network."""
    post = (
        Post.objects.filter(thread__network=network, pk=pk)
        .select_related("thread__network", "thread__category", "author", "pseudonym")
        .first()
    )
    if post is None or not permissions.can_view_network(viewer, network):
        raise Http404
    return post


def posts_of_thread(*, thread: Thread) -> QuerySet[Post]:
    return (
        Post.objects.filter(thread=thread)
        .select_related("author", "pseudonym", "quote_of__author", "quote_of__pseudonym")
        .prefetch_related("attachments")
        .annotate(revision_count=Count("revisions"))
        .order_by("created_at", "pk")
    )


def attachment_get_for(*, viewer: Any, post: Post, pk: int) -> PostAttachment:
    """A file of a post the viewer may read; the file of a hidden post only for its author and
    the moderators (404 for everyone else, as for another network's file)."""
    attachment = PostAttachment.objects.filter(post=post, pk=pk).first()
    network = post.thread.network
    if attachment is None or not permissions.can_view_network(viewer, network):
        raise Http404
    if post.is_hidden and not (
        post.author_id == getattr(viewer, "pk", None) or permissions.can_moderate(viewer, network)
    ):
        raise Http404
    return attachment


def is_following(*, viewer: Any, thread: Thread) -> bool:
    return ThreadFollow.objects.filter(thread=thread, user=viewer).exists()


def unread_threads_count(*, viewer: Any, network: LearningNetwork) -> int:
    """Threads with posts the viewer has not seen (never opened, or new posts since)."""
    read = ReadState.objects.filter(thread=OuterRef("pk"), user=viewer)
    return (
        Thread.objects.filter(network=network)
        .annotate(last_read_at=Subquery(read.values("last_read_at")[:1]))
        .filter(Q(last_read_at__isnull=True) | Q(last_read_at__lt=F("last_post_at")))
        .count()
    )


@dataclass
class NetworkSummary:
    network: LearningNetwork
    role: str | None
    unread: int
    open_flags: int = 0


def network_summaries_for(*, viewer: Any) -> list[NetworkSummary]:
    """The viewer's networks with unread counts (and open flags where they moderate)."""
    summaries = []
    for network in network_list_for(viewer=viewer).filter(is_archived=False):
        role = permissions.network_role(viewer, network)
        summaries.append(
            NetworkSummary(
                network=network,
                role=role,
                unread=unread_threads_count(viewer=viewer, network=network),
                open_flags=(
                    open_flag_count(network=network)
                    if permissions.can_moderate(viewer, network)
                    else 0
                ),
            )
        )
    return summaries


def open_flag_count(*, network: LearningNetwork) -> int:
    return (
        Flag.objects.filter(post__thread__network=network, status=FlagStatus.OPEN)
        .values("post")
        .distinct()
        .count()
    )


@dataclass
class QueueItem:
    post: Post
    flags: list[Flag] = field(default_factory=list)


def moderation_queue(*, network: LearningNetwork) -> list[QueueItem]:
    """Flagged posts with their open flags, oldest flag first."""
    items: dict[int, QueueItem] = {}
    flags = (
        Flag.objects.filter(post__thread__network=network, status=FlagStatus.OPEN)
        .select_related("post__thread", "post__author", "post__pseudonym", "reporter")
        .order_by("created_at", "pk")
    )
    for flag in flags:
        items.setdefault(flag.post_id, QueueItem(post=flag.post)).flags.append(flag)
    return list(items.values())


def moderation_log(*, network: LearningNetwork) -> QuerySet[ModerationAction]:
    return ModerationAction.objects.filter(network=network).select_related(
        "thread", "post", "subject", "actor"
    )


def active_mutes(*, network: LearningNetwork) -> QuerySet[Mute]:
    return Mute.objects.filter(
        network=network, until__gt=timezone.now(), lifted_at__isnull=True
    ).select_related("user")


def viewer_mute(*, viewer: Any, network: LearningNetwork) -> Mute | None:
    return active_mutes(network=network).filter(user=viewer).order_by("-until").first()


def presence_list(*, network: LearningNetwork) -> dict[str, Any]:
    """Who is viewing the network now: names (each person once) and, per thread, how many."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.LEARNING_NETWORK_PRESENCE_TTL)
    rows = (
        Presence.objects.filter(network=network, seen_at__gte=cutoff)
        .select_related("user", "thread__category")
        .order_by("user__display_name", "user_id")
    )
    names: dict[int, str] = {}
    per_thread: dict[int, set[int]] = {}
    anonymous_threads: set[int] = set()
    for row in rows:
        names.setdefault(row.user_id, row.user.public_name)
        if row.thread_id is not None and row.thread is not None:
            per_thread.setdefault(row.thread_id, set()).add(row.user_id)
            if row.thread.category.allows_pseudonyms or network.allows_pseudonyms:
                anonymous_threads.add(row.thread_id)
    # In a thread where people may post under a pseudonym, who is reading is not shown by name.
    return {
        "names": list(names.values())[:50],
        "count": len(names),
        "threads": {
            str(thread_id): {
                "count": len(users),
                "names": []
                if thread_id in anonymous_threads
                else sorted(names[u] for u in users)[:20],
            }
            for thread_id, users in per_thread.items()
        },
    }


def search_network(*, network: LearningNetwork, query: str) -> QuerySet[Post]:
    """Visible posts of the network whose text or thread title holds every word of the query."""
    words = [word for word in query.split() if word][:8]
    posts = Post.objects.filter(thread__network=network, is_hidden=False)
    if not words:
        return posts.none()
    for word in words:
        posts = posts.filter(Q(body_text__icontains=word) | Q(thread__title__icontains=word))
    return posts.select_related("thread", "author", "pseudonym").order_by("-created_at")[:100]


def notifications_for(*, viewer: Any, limit: int = 50) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(user=viewer)
        .filter(Q(post__isnull=True) | Q(post__is_hidden=False))
        .select_related(
            "post__thread__network",
            "post__author",
            "post__pseudonym",
            "lesson__network",
            "meeting__network",
        )[:limit]
    )


def network_tasks_for(viewer: Any) -> list[Task]:
    """Start-page tasks: flagged posts waiting for a moderator."""
    tasks: list[Task] = []
    for summary in network_summaries_for(viewer=viewer):
        if summary.open_flags:
            tasks.append(
                Task(
                    ngettext(
                        "%(count)s flagged post waits in %(network)s.",
                        "%(count)s flagged posts wait in %(network)s.",
                        summary.open_flags,
                    )
                    % {"count": summary.open_flags, "network": summary.network.name},
                    reverse("learning_network:moderation", args=[summary.network.slug]),
                    urgent=True,
                )
            )
    return tasks
