"""Notices about posts: stored for the member's list and the digest, and sent live."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.events import broadcast_many_on_commit, user_group
from accounts.models import User
from learning_network import permissions
from learning_network.models import (
    Digest,
    LearningNetwork,
    Lesson,
    LessonStatus,
    Meeting,
    NoticeKind,
    Notification,
    NotificationSettings,
    Post,
    ThreadFollow,
)
from learning_network.selectors.live import author_name
from learning_network.selectors.networks import network_participants, participants_among


def notify_about_post(*, post: Post, mentioned: Iterable[User]) -> list[tuple[str, dict[str, Any]]]:
    """Notices for the members a new post mentions and for the followers of its thread.

    The author never gets a notice about their own post; a mention wins over a reply notice.
    Stores the notices and returns the live ones, as `(group, message)` for members who want
    them: the caller sends them after commit with `broadcast_many_on_commit`, after the post's
    own broadcast, so nobody is told of a post that has not reached them yet.
    """
    thread = post.thread
    kinds: dict[int, str] = {}
    for user_id in ThreadFollow.objects.filter(thread=thread).values_list("user_id", flat=True):
        kinds[user_id] = NoticeKind.REPLY
    # Follows outlive a person's part in the network (removed, consortium taken out, account
    # blocked): they get no notices about it any more.
    kinds = _taking_part(thread.network, kinds)
    for user in mentioned:
        kinds[user.pk] = NoticeKind.MENTION
    kinds.pop(post.author_id, None)
    if not kinds:
        return []
    Notification.objects.bulk_create(
        [
            Notification(user_id=user_id, kind=kind, post=post, created_at=post.created_at)
            for user_id, kind in kinds.items()
        ],
        ignore_conflicts=True,
    )
    settings_by_user = {
        s.user_id: s for s in NotificationSettings.objects.filter(user_id__in=list(kinds))
    }
    name = author_name(post)
    url = post_url(post)
    live: list[tuple[str, dict[str, Any]]] = []
    for user_id, kind in kinds.items():
        chosen = settings_by_user.get(user_id)
        wants = (
            (chosen.live_mentions if chosen else True)
            if kind == NoticeKind.MENTION
            else (chosen.live_replies if chosen else True)
        )
        if not wants:
            continue
        if kind == NoticeKind.MENTION:
            text = _("%(name)s mentioned you in “%(title)s”.")
        else:
            text = _("%(name)s replied in “%(title)s”.")
        live.append(
            (
                user_group(user_id),
                {
                    "type": "notice.created",
                    "id": f"post-{post.pk}",
                    "text": text % {"name": name, "title": thread.title},
                    "url": url,
                },
            )
        )
    return live


def _notify_others(
    *,
    user_ids: Iterable[int],
    kind: str,
    text: str,
    key: str,
    lesson: Lesson | None = None,
    meeting: Meeting | None = None,
) -> list[Notification]:
    """Stored notices (for the list and the digest) and live ones, about a lesson or a meeting,
    for members who still take part in its network."""
    subject = lesson or meeting
    if subject is None:
        return []
    network = subject.network
    kinds = _taking_part(network, dict.fromkeys(user_ids, kind))
    notices = Notification.objects.bulk_create(
        [
            Notification(user_id=user_id, kind=kind, lesson=lesson, meeting=meeting)
            for user_id in kinds
        ]
    )
    if notices:
        url = notices[0].get_absolute_url()
        notice = {"type": "notice.created", "id": key, "text": text, "url": url}
        broadcast_many_on_commit([(user_group(user_id), notice) for user_id in kinds])
    return notices


def notify_lesson_decided(*, lesson: Lesson, actor: User) -> list[Notification]:
    """The proposer hears that a moderator confirmed, did not confirm or withdrew their lesson
    (not when they decided it themselves)."""
    if lesson.proposed_by_id is None or lesson.proposed_by_id == actor.pk:
        return []
    if lesson.status == LessonStatus.CONFIRMED:
        text = _("Your lesson was confirmed: “%(text)s”.")
    else:
        text = _("Your lesson was not confirmed; read why: “%(text)s”.")
    short = lesson.text if len(lesson.text) <= 60 else lesson.text[:59] + "…"
    return _notify_others(
        user_ids=[lesson.proposed_by_id],
        kind=NoticeKind.LESSON_DECIDED,
        text=text % {"text": short},
        key=f"lesson-{lesson.pk}-{lesson.status}",
        lesson=lesson,
    )


def notify_meeting_planned(*, meeting: Meeting, actor: User) -> list[Notification]:
    """Everyone in the network but the organiser hears of a new meeting."""
    participants = [user.pk for user in network_participants(meeting.network)]
    return _notify_others(
        user_ids=[user_id for user_id in participants if user_id != actor.pk],
        kind=NoticeKind.MEETING_PLANNED,
        text=_("New meeting in %(network)s: “%(title)s”.")
        % {"network": meeting.network.name, "title": meeting.title},
        key=f"meeting-{meeting.pk}",
        meeting=meeting,
    )


def notify_meeting_cancelled(*, meeting: Meeting, actor: User) -> list[Notification]:
    """Those who signed up hear that the meeting was cancelled."""
    attendees = meeting.attendees.exclude(user_id=actor.pk).values_list("user_id", flat=True)
    return _notify_others(
        user_ids=list(attendees),
        kind=NoticeKind.MEETING_CANCELLED,
        text=_("The meeting “%(title)s” was cancelled.") % {"title": meeting.title},
        key=f"meeting-{meeting.pk}-cancelled",
        meeting=meeting,
    )


def _taking_part(network: LearningNetwork, kinds: dict[int, str]) -> dict[int, str]:
    """Only the entries of users who still take part in the network (or are programme staff).

    Asks about these users only: a reply in a network of hundreds must not read them all.
    """
    participants = participants_among(network, kinds)
    others = [user_id for user_id in kinds if user_id not in participants]
    if others:
        participants |= {
            user.pk
            for user in User.objects.filter(pk__in=others, is_active=True)
            if permissions.can_view_network(user, network)
        }
    return {user_id: kind for user_id, kind in kinds.items() if user_id in participants}


def post_url(post: Post) -> str:
    thread = post.thread
    return (
        reverse("learning_network:thread", args=[thread.network.slug, thread.pk])
        + f"#bericht-{post.pk}"
    )


@transaction.atomic
def notification_settings_update(*, actor: User, data: dict[str, Any]) -> NotificationSettings:
    """Save the member's choices for live notices and the e-mail digest."""
    chosen, _created = NotificationSettings.objects.get_or_create(user=actor)
    chosen.live_mentions = bool(data.get("live_mentions"))
    chosen.live_replies = bool(data.get("live_replies"))
    chosen.digest = data.get("digest") or Digest.DAILY
    chosen.full_clean()
    chosen.save()
    return chosen


@transaction.atomic
def notifications_mark_read(*, actor: User) -> int:
    """Mark all of the member's notices read; returns how many were unread."""
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
