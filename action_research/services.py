"""Writes for workspace records. Every change is validated, privacy-checked and kept in history."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import Consortium, User
from action_research.models import Cycle, CycleStatus, Project, ProjectPhase, RecordChange
from cms_core.privacy import validate_no_personal_data

CYCLE_TEXT_FIELDS = (
    "plan_question",
    "plan_change",
    "act",
    "observe",
    "reflect_learned",
    "reflect_next",
)
CYCLE_FIELDS = (
    "period_start",
    "period_end",
    *CYCLE_TEXT_FIELDS,
    "constructs",
    "participant_roles",
)


class StaleEditError(Exception):
    """Someone else saved the record after this edit began; nothing was saved."""


def _check_may_write(actor: User, consortium: Consortium) -> None:
    if not permissions.can_write_research_records(actor, consortium):
        raise PermissionError("not allowed to write this consortium's records")


def _check_text(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    for name in CYCLE_TEXT_FIELDS:
        try:
            validate_no_personal_data(str(values.get(name) or ""))
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _record(
    cycle: Cycle, actor: User, action: str, changes: dict[str, Any], reason: str = ""
) -> None:
    RecordChange.objects.create(
        record_type="cycle",
        record_id=cycle.pk,
        consortium=cycle.project.consortium,
        action=action,
        actor=actor,
        changes=changes,
        reason=reason,
    )


def project_for(consortium: Consortium) -> Project:
    """The consortium's project (one per consortium for now), created on first use."""
    project = Project.objects.filter(consortium=consortium).order_by("pk").first()
    if project is None:
        project = Project.objects.create(
            consortium=consortium, title=consortium.name, phase=ProjectPhase.DEVELOPMENT
        )
        project.themes.set(consortium.themes.all())
    return project


@transaction.atomic
def cycle_create(*, actor: User, consortium: Consortium, data: dict[str, Any]) -> Cycle:
    """A new cycle after the last one, linked to it. Raises ValidationError; nothing is saved."""
    _check_may_write(actor, consortium)
    _check_text(data)
    project = project_for(consortium)
    last = project.cycles.filter(is_deleted=False).order_by("-number").first()
    number = (project.cycles.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    cycle = Cycle(project=project, number=number, previous=last)
    for name in CYCLE_FIELDS:
        if name in data:
            setattr(cycle, name, data[name])
    cycle.full_clean()
    cycle.save()
    _record(
        cycle,
        actor,
        RecordChange.Action.CREATED,
        {name: [None, _plain(getattr(cycle, name))] for name in CYCLE_FIELDS},
    )
    return cycle


@transaction.atomic
def cycle_update(*, actor: User, cycle: Cycle, data: dict[str, Any], version: int) -> Cycle:
    """Change a cycle; refused when it changed since `version` was read (optimistic locking)."""
    _check_may_write(actor, cycle.project.consortium)
    _check_text(data)
    current = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if current.version != version or current.is_deleted:
        raise StaleEditError
    changes = {}
    for name in CYCLE_FIELDS:
        if name in data and getattr(current, name) != data[name]:
            changes[name] = [_plain(getattr(current, name)), _plain(data[name])]
            setattr(current, name, data[name])
    if not changes:
        return current
    current.full_clean()
    current.version += 1
    current.save()
    _record(current, actor, RecordChange.Action.CHANGED, changes)
    return current


def _locked(cycle: Cycle, version: int | None = None, *, deleted: bool = False) -> Cycle:
    current = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if current.is_deleted != deleted or (version is not None and current.version != version):
        raise StaleEditError
    return current


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    if len(reason) > 500:
        raise ValidationError({"reason": _("Keep the reason under 500 characters.")})
    validate_no_personal_data(reason)
    return reason


@transaction.atomic
def cycle_close(*, actor: User, cycle: Cycle) -> Cycle:
    _check_may_write(actor, cycle.project.consortium)
    current = _locked(cycle)
    if current.status == CycleStatus.CLOSED:
        return current
    current.status = CycleStatus.CLOSED
    current.version += 1
    current.save()
    _record(current, actor, RecordChange.Action.CLOSED, {"status": ["open", "gesloten"]})
    return current


@transaction.atomic
def cycle_reopen(*, actor: User, cycle: Cycle, reason: str) -> Cycle:
    """A closed cycle opens again only with a reason, kept in its history."""
    _check_may_write(actor, cycle.project.consortium)
    try:
        reason = _reason(reason)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from error
    current = _locked(cycle)
    if current.status != CycleStatus.CLOSED:
        raise ValidationError({"reason": _("This cycle is already open.")})
    current.status = CycleStatus.OPEN
    current.version += 1
    current.save()
    _record(current, actor, RecordChange.Action.REOPENED, {"status": ["gesloten", "open"]}, reason)
    return current


@transaction.atomic
def cycle_delete(*, actor: User, cycle: Cycle) -> Cycle:
    """Soft delete: the cycle leaves the timeline; its coordinator can restore it."""
    _check_may_write(actor, cycle.project.consortium)
    current = _locked(cycle)
    current.is_deleted = True
    current.version += 1
    current.save()
    _record(current, actor, RecordChange.Action.DELETED, {"is_deleted": [False, True]})
    return current


@transaction.atomic
def cycle_restore(*, actor: User, cycle: Cycle) -> Cycle:
    """Only the consortium's coordinators (and programme staff) restore a deleted cycle."""
    if not permissions.can_manage_consortium(actor, cycle.project.consortium):
        raise PermissionError("only coordinators restore deleted records")
    current = _locked(cycle, deleted=True)
    current.is_deleted = False
    current.version += 1
    current.save()
    _record(current, actor, RecordChange.Action.RESTORED, {"is_deleted": [True, False]})
    return current


def next_cycle_initial(consortium: Consortium) -> dict[str, Any]:
    """A new cycle starts from the previous cycle's "what changes next"."""
    project = Project.objects.filter(consortium=consortium).order_by("pk").first()
    last = project.cycles.filter(is_deleted=False).order_by("-number").first() if project else None
    initial: dict[str, Any] = {"period_start": timezone.localdate()}
    if last is not None and last.reflect_next:
        initial["plan_change"] = last.reflect_next
    if last is not None and last.status == CycleStatus.OPEN:
        initial["_previous_open"] = last.number
    return initial
