"""Notices for members (mentions, replies) and how each member wants to receive them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning_network.models.discussion import Post
from learning_network.models.lessons import Lesson
from learning_network.models.meetings import Meeting


class NoticeKind(models.TextChoices):
    MENTION = "vermelding", _("You were mentioned")
    REPLY = "reactie", _("A reply in a thread you follow")
    LESSON_DECIDED = "les", _("A decision on a lesson you proposed")
    MEETING_PLANNED = "bijeenkomst", _("A new meeting in your network")
    MEETING_CANCELLED = "afgelast", _("A meeting you signed up for was cancelled")


class Notification(models.Model):
    """A notice for one member about one post, lesson or meeting; shown live, listed, and
    collected in the digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_notifications"
    )
    kind = models.CharField(max_length=12, choices=NoticeKind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, related_name="+")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, null=True, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="ln_notification_once_per_post"),
            models.CheckConstraint(
                condition=(
                    Q(post__isnull=False, lesson__isnull=True, meeting__isnull=True)
                    | Q(post__isnull=True, lesson__isnull=False, meeting__isnull=True)
                    | Q(post__isnull=True, lesson__isnull=True, meeting__isnull=False)
                ),
                name="ln_notification_one_subject",
            ),
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="ln_notification_unread")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"

    def get_absolute_url(self) -> str:
        if self.post is not None:
            thread = self.post.thread
            return (
                reverse("learning_network:thread", args=[thread.network.slug, thread.pk])
                + f"#bericht-{self.post.pk}"
            )
        if self.lesson is not None:
            return (
                reverse("learning_network:lessons", args=[self.lesson.network.slug])
                + f"#les-{self.lesson.pk}"
            )
        meeting = self.meeting
        if meeting is None:
            return ""
        return reverse("learning_network:meeting", args=[meeting.network.slug, meeting.pk])

    @property
    def subject(self) -> Any:
        return self.post or self.lesson or self.meeting

    @property
    def title(self) -> str:
        """What the notice is about: the thread's title, the lesson's text, the meeting's."""
        if self.post is not None:
            return self.post.thread.title
        if self.lesson is not None:
            text = self.lesson.text
            return text if len(text) <= 80 else text[:79] + "…"
        return self.meeting.title if self.meeting is not None else ""

    @property
    def network(self) -> Any:
        if self.post is not None:
            return self.post.thread.network
        subject = self.lesson or self.meeting
        return subject.network if subject is not None else None


class Digest(models.TextChoices):
    DAILY = "dagelijks", _("Daily")
    OFF = "uit", _("Off")


class NotificationSettings(models.Model):
    """A member's choices: live notices for mentions and replies, and the e-mail digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_settings"
    )
    live_mentions = models.BooleanField(_("live notice when someone mentions me"), default=True)
    live_replies = models.BooleanField(
        _("live notice of replies in threads I follow"), default=True
    )
    digest = models.CharField(
        _("e-mail digest"), max_length=10, choices=Digest.choices, default=Digest.DAILY
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"settings of {self.user_id}"
