"""Reads shared by every workspace page: the workspace for a viewer, records, history, activity."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Consortium, Membership
from action_research import permissions
from action_research.models import (
    RECORD_TYPES,
    InvolvementLevel,
    InvolvementPhase,
    Project,
    RecordChange,
    ResearchRecord,
    Section,
)

R = TypeVar("R", bound=ResearchRecord)

# The page of each section, by URL name (namespace action_research).
SECTION_URLS = {
    Section.CYCLES: "action_research:workspace",
    Section.PROCESS: "action_research:process_list",
    Section.TRAJECTORIES: "action_research:trajectory_list",
    Section.COSTS: "action_research:cost_list",
    Section.EXPERTS: "action_research:expert_overview",
}


@dataclass
class Workspace:
    """A consortium's workspace as one viewer may use it."""

    consortium: Consortium
    project: Project | None
    viewer: Any
    _readable: dict[str, bool] = field(default_factory=dict)

    def can_read(self, section: str) -> bool:
        if section not in self._readable:
            self._readable[section] = permissions.can_read_section(
                self.viewer, self.consortium, self.project, section
            )
        return self._readable[section]

    def can_write(self, section: str) -> bool:
        return permissions.can_write_section(self.viewer, self.consortium, self.project, section)

    @property
    def can_manage(self) -> bool:
        return permissions.can_manage_workspace(self.viewer, self.consortium)

    @property
    def sections(self) -> list[tuple[str, str, str]]:
        """(section, label, URL name) of every section the viewer may read, in order."""
        return [
            (section.value, str(section.label), SECTION_URLS[section])
            for section in Section
            if self.can_read(section.value)
        ]

    def members(self) -> list[Membership]:
        """The consortium's active members with their role (people, not research subjects)."""
        return list(
            Membership.objects.filter(consortium=self.consortium, is_active=True)
            .select_related("user")
            .order_by("role", "user__display_name")
        )

    def readable_record_types(self) -> list[str]:
        return [name for name, model in RECORD_TYPES.items() if self.can_read(model.SECTION)]


def workspace_get(
    *, viewer: Any, slug: str, section: str = "project", write: bool = False
) -> Workspace:
    """The workspace of the consortium with this slug, for this viewer.

    Raises Http404 when the viewer may not read the consortium's records at all (so another
    consortium's workspace is not even confirmed to exist), PermissionDenied when the section is
    not shared with them or they may not write it.
    """
    consortium = Consortium.objects.filter(slug=slug).first()
    if consortium is None or not permissions.can_read_workspace(viewer, consortium):
        raise Http404
    project = Project.objects.filter(consortium=consortium).order_by("pk").first()
    workspace = Workspace(consortium=consortium, project=project, viewer=viewer)
    if not workspace.can_read(section):
        raise PermissionDenied
    if write and not workspace.can_write(section):
        raise PermissionDenied
    return workspace


def records_of(workspace: Workspace, model: type[R], *, deleted: bool = False) -> QuerySet[R]:
    """The workspace's records of one kind (alive, or only the removed ones)."""
    if workspace.project is None:
        return model.objects.none()  # type: ignore[no-any-return]
    return model.objects.filter(project=workspace.project, is_deleted=deleted)  # type: ignore[no-any-return]


def record_get(workspace: Workspace, model: type[R], *, deleted: bool = False, **lookup: Any) -> R:
    """One record of the workspace; Http404 when it is not there (or not this consortium's)."""
    record = records_of(workspace, model, deleted=deleted).filter(**lookup).first()
    if record is None:
        raise Http404
    return record


def record_any_get(workspace: Workspace, record_type: str, pk: int) -> ResearchRecord:
    """A record of any kind, removed or not, for its history page; Http404 or PermissionDenied."""
    model = RECORD_TYPES.get(record_type)
    if model is None or workspace.project is None:
        raise Http404
    if model is Project:
        record: ResearchRecord | None = workspace.project if workspace.project.pk == pk else None
    else:
        record = model.objects.filter(project=workspace.project, pk=pk).first()  # type: ignore[misc]
    if record is None:
        raise Http404
    if not workspace.can_read(model.SECTION):
        raise PermissionDenied
    return record


def display_value(model: type[Model], name: str, value: Any) -> str:
    """A history value as people read it: choice labels, dates, yes/no, a dash for nothing."""
    if value is None or value == "" or value == []:
        return "–"
    try:
        model_field: Any = model._meta.get_field(name)
    except FieldDoesNotExist:
        model_field = None
    choices = dict(model_field.flatchoices) if getattr(model_field, "choices", None) else {}
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(display_value(model, name, item) for item in value)
    if isinstance(value, dict) and name == "levels":  # an expert's row of the matrix
        phases, levels = dict(InvolvementPhase.choices), dict(InvolvementLevel.choices)
        return "; ".join(
            f"{phases.get(phase, phase)}: {str(levels.get(level, level)).lower()}"
            for phase, level in value.items()
        )
    if isinstance(value, dict):
        return "; ".join(
            f"{key}: {display_value(model, name, item)}" for key, item in value.items()
        )
    if value in choices:
        return str(choices[value])
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date_format(datetime.date.fromisoformat(value), "j F Y")
        except ValueError:
            pass
    return str(value)


def field_label(model: type[Model], name: str) -> str:
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:
        labels = {
            "is_deleted": _("removed"),
            "trajectory_code": _("trajectory"),
            "expert_label": _("brought in by"),
            "cycle_number": _("in cycle"),
        }
        return str(labels.get(name, name))


@dataclass
class HistoryEntry:
    change: RecordChange
    fields: list[tuple[str, str, str]]  # (label, old, new), as people read them


def record_history(record: ResearchRecord) -> list[HistoryEntry]:
    """Every change of a record, newest first, in words."""
    model = type(record)
    changes = RecordChange.objects.filter(
        record_type=record.record_type(), record_id=record.pk
    ).select_related("actor", "batch")
    return [
        HistoryEntry(
            change=change,
            fields=[
                (
                    field_label(model, name),
                    display_value(model, name, old),
                    display_value(model, name, new),
                )
                for name, (old, new) in change.changes.items()
            ],
        )
        for change in changes
    ]


def activity(
    workspace: Workspace, *, record_type: str = "", limit: int | None = None
) -> QuerySet[RecordChange] | list[RecordChange]:
    """Everything logged in the workspace, newest first (only sections the viewer may read).

    Without a filter the index on (consortium, -at) yields the newest rows directly; a list of
    record types would make the database read every row first, so it filters only when the
    viewer may not read everything, and then (for a short list) per type.
    """
    readable = workspace.readable_record_types()
    changes = (
        RecordChange.objects.filter(consortium=workspace.consortium)
        .select_related("actor", "batch")
        .defer("changes")
    )
    if record_type:
        changes = changes.filter(record_type=record_type if record_type in readable else "")
    elif set(readable) != set(RECORD_TYPES):
        if limit:
            newest = [row for name in readable for row in changes.filter(record_type=name)[:limit]]
            return sorted(newest, key=lambda row: (row.at, row.pk), reverse=True)[:limit]
        changes = changes.filter(record_type__in=readable)
    return changes[:limit] if limit else changes


def removed_records(workspace: Workspace) -> list[ResearchRecord]:
    """Every removed record of the workspace, for the coordinator's restore list."""
    if workspace.project is None:
        return []
    removed: list[ResearchRecord] = []
    for model in RECORD_TYPES.values():
        if model is Project:
            continue
        removed += list(records_of(workspace, model, deleted=True).order_by("-updated_at"))
    return sorted(removed, key=lambda record: record.updated_at, reverse=True)


def research_data_version() -> int:
    """A number that moves on with every change to any research record (the newest history
    entry): what derived figures, such as the evaluation's, are cached against."""
    newest = RecordChange.objects.order_by("-pk").values_list("pk", flat=True).first()
    return newest or 0
