"""What every workspace write shares: permission and privacy checks, locking, soft delete."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Consortium, User
from action_research import history, permissions
from action_research.models import Project, ProjectPhase, RecordChange, ResearchRecord
from cms_core.privacy import validate_no_personal_data

R = TypeVar("R", bound=ResearchRecord)


class StaleEditError(Exception):
    """Someone else saved the record after this edit began; nothing was saved."""


def check_may_write(
    actor: User, consortium: Consortium, project: Project | None, section: str
) -> None:
    """Raises PermissionError unless the actor may write this section of the consortium."""
    if not permissions.can_write_section(actor, consortium, project, section):
        raise PermissionError(f"not allowed to write {section} of this consortium")


def check_privacy(texts: Iterable[tuple[str, str]]) -> None:
    """Refuse BSNs, e-mail addresses and phone numbers in free text, per field."""
    errors: dict[str, list[str]] = {}
    for name, text in texts:
        try:
            validate_no_personal_data(text)
        except ValidationError as error:
            for message in error.messages:
                if message not in errors.get(name, []):
                    errors.setdefault(name, []).append(message)
    if errors:
        raise ValidationError(errors)


def validate(record: ResearchRecord) -> None:
    """Privacy first (its message is the one that matters), then the record's own rules, then
    the rules against its siblings (the database constraints stay as the last guard)."""
    check_privacy(record.free_texts())
    record.full_clean(validate_constraints=False)
    record.clean_siblings()


def clean_reason(reason: str) -> str:
    """A reason for reopening or restoring: required, short, without personal data."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    if len(reason) > 500:
        raise ValidationError({"reason": _("Keep the reason under 500 characters.")})
    try:
        validate_no_personal_data(reason)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from error
    return reason


def project_of(consortium: Consortium) -> Project | None:
    """The consortium's project, or None while nothing has been recorded yet."""
    return Project.objects.filter(consortium=consortium).order_by("pk").first()


def project_get_or_create(*, actor: User, consortium: Consortium) -> Project:
    """The consortium's project (one per consortium), created with history on first write."""
    project = project_of(consortium)
    if project is None:
        phase = (
            consortium.status
            if consortium.status in ProjectPhase.values
            else ProjectPhase.DEVELOPMENT
        )
        project = Project(consortium=consortium, title=consortium.name, phase=phase)
        project.full_clean()
        history.save_new(project, actor=actor)
        project.themes.set(consortium.themes.all())
    return project


def assign(record: ResearchRecord, data: dict[str, Any], fields: Iterable[str]) -> None:
    for name in fields:
        if name in data:
            setattr(record, name, data[name])


def locked(record: R, *, version: int | None = None, deleted: bool = False) -> R:
    """The record, freshly read and locked; StaleEditError when it changed or moved meanwhile."""
    current = type(record).objects.select_for_update().get(pk=record.pk)
    if current.is_deleted != deleted or (version is not None and current.version != version):
        raise StaleEditError
    return current  # type: ignore[no-any-return]


@transaction.atomic
def record_create(
    *, actor: User, consortium: Consortium, record: R, data: dict[str, Any], fields: Iterable[str]
) -> R:
    """Fill a new record of the consortium's project from `data`, check it and save it."""
    check_may_write(actor, consortium, project_of(consortium), record.SECTION)
    record.project = project_get_or_create(actor=actor, consortium=consortium)  # type: ignore[attr-defined]
    assign(record, data, fields)
    validate(record)
    history.save_new(record, actor=actor)
    return record


@transaction.atomic
def record_update(
    *, actor: User, record: R, data: dict[str, Any], version: int, fields: Iterable[str]
) -> R:
    """Change a record; StaleEditError when it changed since `version` was read."""
    if not permissions.can_write_record(actor, record):
        raise PermissionError("not allowed to change this record")
    current = locked(record, version=version)
    before = history.snapshot(current)
    assign(current, data, fields)
    validate(current)
    history.save_changes(current, actor=actor, before=before)
    return current


@transaction.atomic
def record_delete(*, actor: User, record: R) -> R:
    """Soft delete: the record leaves every list; the consortium's coordinators can restore it."""
    if not permissions.can_write_record(actor, record):
        raise PermissionError("not allowed to remove this record")
    current = locked(record)
    current.is_deleted = True
    history.save_changes(
        current,
        actor=actor,
        before=history.snapshot(current),
        action=RecordChange.Action.DELETED,
        extra={"is_deleted": [False, True]},
    )
    return current


@transaction.atomic
def record_restore(*, actor: User, record: R) -> R:
    """Coordinators and programme staff restore a removed record, if it still fits.

    Raises ValidationError when another record took its place meanwhile (the same period,
    label or cost), PermissionError for anyone else.
    """
    project: Project = record.project  # type: ignore[attr-defined]
    if not permissions.can_manage_workspace(actor, project.consortium):
        raise PermissionError("only coordinators restore removed records")
    current = locked(record, deleted=True)
    current.is_deleted = False
    current.full_clean(validate_constraints=False)
    current.clean_siblings()
    history.save_changes(
        current,
        actor=actor,
        before=history.snapshot(current),
        action=RecordChange.Action.RESTORED,
        extra={"is_deleted": [True, False]},
    )
    return current
