"""Action-research cycles and their attachments."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Consortium, User
from action_research import history, permissions
from action_research.models import Cycle, CycleAttachment, CycleStatus, RecordChange
from action_research.services.common import (
    StaleEditError,
    check_may_write,
    check_privacy,
    clean_reason,
    locked,
    project_get_or_create,
    project_of,
    record_delete,
    record_restore,
    record_update,
    validate,
)
from cms_core.uploads import check_upload

CYCLE_FIELDS = Cycle.HISTORY_FIELDS
CYCLE_TEXT_FIELDS = Cycle.TEXT_FIELDS

MAX_ATTACHMENTS_PER_CYCLE = 20


@transaction.atomic
def cycle_create(*, actor: User, consortium: Consortium, data: dict[str, Any]) -> Cycle:
    """A new cycle after the last one, linked to it. Raises ValidationError; nothing is saved."""
    check_may_write(actor, consortium, project_of(consortium), Cycle.SECTION)
    project = project_get_or_create(actor=actor, consortium=consortium)
    last = project.cycles.filter(is_deleted=False).order_by("-number").first()
    number = (project.cycles.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    cycle = Cycle(project=project, number=number, previous=last)
    for name in CYCLE_FIELDS:
        if name in data:
            setattr(cycle, name, data[name])
    validate(cycle)
    history.save_new(cycle, actor=actor)
    return cycle


def cycle_update(*, actor: User, cycle: Cycle, data: dict[str, Any], version: int) -> Cycle:
    """Change a cycle; refused when it changed since `version` was read (optimistic locking)."""
    return record_update(actor=actor, record=cycle, data=data, version=version, fields=CYCLE_FIELDS)


@transaction.atomic
def cycle_close(*, actor: User, cycle: Cycle) -> Cycle:
    if not permissions.can_write_record(actor, cycle):
        raise PermissionError("not allowed to close this cycle")
    current = locked(cycle)
    if current.status == CycleStatus.CLOSED:
        return current
    current.status = CycleStatus.CLOSED
    history.save_changes(
        current,
        actor=actor,
        before=history.snapshot(current),
        action=RecordChange.Action.CLOSED,
        extra={"status": [CycleStatus.OPEN.value, CycleStatus.CLOSED.value]},
    )
    return current


@transaction.atomic
def cycle_reopen(*, actor: User, cycle: Cycle, reason: str) -> Cycle:
    """A closed cycle opens again only with a reason, kept in its history."""
    if not permissions.can_write_record(actor, cycle):
        raise PermissionError("not allowed to reopen this cycle")
    reason = clean_reason(reason)
    current = locked(cycle)
    if current.status != CycleStatus.CLOSED:
        raise ValidationError({"reason": _("This cycle is already open.")})
    current.status = CycleStatus.OPEN
    history.save_changes(
        current,
        actor=actor,
        before=history.snapshot(current),
        action=RecordChange.Action.REOPENED,
        reason=reason,
        extra={"status": [CycleStatus.CLOSED.value, CycleStatus.OPEN.value]},
    )
    return current


def cycle_delete(*, actor: User, cycle: Cycle) -> Cycle:
    """Soft delete: the cycle leaves the timeline; its coordinator can restore it."""
    return record_delete(actor=actor, record=cycle)


def cycle_restore(*, actor: User, cycle: Cycle) -> Cycle:
    """Only the consortium's coordinators (and programme staff) restore a deleted cycle."""
    return record_restore(actor=actor, record=cycle)


def next_cycle_initial(consortium: Consortium) -> dict[str, Any]:
    """A new cycle starts from the previous cycle's "what changes next"."""
    project = project_of(consortium)
    last = project.cycles.filter(is_deleted=False).order_by("-number").first() if project else None
    initial: dict[str, Any] = {"period_start": timezone.localdate()}
    if last is not None and last.reflect_next:
        initial["plan_change"] = last.reflect_next
    if last is not None and last.status == CycleStatus.OPEN:
        initial["_previous_open"] = last.number
    return initial


@transaction.atomic
def attachment_add(*, actor: User, cycle: Cycle, upload: UploadedFile) -> CycleAttachment:
    """Keep a file with a cycle. Checks kind, content, size and (for text) personal data."""
    if not permissions.can_write_record(actor, cycle):
        raise PermissionError("not allowed to add files to this cycle")
    current = locked(cycle)
    if current.attachments.filter(is_deleted=False).count() >= MAX_ATTACHMENTS_PER_CYCLE:
        raise ValidationError(
            {"file": _("A cycle has at most %(max)s files.") % {"max": MAX_ATTACHMENTS_PER_CYCLE}}
        )
    checked = check_upload(upload, privacy=check_privacy)
    attachment = CycleAttachment(
        project=current.project,
        cycle=current,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    attachment.file.save(checked.name, upload, save=False)
    try:
        attachment.full_clean(exclude=["file"])
        history.save_new(attachment, actor=actor)
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


def attachment_remove(*, actor: User, attachment: CycleAttachment) -> CycleAttachment:
    """Soft delete: the file is kept, so a coordinator can restore it."""
    return record_delete(actor=actor, record=attachment)


__all__ = [
    "CYCLE_FIELDS",
    "CYCLE_TEXT_FIELDS",
    "StaleEditError",
    "attachment_add",
    "attachment_remove",
    "cycle_close",
    "cycle_create",
    "cycle_delete",
    "cycle_reopen",
    "cycle_restore",
    "cycle_update",
    "next_cycle_initial",
]
