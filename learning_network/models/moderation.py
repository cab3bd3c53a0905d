"""Moderation: flags raised by members, mutes, and the log of every moderation action."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning_network.models.discussion import Post, Thread
from learning_network.models.networks import LearningNetwork


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    HANDLED = "afgehandeld", _("Handled")
    DISMISSED = "afgewezen", _("Dismissed")


class Flag(models.Model):
    """A member asks the moderators to look at a post, with a reason."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500)
    status = models.CharField(
        _("status"), max_length=12, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            # One open flag per member per post: flagging again changes nothing.
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(status="open"),
                name="ln_flag_one_open_per_reporter",
            ),
        ]

    def __str__(self) -> str:
        return f"flag on {self.post_id}"


class ModerationKind(models.TextChoices):
    HIDE = "verbergen", _("Post hidden")
    RESTORE = "terugzetten", _("Post restored")
    LOCK = "vergrendelen", _("Thread locked")
    UNLOCK = "ontgrendelen", _("Thread unlocked")
    PIN = "vastzetten", _("Thread pinned")
    UNPIN = "losmaken", _("Thread unpinned")
    CLOSE = "sluiten", _("Thread closed")
    REOPEN = "heropenen", _("Thread reopened")
    MOVE = "verplaatsen", _("Thread moved")
    MUTE = "dempen", _("Member muted")
    UNMUTE = "dempen-opheffen", _("Mute lifted")
    DISMISS_FLAG = "melding-afwijzen", _("Flag dismissed")
    CONFIRM_LESSON = "les-bevestigen", _("Lesson confirmed")
    REJECT_LESSON = "les-afwijzen", _("Lesson not confirmed")


class ModerationAction(models.Model):
    """One moderation action, with its reason: the moderation log (append-only).

    Members of the network read what was done and why; only programme staff see `actor`.
    """

    network = models.ForeignKey(
        LearningNetwork, on_delete=models.CASCADE, related_name="moderation_actions"
    )
    kind = models.CharField(_("action"), max_length=20, choices=ModerationKind.choices)
    thread = models.ForeignKey(
        Thread, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    post = models.ForeignKey(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")

    def __str__(self) -> str:
        return f"{self.kind} in {self.network_id}"


class Mute(models.Model):
    """A member may not post in a network until `until` (set by a moderator, with a reason)."""

    network = models.ForeignKey(LearningNetwork, on_delete=models.CASCADE, related_name="mutes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField(_("muted until"))
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-until"]
        verbose_name = _("mute")
        verbose_name_plural = _("mutes")
        indexes = [models.Index(fields=["network", "user", "until"], name="ln_mute_lookup")]

    def __str__(self) -> str:
        return f"{self.user_id} muted in {self.network_id}"
