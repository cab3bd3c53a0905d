"""Meetings (bijeenkomsten) of a network: when and where, the agenda, who comes, the minutes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning_network.models.discussion import Thread
from learning_network.models.networks import LearningNetwork


class Meeting(models.Model):
    """A meeting of a learning network, on location, online or both.

    `agenda` and `minutes` are sanitised HTML (cms_core.sanitise), safe to render. The meeting
    links the threads that prepare or follow it; lessons captured there point back to it.
    """

    network = models.ForeignKey(LearningNetwork, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=160)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Address or building and room.")
    )
    online_url = models.URLField(
        _("online link"), max_length=500, blank=True, help_text=_("Link to the video meeting.")
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty when there is no limit.")
    )
    agenda = models.TextField(_("agenda"))
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_at = models.DateTimeField(_("minutes written at"), null=True, blank=True)
    threads = models.ManyToManyField(
        Thread, verbose_name=_("linked threads"), blank=True, related_name="meetings"
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["network", "starts_at"], name="ln_meeting_when")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="ln_meeting_ends_after"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()


class MeetingAttendee(models.Model):
    """A member signed up for a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_signups"
    )
    signed_up_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["signed_up_at"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="ln_attendee_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} at {self.meeting_id}"
