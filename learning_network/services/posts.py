"""Threads and posts: start, reply, quote, edit (history kept), mention, follow, mark read."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.events import broadcast_many_on_commit
from accounts.models import User
from cms_core.privacy import find_personal_data
from learning_network import events, permissions
from learning_network.models import (
    Category,
    LearningNetwork,
    Mention,
    Post,
    PostRevision,
    Pseudonym,
    ReadState,
    Thread,
    ThreadFollow,
)
from learning_network.selectors.live import post_payload, thread_payload
from learning_network.selectors.networks import network_participants
from learning_network.services.attachments import attach_files, check_files
from learning_network.services.common import (
    Refused,
    clean_body,
    next_seq,
    refuse_if_muted,
    refuse_if_too_fast,
    refuse_unless_member,
)
from learning_network.services.notifications import notify_about_post

MAX_TITLE_CHARS = 160
_PSEUDONYM_ADJECTIVES = (
    "Blauwe", "Groene", "Rode", "Gele", "Stille", "Snelle", "Wijze", "Dappere", "Lichte", "Warme",
    "Heldere", "Zachte", "Vrolijke", "Rustige", "Sterke", "Kalme",
)  # fmt: skip
_PSEUDONYM_NOUNS = (
    "Reiger", "Merel", "Lijster", "Zwaluw", "Kievit", "Grutto", "Meeuw", "Uil", "Vink", "Specht",
    "Wilg", "Eik", "Linde", "Berk", "Hazelaar", "Els",
)  # fmt: skip


def pseudonym_for(*, user: User, category: Category) -> Pseudonym:
    """The member's pseudonym in this category, made on first use (random, never their name)."""
    existing = Pseudonym.objects.filter(category=category, user=user).first()
    if existing is not None:
        return existing
    for _attempt in range(20):
        name = (
            f"{secrets.choice(_PSEUDONYM_ADJECTIVES)} {secrets.choice(_PSEUDONYM_NOUNS)} "
            f"{secrets.randbelow(90) + 10}"
        )
        try:
            with transaction.atomic():
                return Pseudonym.objects.create(category=category, user=user, name=name)
        except IntegrityError:
            existing = Pseudonym.objects.filter(category=category, user=user).first()
            if existing is not None:
                return existing
    raise RuntimeError("no free pseudonym found")  # pragma: no cover - 25,600 names per category


def _pseudonym_if_asked(actor: User, category: Category, pseudonymous: bool) -> Pseudonym | None:
    if not pseudonymous:
        return None
    if not category.pseudonyms_allowed:
        raise ValidationError(
            {"pseudonymous": _("This category does not allow posting under a pseudonym.")}
        )
    return pseudonym_for(user=actor, category=category)


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Give the thread a title.")})
    if len(title) > MAX_TITLE_CHARS:
        raise ValidationError(
            {"title": _("Keep the title under %(limit)s characters.") % {"limit": MAX_TITLE_CHARS}}
        )
    if any(finding.kind == "bsn" for finding in find_personal_data(title)):
        raise ValidationError(
            {
                "title": _(
                    "This looks like a citizen service number (BSN). Never share one here; "
                    "remove it and try again."
                )
            }
        )
    return title


def _mentioned_users(network: LearningNetwork, text: str, author: User) -> list[User]:
    """Members of the network named as @name (their display name), longest names first."""
    lowered = text.lower()
    if "@" not in lowered:
        return []
    found: list[User] = []
    for user in sorted(network_participants(network), key=lambda u: -len(u.public_name)):
        name = re.compile(re.escape("@" + user.public_name.lower()) + r"(?![\w])")
        if not name.search(lowered):
            continue
        # Longest names first, and a matched name is taken out: "@Anna de Vries" does not also
        # mention "Anna".
        lowered = name.sub(" ", lowered)
        if user.pk != author.pk:
            found.append(user)
    return found


@transaction.atomic
def thread_create(
    *,
    actor: User,
    network: LearningNetwork,
    category: Category,
    title: str,
    body: str,
    pseudonymous: bool = False,
    files: Sequence[UploadedFile] = (),
) -> Thread:
    """Start a thread with its first post; the author follows it.

    Raises Refused (not a member, archived, muted, too fast) or ValidationError (bad title or
    body, category of another network); nothing is stored then. Broadcasts after commit.
    """
    refuse_unless_member(actor, network)
    if not permissions.can_start_thread(actor, network):
        raise Refused("archived", _("This learning network is archived; nobody can post."))
    if category.network_id != network.pk:
        raise ValidationError({"category": _("Choose one of this network's categories.")})
    errors: dict[str, Any] = {}
    try:
        title = _clean_title(title)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        html, text = clean_body(body)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        checked = check_files(files)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    refuse_if_muted(actor, network)
    refuse_if_too_fast(actor)
    pseudonym = _pseudonym_if_asked(actor, category, pseudonymous)
    seq = next_seq(network)
    now = timezone.now()
    thread = Thread.objects.create(
        network=network,
        category=category,
        title=title,
        author=actor,
        pseudonym=pseudonym,
        created_at=now,
        last_post_at=now,
        post_count=1,
        seq=seq,
    )
    post = Post.objects.create(
        thread=thread,
        author=actor,
        pseudonym=pseudonym,
        body=html,
        body_text=text,
        created_at=now,
        seq=seq,
    )
    stored = attach_files(post, checked)
    live_notices = _after_post(actor, network, thread, post, text)
    events.broadcast_change(
        "thread.created",
        network.pk,
        thread=thread_payload(thread),
        post=post_payload(post, attachments=stored),
    )
    broadcast_many_on_commit(live_notices)  # after the post's own broadcast
    return thread


@transaction.atomic
def post_create(
    *,
    actor: User,
    thread: Thread,
    body: str,
    quote_of: Post | None = None,
    pseudonymous: bool = False,
    files: Sequence[UploadedFile] = (),
) -> Post:
    """Reply in a thread, optionally quoting a visible post of the same thread.

    Raises Refused (not a member, locked or closed thread, muted, too fast) or ValidationError
    (empty, too long, BSN, bad quote); nothing is stored then. Broadcasts after commit.
    """
    refuse_unless_member(actor, thread.network)
    # Lock the thread row: a reply cannot slip in while a moderator closes the thread.
    thread = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("network", "category", "author", "pseudonym")
        .get(pk=thread.pk)
    )
    network = thread.network  # as it is now, not as the caller loaded it
    if not permissions.can_reply(actor, thread):
        if network.is_archived:
            raise Refused("archived", _("This learning network is archived; nobody can post."))
        if thread.is_closed:
            raise Refused("closed", _("This thread is closed; nobody can reply any more."))
        raise Refused("locked", _("A moderator locked this thread; you cannot reply now."))
    if quote_of is not None and (quote_of.thread_id != thread.pk or quote_of.is_hidden):
        raise ValidationError({"quote": _("You can only quote a visible post of this thread.")})
    html, text = clean_body(body)
    checked = check_files(files)
    refuse_if_muted(actor, network)
    refuse_if_too_fast(actor)
    pseudonym = _pseudonym_if_asked(actor, thread.category, pseudonymous)
    now = timezone.now()
    post = Post.objects.create(
        thread=thread,
        author=actor,
        pseudonym=pseudonym,
        body=html,
        body_text=text,
        quote_of=quote_of,
        created_at=now,
        seq=0,  # numbered just before commit, below
    )
    stored = attach_files(post, checked)
    live_notices = _after_post(actor, network, thread, post, text)
    # The event number comes last: taking it locks the network's row until commit, and every
    # post and moderation in the network waits for that lock. Taken here, the wait covers the
    # numbering alone, not the whole reply (bench/live.py: two server processes contended on it).
    seq = next_seq(network)
    Post.objects.filter(pk=post.pk).update(seq=seq)
    Thread.objects.filter(pk=thread.pk).update(
        last_post_at=now, post_count=thread.post_count + 1, seq=seq
    )
    post.seq = seq
    thread.last_post_at, thread.post_count, thread.seq = now, thread.post_count + 1, seq
    events.broadcast_change(
        "post.created",
        network.pk,
        post=post_payload(post, attachments=stored),
        thread=thread_payload(thread),
    )
    broadcast_many_on_commit(live_notices)  # after the post's own broadcast
    return post


def _after_post(
    actor: User, network: LearningNetwork, thread: Thread, post: Post, text: str
) -> list[tuple[str, dict[str, Any]]]:
    """Mentions, the author following and having read the thread, notices to others (stored;
    the live ones are returned for the caller to send after its own broadcast)."""
    mentioned = _mentioned_users(network, text, actor)
    Mention.objects.bulk_create([Mention(post=post, user=user) for user in mentioned])
    ThreadFollow.objects.get_or_create(thread=thread, user=actor)
    # Mostly the author has read the thread before: one UPDATE (update_or_create takes four).
    if not ReadState.objects.filter(thread=thread, user=actor).update(last_read_at=post.created_at):
        ReadState.objects.update_or_create(
            thread=thread, user=actor, defaults={"last_read_at": post.created_at}
        )
    return notify_about_post(post=post, mentioned=mentioned)


@transaction.atomic
def post_edit(*, actor: User, post: Post, body: str) -> Post:
    """The author changes their post; the previous text goes into the post's edit history.

    Raises Refused (not the author, hidden post, closed thread, muted) or ValidationError; an
    unchanged text changes nothing. Broadcasts after commit.
    """
    post = Post.objects.select_for_update().select_related("thread__network").get(pk=post.pk)
    network = post.thread.network
    refuse_unless_member(actor, network)
    if not permissions.can_edit_post(actor, post):
        raise Refused("not_editable", _("You can only edit your own visible posts."))
    html, text = clean_body(body)
    if html == post.body:
        return post
    refuse_if_muted(actor, network)
    PostRevision.objects.create(post=post, body=post.body)
    post.body, post.body_text = html, text
    post.edited_at = timezone.now()
    post.seq = next_seq(network)
    post.save(update_fields=["body", "body_text", "edited_at", "seq"])
    events.broadcast_change("post.updated", network.pk, post=post_payload(post))
    return post


@transaction.atomic
def thread_mark_read(*, actor: User, thread: Thread) -> None:
    """The member has seen the thread up to its newest post."""
    if not permissions.can_view_network(actor, thread.network):
        return
    ReadState.objects.update_or_create(
        thread=thread, user=actor, defaults={"last_read_at": thread.last_post_at}
    )


@transaction.atomic
def thread_follow(*, actor: User, thread: Thread, follow: bool = True) -> None:
    """Follow (or stop following) a thread: replies in it become notices."""
    refuse_unless_member(actor, thread.network)
    if follow:
        ThreadFollow.objects.get_or_create(thread=thread, user=actor)
    else:
        ThreadFollow.objects.filter(thread=thread, user=actor).delete()
