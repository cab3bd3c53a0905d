"""Workspace records: a consortium's project and its action-research cycles, with their history.

Research records are written only through `action_research.services`, which records every
change in `RecordChange` (who, when, old → new) in the same transaction; nothing writes these
models with `update()` or `bulk_create()`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Consortium
from cms_core.models import Theme


class ProjectPhase(models.TextChoices):
    DEVELOPMENT = "ontwikkelfase", _("Development phase")
    IMPLEMENTATION = "uitvoeringsfase", _("Implementation phase")
    COMPLETED = "afgerond", _("Completed")


class ParticipantRole(models.TextChoices):
    EMPLOYER = "werkgever", _("Employer")
    EMPLOYEE = "werknemer", _("Employee")
    EXPERIENCE_EXPERT = "ervaringsdeskundige", _("Experience expert")
    RESEARCHER = "onderzoeker", _("Researcher")
    PROFESSIONAL = "professional", _("Professional")


class Construct(models.TextChoices):
    """Process-evaluation constructs an observation can be tagged with."""

    REACH = "bereik", _("Reach")
    DOSE = "dosis", _("Dose")
    FIDELITY = "trouw", _("Fidelity")
    ADAPTATION = "aanpassing", _("Adaptation")
    CONTEXT = "context", _("Context")


class Project(models.Model):
    consortium = models.ForeignKey(
        Consortium, verbose_name=_("consortium"), on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(_("title"), max_length=200)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    target_group = models.TextField(_("target group"), max_length=1000, blank=True)
    phase = models.CharField(
        _("phase"), max_length=20, choices=ProjectPhase.choices, default=ProjectPhase.DEVELOPMENT
    )
    business_case_hypothesis = models.TextField(
        _("business-case hypothesis"), max_length=3000, blank=True
    )

    class Meta:
        ordering = ["consortium__name", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title


class CycleStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "gesloten", _("Closed")


class Cycle(models.Model):
    """One action-research cycle: plan, act, observe, reflect."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="cycles"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous cycle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    period_start = models.DateField(_("start of the period"))
    period_end = models.DateField(_("end of the period"), null=True, blank=True)
    plan_question = models.TextField(_("question"), max_length=2000)
    plan_change = models.TextField(_("intended change"), max_length=4000)
    act = models.TextField(_("what was done, and by whom"), max_length=6000, blank=True)
    observe = models.TextField(_("what was seen, with which data"), max_length=6000, blank=True)
    constructs = models.JSONField(_("process-evaluation constructs"), default=list, blank=True)
    reflect_learned = models.TextField(_("what was learned"), max_length=6000, blank=True)
    reflect_next = models.TextField(_("what changes next"), max_length=4000, blank=True)
    participant_roles = models.JSONField(_("participants by role"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN
    )
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(_("version"), default=1)
    is_deleted = models.BooleanField(_("deleted"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"], name="action_research_cycle_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} – {_('cycle')} {self.number}"

    def clean(self) -> None:
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})
        unknown = set(self.participant_roles or []) - set(ParticipantRole.values)
        if unknown:
            raise ValidationError({"participant_roles": _("Unknown role.")})
        if set(self.constructs or []) - set(Construct.values):
            raise ValidationError({"constructs": _("Unknown construct.")})


class RecordChange(models.Model):
    """The history of a research record: one row per create, change, delete or restore."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        CHANGED = "changed", _("changed")
        CLOSED = "closed", _("closed")
        REOPENED = "reopened", _("reopened")
        DELETED = "deleted", _("deleted")
        RESTORED = "restored", _("restored")

    record_type = models.CharField(_("record type"), max_length=40)
    record_id = models.PositiveBigIntegerField(_("record id"))
    consortium = models.ForeignKey(
        Consortium, verbose_name=_("consortium"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    # {field: [old, new]} for changes; the full record for created and deleted.
    changes = models.JSONField(_("changes"), default=dict)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("record change")
        verbose_name_plural = _("record changes")
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id}: {self.action}"
