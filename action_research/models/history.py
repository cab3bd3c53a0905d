"""The history of research records (append-only) and the import batches that changed them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Consortium
from action_research.models.base import HistoryBypassError, guard_history


class ImportKind(models.TextChoices):
    TRAJECTORIES = "trajecten", _("Trajectories")
    PROCESS = "procesevaluatie", _("Process evaluation")
    COSTS = "kosten", _("Costs")


class ImportBatch(models.Model):
    """One accepted upload: what came in, from whom, and what it changed."""

    consortium = models.ForeignKey(
        Consortium, verbose_name=_("consortium"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    rows = models.PositiveIntegerField(_("rows"))
    created = models.PositiveIntegerField(_("new records"))
    changed = models.PositiveIntegerField(_("changed records"))
    unchanged = models.PositiveIntegerField(_("unchanged records"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"


class RecordChangeQuerySet(models.QuerySet["RecordChange"]):
    """History is append-only: rows are added, never changed or removed."""

    def update(self, **kwargs: Any) -> int:
        raise HistoryBypassError("the history of research records cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise HistoryBypassError("the history of research records cannot be deleted")

    def bulk_update(self, objs: Any, fields: Any, *args: Any, **kwargs: Any) -> int:
        raise HistoryBypassError("the history of research records cannot be changed")

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[RecordChange]:
        guard_history("RecordChange bulk_create()")
        return super().bulk_create(objs, *args, **kwargs)


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
    # {field: [old, new]}; for a created record every field with None as the old value.
    changes = models.JSONField(_("changes"), default=dict)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    # A short description of the record at the time, for activity lists ("Cycle 3", "TS-4K7P2QG").
    label = models.CharField(_("record"), max_length=120, blank=True)
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changes",
    )

    objects = RecordChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("record change")
        verbose_name_plural = _("record changes")
        base_manager_name = "objects"  # no way around the append-only queryset
        indexes = [
            models.Index(fields=["record_type", "record_id"]),
            models.Index(fields=["consortium", "-at"]),
            models.Index(fields=["consortium", "record_type", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id}: {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise HistoryBypassError("the history of research records cannot be changed")
        guard_history("RecordChange.save()")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise HistoryBypassError("the history of research records cannot be deleted")
