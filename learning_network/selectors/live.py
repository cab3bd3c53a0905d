"""What live updates carry: the member-visible form of posts and threads, and catch-up reads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils import timezone

from learning_network.models import LearningNetwork, Post, PostAttachment, Thread

CATCH_UP_LIMIT = 500


def author_name(post: Post | Thread) -> str:
    """The name members see: the pseudonym where one was used, else the public name."""
    if post.pseudonym_id and post.pseudonym is not None:
        return post.pseudonym.name
    return post.author.public_name


def _iso(moment: Any) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def post_payload(post: Post, attachments: Sequence[PostAttachment] | None = None) -> dict[str, Any]:
    """A post as every member of its network may see it (a hidden post without its text).

    `author_id` is for the consumer only (to mark a member's own posts) and is removed before
    the payload leaves the server. `attachments`: the post's files when the caller has them
    (a post just stored), so they are not read back.
    """
    quote = None
    if post.quote_of_id and post.quote_of is not None and not post.quote_of.is_hidden:
        quoted = post.quote_of
        excerpt = quoted.body_text if len(quoted.body_text) <= 200 else quoted.body_text[:199] + "…"
        quote = {"id": quoted.pk, "author": author_name(quoted), "excerpt": excerpt}
    return {
        "id": post.pk,
        "thread": post.thread_id,
        "seq": post.seq,
        "author": author_name(post),
        "author_id": post.author_id,
        "pseudonymous": bool(post.pseudonym_id),
        "body": "" if post.is_hidden else post.body,
        "hidden": post.is_hidden,
        "hidden_reason": post.hidden_reason if post.is_hidden else "",
        "quote": quote,
        "created_at": _iso(post.created_at),
        "edited_at": _iso(post.edited_at),
        "attachments": [] if post.is_hidden else attachment_list(post, attachments),
    }


def attachment_list(
    post: Post, attachments: Sequence[PostAttachment] | None = None
) -> list[dict[str, Any]]:
    """The post's files as members see them: name, size and the access-checked download link."""
    slug = post.thread.network.slug
    return [
        {
            "id": attachment.pk,
            "name": attachment.original_name,
            "size": attachment.size,
            "url": reverse("learning_network:attachment", args=[slug, post.pk, attachment.pk]),
        }
        for attachment in (post.attachments.all() if attachments is None else attachments)
    ]


def thread_payload(thread: Thread) -> dict[str, Any]:
    return {
        "id": thread.pk,
        "seq": thread.seq,
        "title": thread.title,
        "category": thread.category.name,
        "category_id": thread.category_id,
        "author": author_name(thread),
        "pinned": thread.is_pinned,
        "locked": thread.is_locked,
        "closed": thread.is_closed,
        "post_count": thread.post_count,
        "last_post_at": _iso(thread.last_post_at),
        "url": reverse("learning_network:thread", args=[thread.network.slug, thread.pk]),
    }


def catch_up(
    *, network: LearningNetwork, after_seq: int, thread_id: int | None = None
) -> dict[str, Any]:
    """Everything in the network that changed after event number `after_seq`, oldest first.

    Posts and threads carry their latest state; a client replaces what it has by id, so what
    it saw already is never shown twice. `complete` is False when more than CATCH_UP_LIMIT
    changes are waiting: the client should then reload the page.
    """
    # The event number first: every change numbered up to it has committed, so reading up to it
    # leaves nothing behind (later changes come as broadcasts or with the next catch-up).
    upto = network_seq(network.pk)
    posts = (
        Post.objects.filter(thread__network=network, seq__gt=after_seq, seq__lte=upto)
        .select_related(
            "author", "pseudonym", "quote_of__author", "quote_of__pseudonym", "thread__network"
        )
        .prefetch_related("attachments")
        .order_by("seq", "pk")
    )
    threads = Thread.objects.filter(network=network, seq__gt=after_seq, seq__lte=upto)
    if thread_id is not None:  # a reader of one thread needs that thread's changes only
        posts = posts.filter(thread_id=thread_id)
        threads = threads.filter(pk=thread_id)
    post_list = list(posts[: CATCH_UP_LIMIT + 1])
    thread_list = list(
        threads.select_related("category", "author", "pseudonym", "network").order_by("seq")[
            : CATCH_UP_LIMIT + 1
        ]
    )
    complete = len(post_list) <= CATCH_UP_LIMIT and len(thread_list) <= CATCH_UP_LIMIT
    return {
        "posts": [post_payload(post) for post in post_list[:CATCH_UP_LIMIT]],
        "threads": [thread_payload(thread) for thread in thread_list[:CATCH_UP_LIMIT]],
        "seq": upto if complete else after_seq,
        "complete": complete,
    }


def network_seq(network_id: int) -> int:
    return LearningNetwork.objects.values_list("event_seq", flat=True).get(pk=network_id)
