"""Lessons: what a network learned, proposed by any member, confirmed by its moderators.

Confirmed lessons appear on the linked approach pages of the public toolbox and are counted in
the evaluation. Their text is public: it is refused with an e-mail address, phone number or BSN
in it, and the public page never shows who proposed it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning_network.models.discussion import Post, Thread
from learning_network.models.meetings import Meeting
from learning_network.models.networks import LearningNetwork


class LessonKind(models.TextChoices):
    IMPROVEMENT = "verbeterpunt", _("Improvement point")
    SUCCESS_FACTOR = "succesfactor", _("Success factor")
    CONDITION = "randvoorwaarde", _("Condition for implementation")
    BOTTLENECK = "knelpunt", _("Bottleneck")


class LessonStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("Proposed")
    CONFIRMED = "bevestigd", _("Confirmed")
    REJECTED = "afgewezen", _("Not confirmed")


class Lesson(models.Model):
    """One lesson of a network, with where it came from: a post, a thread or a meeting."""

    MAX_TEXT_CHARS = 1500

    network = models.ForeignKey(LearningNetwork, on_delete=models.CASCADE, related_name="lessons")
    kind = models.CharField(_("kind"), max_length=20, choices=LessonKind.choices)
    text = models.TextField(_("lesson"))
    themes = models.ManyToManyField("cms_core.Theme", verbose_name=_("themes"), blank=True)
    approaches = models.ManyToManyField(
        "toolbox.ApproachPage",
        verbose_name=_("approaches in the toolbox"),
        blank=True,
        related_name="network_lessons",
    )
    post = models.ForeignKey(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=LessonStatus.choices, default=LessonStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note with the decision"), max_length=500, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        indexes = [
            models.Index(fields=["network", "status"], name="ln_lesson_status"),
            models.Index(fields=["status", "decided_at"], name="ln_lesson_confirmed"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
