"""Notices for members (mentions, replies) and how each member wants to receive them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning_network.models.discussion import Post


class NoticeKind(models.TextChoices):
    MENTION = "vermelding", _("You were mentioned")
    REPLY = "reactie", _("A reply in a thread you follow")


class Notification(models.Model):
    """A notice for one member about one post; shown live, listed, and collected in the digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_notifications"
    )
    kind = models.CharField(max_length=12, choices=NoticeKind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="ln_notification_once_per_post")
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="ln_notification_unread")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


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
