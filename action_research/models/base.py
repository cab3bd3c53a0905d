"""What every research record shares, and the guard that keeps its history complete.

A research record (cycle, process evaluation, trajectory, cost, experience-expert input, …)
carries a version for optimistic locking, a soft-delete flag and timestamps. Its history
(`RecordChange`: who, when, old → new) is written by `action_research.history` in the same
transaction as the change itself. History libraries that hook `save()` miss `update()`,
`bulk_create()` and `bulk_update()`; here every one of those, and a plain `save()`, raises
`HistoryBypassError` unless `action_research.history` is the caller. Nothing is ever deleted
from the database: deletes are soft and restorable.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

_history_writer: ContextVar[bool] = ContextVar("action_research_history_writer", default=False)


class HistoryBypassError(RuntimeError):
    """A write to research records that would not be kept in their history."""


@contextmanager
def history_writing() -> Iterator[None]:
    """Allow writes to research records; only `action_research.history` enters this."""
    token = _history_writer.set(True)
    try:
        yield
    finally:
        _history_writer.reset(token)


def guard_history(operation: str) -> None:
    if not _history_writer.get():
        raise HistoryBypassError(
            f"{operation} on a research record would bypass its history; "
            "write through action_research.services (which use action_research.history)"
        )


class ResearchRecordQuerySet(models.QuerySet[Any]):
    """Refuses bulk writes that would not be kept in history; offers `alive()`."""

    def alive(self) -> ResearchRecordQuerySet:
        return self.filter(is_deleted=False)

    def update(self, **kwargs: Any) -> int:
        guard_history("QuerySet.update()")
        return super().update(**kwargs)

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        guard_history("QuerySet.bulk_create()")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs: Any, fields: Any, *args: Any, **kwargs: Any) -> int:
        guard_history("QuerySet.bulk_update()")
        return super().bulk_update(objs, fields, *args, **kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise HistoryBypassError("research records are never deleted; delete them softly")


class ResearchRecord(models.Model):
    """Abstract base of every research record.

    Subclasses name the fields their history keeps (`HISTORY_FIELDS`), the free-text fields
    that must hold no personal data (`TEXT_FIELDS`) and the workspace section they belong to
    (`SECTION`, see `action_research.permissions`). Every record has a `project` (a Project is
    its own), through which it belongs to a consortium.
    """

    HISTORY_FIELDS: ClassVar[tuple[str, ...]] = ()
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ()
    SECTION: ClassVar[str] = ""

    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(_("version"), default=1)
    is_deleted = models.BooleanField(_("deleted"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ResearchRecordQuerySet.as_manager()

    class Meta:
        abstract = True
        # Django's internal manager is ours too, so that `_base_manager.update()` is guarded.
        base_manager_name = "objects"

    def save(self, *args: Any, **kwargs: Any) -> None:
        guard_history(f"{type(self).__name__}.save()")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise HistoryBypassError("research records are never deleted; delete them softly")

    def clean_siblings(self) -> None:
        """Rules against the project's other records (overlaps, duplicates); services run it
        after `full_clean()`. Imports check a whole file against these rules themselves."""

    def free_texts(self) -> list[tuple[str, str]]:
        """(field, text) for every free text that must hold no personal data."""
        return [(name, str(getattr(self, name) or "")) for name in self.TEXT_FIELDS]

    @classmethod
    def record_type(cls) -> str:
        return cls._meta.model_name or cls.__name__.lower()
