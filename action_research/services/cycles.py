"""Action-research cycles and their attachments."""

from __future__ import annotations

import hashlib
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

CYCLE_FIELDS = Cycle.HISTORY_FIELDS
CYCLE_TEXT_FIELDS = Cycle.TEXT_FIELDS

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_CYCLE = 20
# Extension → (content type, magic bytes at the start of the file; None: plain text).
ATTACHMENT_TYPES: dict[str, tuple[str, bytes | None]] = {
    "pdf": ("application/pdf", b"%PDF-"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        b"PK\x03\x04",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", b"PK\x03\x04"),
    "txt": ("text/plain", None),
    "csv": ("text/csv", None),
}


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


def _check_attachment(upload: UploadedFile) -> tuple[str, str]:
    """The file's extension and content type; ValidationError when it is not acceptable."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            {
                "file": _("Files of this kind cannot be attached. Allowed: %(kinds)s.")
                % {"kinds": ", ".join(sorted({e for e in ATTACHMENT_TYPES if e != "jpeg"}))}
            }
        )
    if upload.size is None or upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than 10 MB; make it smaller or split it up.")}
        )
    content_type, magic = ATTACHMENT_TYPES[extension]
    upload.seek(0)
    head = upload.read(8)
    if magic is not None and not head.startswith(magic):
        raise ValidationError(
            {
                "file": _("The content of the file does not match its name (.%(ext)s).")
                % {"ext": extension}
            }
        )
    if magic is None:
        upload.seek(0)
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError({"file": _("A text file must be saved as UTF-8.")}) from error
        check_privacy([("file", text)])
    upload.seek(0)
    return extension, content_type


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
    _extension, content_type = _check_attachment(upload)
    original_name = (upload.name or "bestand").rsplit("/", 1)[-1][:200]
    check_privacy([("file", original_name)])
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = CycleAttachment(
        project=current.project,
        cycle=current,
        original_name=original_name,
        content_type=content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
    )
    attachment.file.save(original_name, upload, save=False)
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
